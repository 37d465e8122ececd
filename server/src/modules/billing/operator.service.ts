import { PERIOD_MONTHS, type Coupon } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { isoDayInZone } from '../../lib/time';
import { Tenant } from '../tenants/tenant.entity';
import { BillingPlan, BillingSubscription } from './billing.entity';
import { pricePeriod } from './pricing';
import { subscriptionPricing } from './subscriptions.service';

/** The operator's figures: tenants, MRR (recurring charges after discounts, per month) and trials. */

export interface OperatorSummary {
  tenants: number;
  activeSubscriptions: number;
  trialing: number;
  /** Monthly recurring revenue in minor units, per currency. */
  mrr: Record<string, number>;
}

export async function operatorSummary(deps: Deps): Promise<OperatorSummary> {
  const tenants = await deps.db.ds.getRepository(Tenant).count();
  const subs = await deps.db.ds.getRepository(BillingSubscription).findBy({ status: 'active' });
  const plans = new Map((await deps.db.ds.getRepository(BillingPlan).find()).map((p) => [p.id, p]));
  const today = isoDayInZone(deps.clock.now(), 'Asia/Shanghai');
  const mrr: Record<string, number> = {};
  let trialing = 0;
  for (const sub of subs) {
    const plan = plans.get(sub.planId);
    if (!plan) continue;
    const q = pricePeriod({
      ...subscriptionPricing(sub, plan, { seats: sub.seats, tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 }, today),
      recurringOnly: true,
    });
    if (q.period.phase === 'trial') {
      trialing += 1;
      continue;
    }
    mrr[q.currency] = (mrr[q.currency] ?? 0) + Math.round((q.subtotal - q.discount) / PERIOD_MONTHS[plan.document.period]);
  }
  return { tenants, activeSubscriptions: subs.length, trialing, mrr };
}

export interface SubscriptionPatch {
  seats?: number;
  coupon?: Coupon | null;
  cancelAtPeriodEnd?: boolean;
}

export async function patchSubscription(deps: Deps, tenantId: number, patch: SubscriptionPatch): Promise<void> {
  const repo = deps.db.ds.getRepository(BillingSubscription);
  const sub = await repo.findOneBy({ tenantId });
  if (!sub) throw new AppError('SUBSCRIPTION_NOT_FOUND', { tenantId });
  await repo.update({ id: sub.id }, { ...patch, updatedAt: deps.clock.now() });
}

export async function listTenants(
  deps: Deps,
): Promise<Array<{ id: number; slug: string; name: string; planCode: string | null; seats: number | null; status: string | null }>> {
  const tenants = await deps.db.ds.getRepository(Tenant).find({ order: { id: 'ASC' }, take: 1000 });
  const subs = new Map((await deps.db.ds.getRepository(BillingSubscription).find()).map((s) => [s.tenantId, s]));
  const plans = new Map((await deps.db.ds.getRepository(BillingPlan).find()).map((p) => [p.id, p]));
  return tenants.map((t) => {
    const s = subs.get(t.id);
    return {
      id: t.id,
      slug: t.slug,
      name: t.name,
      planCode: s ? (plans.get(s.planId)?.code ?? null) : null,
      seats: s?.seats ?? null,
      status: s?.status ?? null,
    };
  });
}
