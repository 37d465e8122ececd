import { PERIOD_MONTHS, type PublicPlan, type PublicPlanList } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isoDayInZone } from '../../lib/time';
import { BillingPlan } from './billing.entity';
import { pricePeriod, trialEndFor } from './pricing';

/** The calendar "today" of a catalog read without a tenant (as quotes). */
const CATALOG_ZONE = 'Asia/Shanghai';

/**
 * The published catalog, cheapest first within each period length (month, quarter, year), each plan with the price
 * of its first paid period computed by the one pricing function — the figure a quote for the same plan gives.
 */
export async function publicPlans(deps: Pick<Deps, 'db' | 'clock'>): Promise<PublicPlanList> {
  const rows = await deps.db.ds
    .getRepository(BillingPlan)
    .find({ where: { status: 'published' }, order: { code: 'ASC', version: 'DESC' } });
  const today = isoDayInZone(deps.clock.now(), CATALOG_ZONE);
  const latest = new Map<string, BillingPlan>();
  for (const r of rows) if (!latest.has(r.code)) latest.set(r.code, r);
  const items: PublicPlan[] = [...latest.values()].map((row) => {
    const plan = row.document;
    const seats = plan.defaultSeats ?? 1;
    const q = pricePeriod({
      plan,
      quantities: { seats, tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 },
      subscriptionStart: today,
      periodStart: trialEndFor(plan, today) ?? today,
    });
    const trial = plan.phases.find((p) => p.kind === 'trial');
    return {
      code: row.code,
      version: row.version,
      name: plan.name,
      currency: plan.currency,
      period: plan.period,
      modules: plan.modules,
      trialDays: trial?.kind === 'trial' ? trial.days : null,
      defaultSeats: seats,
      limits: plan.limits ?? {},
      taxRatePercent: plan.taxRatePercent,
      charges: plan.charges,
      firstPeriod: { phase: q.period.phase, subtotal: q.subtotal, discount: q.discount, tax: q.tax, total: q.total },
    };
  });
  items.sort(
    (a, b) =>
      PERIOD_MONTHS[a.period] - PERIOD_MONTHS[b.period] || a.firstPeriod.subtotal - b.firstPeriod.subtotal || a.code.localeCompare(b.code),
  );
  return { items };
}
