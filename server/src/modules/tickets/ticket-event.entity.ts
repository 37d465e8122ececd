import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { ActorType, TicketEventType, TicketStatus } from '@baoxiu/shared';
import { DateTimeColumn } from '../../db/columns';

/** Append-only audit log: one row per transition, never updated. */
@Entity('ticket_events')
@Index('ix_ticket_events_ticket', ['ticketId', 'id'])
export class TicketEvent {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  ticketId: number;

  @Column('varchar', { length: 20 })
  type: TicketEventType;

  @Column('varchar', { length: 20, nullable: true })
  fromStatus: TicketStatus | null;

  @Column('varchar', { length: 20, nullable: true })
  toStatus: TicketStatus | null;

  @Column('varchar', { length: 16 })
  actorType: ActorType;

  @Column('int', { nullable: true })
  actorId: number | null;

  @Column('varchar', { length: 1000, nullable: true })
  note: string | null;

  @DateTimeColumn()
  createdAt: Date;
}
