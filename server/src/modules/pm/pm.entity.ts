import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PmChecklistItem, PmHolidayPolicy } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

export interface PmTarget {
  assetIds?: number[];
  siteId?: number;
  category?: string;
}

export interface PmChecklistResult {
  answers: Array<{ itemId: string; value: boolean | number | string }>;
  failed: string[];
  at: string;
}

/** A preventive-maintenance plan: which assets, on which dates (RRULE + holiday policy), and what to check. */
@Entity('pm_plans')
@Index('ix_pm_plans_tenant', ['tenantId', 'id'])
@Index('ix_pm_plans_active', ['active', 'id'])
export class PmPlanRow {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 120 })
  name: string;

  @JsonColumn()
  target: PmTarget;

  @Column('varchar', { length: 500 })
  rrule: string;

  /** Local day "YYYY-MM-DD": the rule's start (floating, see recurrence.ts). */
  @Column('varchar', { length: 10 })
  startsOn: string;

  @Column('varchar', { length: 12 })
  basedOn: 'schedule' | 'completion';

  @Column('int')
  leadDays: number;

  @Column('varchar', { length: 8 })
  holidayPolicy: PmHolidayPolicy;

  /** Items with stable ids (kept across edits), so resolve answers and past results keep naming the same item. */
  @JsonColumn()
  checklist: PmChecklistItem[];

  @Column('boolean', { default: true })
  active: boolean;

  /**
   * The tenant day of the plan's last complete sweep: visits due after it and before today were never generated
   * (the worker was down) and the next sweep back-fills them, marked late. Null for a new or resumed plan: it starts
   * from today.
   */
  @Column('varchar', { length: 10, nullable: true })
  generatedThrough: string | null;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}

/**
 * One visit of a plan to an asset on a due date. The unique key is what makes generation exactly-once: the row is
 * written with its ticket in one transaction, and a second worker's transaction writing the same visit hits the key
 * (or the ticket's idempotency key) and rolls back whole (pm.generate.ts).
 */
@Entity('pm_occurrences')
@Index('uq_pm_occurrences_key', ['planId', 'assetId', 'dueOn'], { unique: true })
@Index('ix_pm_occurrences_tenant_due', ['tenantId', 'dueOn'])
@Index('ix_pm_occurrences_ticket', ['ticketId'])
export class PmOccurrenceRow {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  planId: number;

  @Column('int')
  assetId: number;

  @Column('varchar', { length: 10 })
  dueOn: string;

  @Column('int', { nullable: true })
  ticketId: number | null;

  /** The checklist as the engineer filled it on resolve (itemId → value), with the items that failed. */
  @JsonColumn({ nullable: true })
  results: PmChecklistResult | null;

  /** The corrective repair opened from a failed check or an out-of-range reading. */
  @Column('int', { nullable: true })
  correctiveTicketId: number | null;

  /** The inserting sweep's random token (one per transaction): which sweep wrote the row. */
  @Column('varchar', { length: 32 })
  claim: string;

  /** Generated only once already past its due date (a back-filled visit the worker missed): overdue from the start. */
  @Column('boolean', { default: false })
  late: boolean;

  @DateTimeColumn()
  createdAt: Date;
}
