import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SlaTargetKind } from '@baoxiu/shared';
import { DateTimeColumn } from '../../db/columns';
import type { ClockEventKind } from './clock.replay';

/**
 * The append-only clock ledger: per ticket and target, start / pause / resume / met / reset with their cause,
 * written in the transaction of the ticket change that caused them. Deadlines are replayed from it, never stored.
 */
@Entity('sla_clock_events')
@Index('ix_sla_clock_events_ticket', ['ticketId', 'id'])
export class SlaClockEvent {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  ticketId: number;

  @Column('varchar', { length: 12 })
  target: SlaTargetKind;

  @Column('varchar', { length: 8 })
  kind: ClockEventKind;

  /** What caused it: "created", "status:waiting_customer", "accepted", "reopened", "cancelled" … */
  @Column('varchar', { length: 40 })
  cause: string;

  @DateTimeColumn()
  at: Date;
}
