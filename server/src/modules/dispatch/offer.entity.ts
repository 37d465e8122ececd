import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

export type OfferKind = 'auto' | 'pool' | 'assign';
export type OfferStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

@Entity('offers')
@Index('ix_offers_ticket_status', ['ticketId', 'status'])
@Index('ix_offers_tenant_engineer_status', ['tenantId', 'engineerId', 'status'])
// When an engineer was last offered a job, for dispatch's round robin (MAX in one index dive).
@Index('ix_offers_tenant_engineer_created', ['tenantId', 'engineerId', 'createdAt'])
export class Offer {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  ticketId: number;

  @Column('int')
  engineerId: number;

  @Column('int')
  cycle: number;

  @Column('int')
  round: number;

  @Column('varchar', { length: 8 })
  kind: OfferKind;

  @Column('varchar', { length: 12 })
  status: OfferStatus;

  @Column('varchar', { length: 500, nullable: true })
  reason: string | null;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  expiresAt: Date;

  @DateTimeColumn({ nullable: true })
  respondedAt: Date | null;
}
