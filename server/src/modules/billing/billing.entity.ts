import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Coupon, PlanDocument, PlanModule } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

export type PlanStatus = 'draft' | 'published' | 'archived';

/** One version of a plan: the document is frozen once published; a change is a new version of the same code. */
@Entity('billing_plans')
@Index('uq_billing_plans_code_version', ['code', 'version'], { unique: true })
export class BillingPlan {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('varchar', { length: 64 })
  code: string;

  @Column('int')
  version: number;

  @Column('varchar', { length: 16 })
  status: PlanStatus;

  @JsonColumn()
  document: PlanDocument;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn({ nullable: true })
  publishedAt: Date | null;
}

/** A tenant's subscription, bound to the plan version it bought (planId), never to the code's latest. */
@Entity('billing_subscriptions')
export class BillingSubscription {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Index('uq_billing_subscriptions_tenant', { unique: true })
  @Column('int')
  tenantId: number;

  @Column('int')
  planId: number;

  @Column('int')
  seats: number;

  /** Module add-ons bought; null = every module charge of the plan. */
  @JsonColumn({ nullable: true })
  modules: PlanModule[] | null;

  /** Days as YYYY-MM-DD in the tenant's time zone. */
  @Column('varchar', { length: 10 })
  startedOn: string;

  /** Exclusive; kept across plan changes so an upgrade never restarts the trial. */
  @Column('varchar', { length: 10, nullable: true })
  trialEndsOn: string | null;

  /** The first day of the periods' grid (period alignment). */
  @Column('varchar', { length: 10 })
  anchorOn: string;

  @JsonColumn({ nullable: true })
  coupon: Coupon | null;

  @Column('boolean', { default: false })
  cancelAtPeriodEnd: boolean;

  /** A downgrade waiting for the period end. */
  @Column('int', { nullable: true })
  pendingPlanId: number | null;

  /** Fewer seats, from the next period on. */
  @Column('int', { nullable: true })
  pendingSeats: number | null;

  @Column('varchar', { length: 16, default: 'active' })
  status: 'active' | 'canceled';

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}

/** Usage per tenant, metric and tenant day: a period's usage is a SUM (a MAX for seats) over at most 366 rows. */
@Entity('billing_usage_daily')
export class BillingUsageDaily {
  @PrimaryColumn('int')
  tenantId: number;

  @PrimaryColumn('varchar', { length: 32 })
  metric: string;

  @PrimaryColumn('varchar', { length: 10 })
  day: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  quantity: number;
}

/** One recorded usage event; its (tenant, event id) is unique, so a replayed event counts once. */
@Entity('billing_usage_events')
@Index('uq_billing_usage_events', ['tenantId', 'eventId'], { unique: true })
export class BillingUsageEvent {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 128 })
  eventId: string;

  @Column('varchar', { length: 32 })
  metric: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  quantity: number;

  @Column('varchar', { length: 10 })
  day: string;

  @DateTimeColumn()
  createdAt: Date;
}
