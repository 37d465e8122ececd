import type { EntityManager } from 'typeorm';
import type { Coupon, PlanModule, PreviewView, Quantities, SubscriptionView, UsageMeter } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { tenantToday } from '../tenants/tenants.service';
import { User } from '../auth/user.entity';
import type { BillingPlan } from './billing.entity';
import { BillingSubscription } from './billing.entity';
import { planById } from './catalog.service';
import { periodUsage } from './metering';
import { addDays, daysBetween } from './periods';
import { periodWindow, pricePeriod, trialEndFor, type PricingInput } from './pricing';
import type { BillingLocale } from './pricing.text';

/** Subscriptions: which plan version a tenant bought, how many seats, since when; and its preview. */

export interface NewSubscription {
  tenantId: number;
  plan: BillingPlan;
  seats?: number;
  startedOn: string;
  coupon?: Coupon | null;
  modules?: PlanModule[] | null;
}

export async function createSubscription(em: EntityManager, now: Date, s: NewSubscription): Promise<BillingSubscription> {
  const trialEndsOn = trialEndFor(s.plan.document, s.startedOn);
  const row = {
    tenantId: s.tenantId,
    planId: s.plan.id,
    seats: s.seats ?? s.plan.document.defaultSeats ?? 1,
    modules: s.modules ?? null,
    startedOn: s.startedOn,
    trialEndsOn,
    anchorOn: trialEndsOn ?? s.startedOn,
    coupon: s.coupon ?? null,
    cancelAtPeriodEnd: false,
    pendingPlanId: null,
    pendingSeats: null,
    status: 'active' as const,
    createdAt: now,
    updatedAt: now,
  };
  const id = (await em.insert(BillingSubscription, row)).identifiers[0].id as number;
  return { ...row, id };
}

export async function findSubscription(deps: Pick<Deps, 'db'>, tenantId: number): Promise<BillingSubscription | null> {
  return deps.db.ds.getRepository(BillingSubscription).findOneBy({ tenantId });
}

export async function requireSubscription(deps: Deps, tenantId: number): Promise<{ sub: BillingSubscription; plan: BillingPlan }> {
  const sub = await findSubscription(deps, tenantId);
  if (!sub) throw new AppError('SUBSCRIPTION_NOT_FOUND', { tenantId });
  return { sub, plan: await planById(deps, sub.planId) };
}

/** The pricing input of a subscription for the period holding `day`: the same function and fields a quote uses. */
export function subscriptionPricing(
  sub: BillingSubscription,
  plan: BillingPlan,
  quantities: Quantities,
  day: string,
  locale: BillingLocale = 'zh-CN',
): PricingInput {
  return {
    plan: plan.document,
    quantities,
    modules: sub.modules ?? undefined,
    coupon: sub.coupon ?? undefined,
    subscriptionStart: sub.startedOn,
    periodStart: day,
    trialEndsOn: sub.trialEndsOn,
    anchorOn: sub.anchorOn,
    locale,
  };
}

/** Staff accounts that take a seat: every active user of the tenant. */
export async function seatsInUse(em: EntityManager | Deps, tenantId: number): Promise<number> {
  const repo = 'db' in em ? em.db.ds.getRepository(User) : em.getRepository(User);
  return repo.countBy({ tenantId, active: true });
}

/** Usage of the period so far; billed seats: the purchased ones, the period's metered peak or today's head count, whichever is most. */
async function usageOf(deps: Deps, sub: BillingSubscription, plan: BillingPlan, day: string, today: string): Promise<Quantities> {
  const w = periodWindow(subscriptionPricing(sub, plan, { seats: 0, tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 }, day));
  const used = await periodUsage(deps, sub.tenantId, w.start, w.endExclusive);
  // A read only (a GET): today's head count is counted, not metered; staff additions meter it as they happen.
  const now = w.start <= today && today < w.endExclusive ? await seatsInUse(deps, sub.tenantId) : 0;
  return { ...used, seats: Math.max(sub.seats, used.seats, now) };
}

export async function previewInvoice(deps: Deps, tenantId: number, at: string | undefined, locale: BillingLocale): Promise<PreviewView> {
  const { sub, plan } = await requireSubscription(deps, tenantId);
  const today = await tenantToday(deps, tenantId);
  const day = at ?? today;
  const quantities = await usageOf(deps, sub, plan, day, today);
  return { quote: pricePeriod(subscriptionPricing(sub, plan, quantities, day, locale)), quantities, planId: plan.id };
}

export async function presentSubscription(deps: Deps, tenantId: number): Promise<SubscriptionView> {
  const { sub, plan } = await requireSubscription(deps, tenantId);
  const today = await tenantToday(deps, tenantId);
  const doc = plan.document;
  const w = periodWindow(subscriptionPricing(sub, plan, { seats: 0, tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 }, today));
  const used = await periodUsage(deps, tenantId, w.start, w.endExclusive);
  const seatsUsed = await seatsInUse(deps, tenantId);
  const included = (metric: string) => {
    const c = doc.charges.find((x) => x.kind === 'usage' && x.metric === metric);
    return c && c.kind === 'usage' ? c.includedQuantity : null;
  };
  const usage: UsageMeter[] = (['tickets', 'api_calls', 'storage_gb', 'wechat_messages'] as const).map((metric) => ({
    metric,
    used: used[metric],
    included: included(metric),
    limit: doc.limits?.[metric] ?? null,
  }));
  const pending = sub.pendingPlanId ? await planById(deps, sub.pendingPlanId) : null;
  const modules = [
    ...new Set([
      ...doc.modules,
      ...doc.charges.flatMap((c) => (c.kind === 'module' && (!sub.modules || sub.modules.includes(c.module)) ? [c.module] : [])),
    ]),
  ];
  return {
    tenantId,
    plan: { id: plan.id, code: plan.code, version: plan.version, name: doc.name, period: doc.period, modules: doc.modules },
    seats: { purchased: sub.seats, used: seatsUsed },
    modules,
    startedOn: sub.startedOn,
    trialEndsOn: sub.trialEndsOn,
    trialDaysLeft: sub.trialEndsOn && today < sub.trialEndsOn ? daysBetween(today, sub.trialEndsOn) : 0,
    phase: w.phase,
    period: { start: w.start, end: addDays(w.endExclusive, -1) },
    coupon: sub.coupon,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    pendingPlanCode: pending?.code ?? null,
    status: sub.status,
    usage,
  };
}
