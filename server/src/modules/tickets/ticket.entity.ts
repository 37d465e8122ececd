import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { PartLine, TicketCoverage, TicketStatus, TicketType, Urgency } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/** A part line on the ticket: what was taken, from where, at the price of the day (see parts/consume.ts). */
export type PartUsed = PartLine;

@Entity('tickets')
@Index('uq_tickets_tenant_number', ['tenantId', 'number'], { unique: true })
@Index('uq_tickets_tenant_idempotency', ['tenantId', 'idempotencyKey'], { unique: true })
@Index('ix_tickets_tenant_status_created', ['tenantId', 'status', 'createdAt'])
@Index('ix_tickets_tenant_engineer_status', ['tenantId', 'engineerId', 'status'])
@Index('ix_tickets_tenant_site_created', ['tenantId', 'siteId', 'createdAt'])
@Index('ix_tickets_asset_status', ['assetId', 'status'])
@Index('ix_tickets_reporter_created', ['reporterOpenid', 'createdAt'])
@Index('ix_tickets_asset_device', ['assetId', 'deviceId', 'createdAt'])
// Staff list newest first over a whole tenant: a page reads 20 index entries, not a million-row sort.
@Index('ix_tickets_tenant_created', ['tenantId', 'createdAt', 'id'])
// The dispatch sweeper (every 5 s, all tenants) looks up overdue offers and stuck tickets without a full scan.
@Index('ix_tickets_status_offer_expires', ['status', 'offerExpiresAt'])
@Index('ix_tickets_status_updated', ['status', 'updatedAt'])
// The dashboard's open-backlog and awaiting-dispatcher counts, from the index alone (reports/kpi.service.ts queueNow).
@Index('ix_tickets_queue_now', ['tenantId', 'status', 'needsDispatcher', 'siteId'])
// The escalation sweep reads only the tickets whose next SLA instant has come (modules/sla/sla.sweep.ts).
@Index('ix_tickets_sla_next', ['slaNextAt'])
export class Ticket {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 24 })
  number: string;

  @Column('int')
  assetId: number;

  @Column('int')
  siteId: number;

  @Column('varchar', { length: 20 })
  status: TicketStatus;

  /** 'preventive' for a visit generated from a PM plan. */
  @Column('varchar', { length: 12, default: 'repair' })
  type: TicketType;

  /** The ticket this one was opened from: a corrective repair after a failed PM check. */
  @Column('int', { nullable: true })
  sourceTicketId: number | null;

  @Column('varchar', { length: 50, nullable: true })
  category: string | null;

  @Column('text')
  description: string;

  @Column('varchar', { length: 8 })
  urgency: Urgency;

  @Column('varchar', { length: 50, nullable: true })
  contactName: string | null;

  @Column('varchar', { length: 32 })
  contactPhone: string;

  /** The reporter's WeChat openid when they filed signed in: "my requests" and status messages. */
  @Column('varchar', { length: 64, nullable: true })
  reporterOpenid: string | null;

  /** The reporter form's random device id, when it sent one (knowledge-base deflection counting). */
  @Column('varchar', { length: 64, nullable: true })
  deviceId: string | null;

  @Index('uq_tickets_tracking_token', { unique: true })
  @Column('varchar', { length: 32 })
  trackingToken: string;

  @Column('varchar', { length: 100, nullable: true })
  idempotencyKey: string | null;

  /** Hash of the intake body, so a reused Idempotency-Key with different content is refused. */
  @Column('varchar', { length: 64, nullable: true })
  requestHash: string | null;

  @Column('int', { nullable: true })
  engineerId: number | null;

  /** Bumped when dispatch starts over (reopen, manual assignment): earlier refusals no longer exclude. */
  @Column('int', { default: 1 })
  dispatchCycle: number;

  /** Bumped for every batch of offers; timeouts and accepts are checked against it. */
  @Column('int', { default: 0 })
  dispatchRound: number;

  @Column('boolean', { default: false })
  needsDispatcher: boolean;

  @DateTimeColumn({ nullable: true })
  offerExpiresAt: Date | null;

  @Column('text', { nullable: true })
  resolutionNotes: string | null;

  @JsonColumn({ nullable: true })
  partsUsed: PartUsed[] | null;

  /** Who pays, decided at intake (parts/coverage.ts); tickets from before coverage existed read as chargeable. */
  @Column('varchar', { length: 12, default: 'chargeable' })
  coverage: TicketCoverage;

  @Column('int', { nullable: true })
  rating: number | null;

  @Column('varchar', { length: 500, nullable: true })
  ratingComment: string | null;

  @DateTimeColumn({ nullable: true })
  ratedAt: Date | null;

  @Column('int', { default: 1 })
  version: number;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;

  @DateTimeColumn({ nullable: true })
  acceptedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  arrivedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  resolvedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  closedAt: Date | null;

  /**
   * The next instant something SLA-wise happens (an unfired escalation level falls due, a deadline passes);
   * null: nothing will until the ticket changes. Set to now by intake, every transition and policy or
   * calendar edits; the escalation sweep replays the clocks then and sets the next one.
   */
  @DateTimeColumn({ nullable: true })
  slaNextAt: Date | null;

  /** Each target's outcome as the sweep recorded it: 1 met, 0 breached (final), null undecided or no target. */
  @Column('smallint', { nullable: true })
  slaResponseOutcome: number | null;

  @Column('smallint', { nullable: true })
  slaArrivalOutcome: number | null;

  @Column('smallint', { nullable: true })
  slaResolutionOutcome: number | null;
}
