import type { ChangePlanInput, ChangePlanView } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { tenantToday } from '../tenants/tenants.service';
import { BillingSubscription } from './billing.entity';
import { publishedPlan } from './catalog.service';
import { issueInvoice, presentInvoice } from './invoices.service';
import { addDays } from './periods';
import { periodWindow, pricePeriod } from './pricing';
import { prorate } from './proration';
import { requireSubscription, subscriptionPricing } from './subscriptions.service';

/**
 * A plan or seat change. An upgrade (more recurring value per period) or more seats applies at once, prorated by
 * day; a downgrade, fewer seats, or a plan with another period length waits for the period end.
 */
export async function changePlan(deps: Deps, tenantId: number, input: ChangePlanInput, preview: boolean): Promise<ChangePlanView> {
  const { sub, plan } = await requireSubscription(deps, tenantId);
  const next = input.plan ? await publishedPlan(deps, input.plan) : plan;
  const seats = input.seats ?? sub.seats;
  const today = await tenantToday(deps, tenantId);
  const none = { tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 };
  const before = subscriptionPricing(sub, plan, { ...none, seats: sub.seats }, today);
  const after = subscriptionPricing(sub, next, { ...none, seats }, today);
  const window = periodWindow(before);
  const value = (p: typeof before) => {
    const q = pricePeriod({ ...p, periodStart: window.start, recurringOnly: true, trialEndsOn: null });
    return q.subtotal - q.discount;
  };
  const atOnce = next.document.period === plan.document.period && value(after) >= value(before) && seats >= sub.seats;
  const repo = deps.db.ds.getRepository(BillingSubscription);
  if (!atOnce) {
    if (!preview) {
      await repo.update(
        { id: sub.id },
        {
          pendingPlanId: next.id === plan.id ? null : next.id,
          pendingSeats: seats === sub.seats ? null : seats,
          updatedAt: deps.clock.now(),
        },
      );
    }
    return { effective: 'period_end', effectiveOn: window.endExclusive, lines: [], subtotal: 0, tax: 0, total: 0, invoice: null, preview };
  }
  const p = prorate({ before, after, changeOn: today });
  let invoice = null;
  if (!preview) {
    await repo.update({ id: sub.id }, { planId: next.id, seats, updatedAt: deps.clock.now() });
    if (p.lines.length > 0 && p.total !== 0) {
      invoice = await issueInvoice(deps, {
        tenantId,
        dedupeKey: `change:${sub.id}:${deps.clock.now().getTime()}`,
        kind: p.total < 0 ? 'credit_note' : 'proration',
        planId: next.id,
        currency: p.currency,
        periodStart: today,
        periodEnd: addDays(window.endExclusive, -1),
        issuedOn: today,
        lines: p.lines,
        subtotal: p.subtotal,
        discount: 0,
        tax: p.tax,
        total: p.total,
      });
    }
  }
  return {
    effective: 'now',
    effectiveOn: today,
    lines: p.lines,
    subtotal: p.subtotal,
    tax: p.tax,
    total: p.total,
    invoice: invoice ? presentInvoice(invoice) : null,
    preview,
  };
}
