import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

/** Which dimensions a rollup row keeps (a bit each); the dimensions it does not keep are summed over. */
export const SITE = 1;
export const CATEGORY = 2;
export const ENGINEER = 4;
/** Every grain of a day row, 0 (the tenant's whole day) to 7 (site × category × engineer). */
export const GRAINS = [0, 1, 2, 3, 4, 5, 6, 7] as const;
export const FINEST = SITE | CATEGORY | ENGINEER;
/** Added to a grain: the row sums a whole calendar month (day = its first day), kept only for months that are over. */
export const MONTH = 8;
/**
 * The grains with month rows: all but the finest (a year by engineer reads 2,400 month rows instead of
 * 73,000 day rows). The finest grain is only read with two filters, which its indexes serve; its month
 * rows would more than double the sweep's work whenever a finished month's ticket changes.
 */
export const MONTH_GRAINS: readonly number[] = GRAINS.filter((g) => g !== FINEST);

/**
 * KPI rollup: per tenant, day (the tenant's calendar day the tickets were created) and grain, one row per
 * combination of the grain's dimensions, holding additive sums only (counts and milliseconds), so any
 * period and group is a SUM over rows. A dimension outside the row's grain holds 0 / ''; inside it,
 * 0 means "no engineer" and '' "no category". Month rows (grain + MONTH) sum a finished month's day rows,
 * so a year reads 12 rows per group instead of 365. Rebuilt by kpi.rollup.ts, never edited in place.
 */
@Entity('kpi_daily')
@Index('ix_kpi_daily_site', ['tenantId', 'grain', 'siteId', 'day'])
@Index('ix_kpi_daily_engineer', ['tenantId', 'grain', 'engineerId', 'day'])
@Index('ix_kpi_daily_category', ['tenantId', 'grain', 'category', 'day'])
export class KpiDaily {
  @PrimaryColumn('int')
  tenantId: number;

  @PrimaryColumn('int')
  grain: number;

  /** YYYY-MM-DD in the tenant's time zone. */
  @PrimaryColumn('varchar', { length: 10 })
  day: string;

  @PrimaryColumn('int')
  siteId: number;

  @PrimaryColumn('varchar', { length: 50 })
  category: string;

  @PrimaryColumn('int')
  engineerId: number;

  @Column('int')
  tickets: number;

  @Column('int')
  acceptedCount: number;

  @Column('bigint')
  acceptedMs: number;

  @Column('int')
  arrivedCount: number;

  @Column('bigint')
  arrivedMs: number;

  @Column('int')
  resolvedCount: number;

  @Column('bigint')
  resolvedMs: number;

  @Column('int')
  closedCount: number;

  @Column('int')
  cancelledCount: number;

  @Column('int')
  reopenedCount: number;

  @Column('int')
  ratedCount: number;

  @Column('int')
  ratingSum: number;

  /** Rated tickets by score, 1 to 5: the CSAT distribution. */
  @Column('int', { default: 0 })
  rating1Count: number;

  @Column('int', { default: 0 })
  rating2Count: number;

  @Column('int', { default: 0 })
  rating3Count: number;

  @Column('int', { default: 0 })
  rating4Count: number;

  @Column('int', { default: 0 })
  rating5Count: number;

  /** Offers declined on the day's tickets, on the row of the engineer who declined (not the ticket's engineer). */
  @Column('int', { default: 0 })
  declinedCount: number;

  /**
   * SLA attainment: per target (response, arrival, resolution) and the ticket's urgency, clocks decided
   * (Due: met or breached) and met (Met), from tickets.sla*Outcome.
   */
  @Column('int', { default: 0 })
  slaResponseLowDue: number;

  @Column('int', { default: 0 })
  slaResponseLowMet: number;

  @Column('int', { default: 0 })
  slaResponseNormalDue: number;

  @Column('int', { default: 0 })
  slaResponseNormalMet: number;

  @Column('int', { default: 0 })
  slaResponseHighDue: number;

  @Column('int', { default: 0 })
  slaResponseHighMet: number;

  @Column('int', { default: 0 })
  slaArrivalLowDue: number;

  @Column('int', { default: 0 })
  slaArrivalLowMet: number;

  @Column('int', { default: 0 })
  slaArrivalNormalDue: number;

  @Column('int', { default: 0 })
  slaArrivalNormalMet: number;

  @Column('int', { default: 0 })
  slaArrivalHighDue: number;

  @Column('int', { default: 0 })
  slaArrivalHighMet: number;

  @Column('int', { default: 0 })
  slaResolutionLowDue: number;

  @Column('int', { default: 0 })
  slaResolutionLowMet: number;

  @Column('int', { default: 0 })
  slaResolutionNormalDue: number;

  @Column('int', { default: 0 })
  slaResolutionNormalMet: number;

  @Column('int', { default: 0 })
  slaResolutionHighDue: number;

  @Column('int', { default: 0 })
  slaResolutionHighMet: number;
}

/**
 * The rollup sweep's progress. Row 0: every ticket changed before `sweptUntil` (less the overlap) is in
 * the rollup. Row per tenant: `closedThrough`, the tenant's last day rebuilt after it ended.
 */
@Entity('kpi_sweeps')
export class KpiSweep {
  @PrimaryColumn('int')
  tenantId: number;

  @DateTimeColumn({ nullable: true })
  sweptUntil: Date | null;

  @Column('varchar', { length: 10, nullable: true })
  closedThrough: string | null;
}
