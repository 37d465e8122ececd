import type { Coupon, PhaseKind, PlanDocument, PlanModule, Quantities, Quote, QuoteLine } from '@baoxiu/shared';
import { int, percentOf, roundHalfUp } from './money';
import { addDays, addMonths, daysBetween, periodIndex, periodStartAt } from './periods';
import { chargeLines } from './pricing.lines';
import { words, type BillingLocale } from './pricing.text';

/**
 * The one pricing function: the quote, the tenant's preview and the final invoice all call `pricePeriod`.
 * Pure: no I/O and no clock; every day is passed in. See docs/billing.md for the rules it implements.
 */
export interface PricingInput {
  plan: PlanDocument;
  quantities: Quantities;
  /** The module add-ons bought; undefined = every module charge of the plan. */
  modules?: PlanModule[];
  coupon?: Coupon;
  subscriptionStart: string;
  /** Any day of the wanted period; the period holding it is priced. Days before the subscription count as its start. */
  periodStart: string;
  /** The subscription's own trial end (exclusive), kept when the plan changes so an upgrade never restarts it. */
  trialEndsOn?: string | null;
  /** The first day of the periods' grid (period alignment); default: the trial end, or the subscription start. */
  anchorOn?: string;
  locale?: BillingLocale;
  /** Price only the recurring charges (flat, seats, module and percentages of them): used for proration. */
  recurringOnly?: boolean;
}

/** The trial end (exclusive) a subscription starting on `start` gets from `plan`; null when it has no trial. */
export function trialEndFor(plan: PlanDocument, start: string): string | null {
  const trial = plan.phases.find((p) => p.kind === 'trial');
  return trial && trial.kind === 'trial' ? addDays(start, trial.days) : null;
}

export interface PeriodWindow {
  start: string;
  /** Exclusive. */
  endExclusive: string;
  phase: PhaseKind;
  /** The index of a paid period on the grid (null for the trial). */
  index: number | null;
  anchor: string;
}

/** The period holding `day` and its phase: the trial is one period of its own; paid periods follow on the anchor's grid. */
export function periodWindow(
  input: Pick<PricingInput, 'plan' | 'subscriptionStart' | 'periodStart' | 'trialEndsOn' | 'anchorOn'>,
): PeriodWindow {
  const { plan, subscriptionStart } = input;
  const day = input.periodStart < subscriptionStart ? subscriptionStart : input.periodStart;
  const trialEnd = input.trialEndsOn === undefined ? trialEndFor(plan, subscriptionStart) : input.trialEndsOn;
  const anchor = input.anchorOn ?? trialEnd ?? subscriptionStart;
  if (trialEnd && day < trialEnd) return { start: subscriptionStart, endExclusive: trialEnd, phase: 'trial', index: null, anchor };
  const k = periodIndex(anchor, plan.period, day < anchor ? anchor : day);
  const start = periodStartAt(anchor, plan.period, k);
  const discount = plan.phases.find((p) => p.kind === 'discount');
  const discounted = discount?.kind === 'discount' && (discount.months === undefined || start < addMonths(anchor, discount.months));
  return { start, endExclusive: periodStartAt(anchor, plan.period, k + 1), phase: discounted ? 'discount' : 'evergreen', index: k, anchor };
}

function couponApplies(coupon: Coupon, w: PeriodWindow, plan: PlanDocument, subscriptionStart: string): boolean {
  if (w.index === null) return false;
  const redeemed = coupon.redeemedOn ?? subscriptionStart;
  const first = redeemed <= w.anchor ? 0 : periodIndex(w.anchor, plan.period, redeemed);
  if (w.index < first) return false;
  if (coupon.duration === 'forever') return true;
  if (coupon.duration === 'once') return w.index === first;
  return w.index < first + (coupon.periods ?? 0);
}

const sum = (lines: QuoteLine[]) => lines.reduce((s, l) => s + l.amount, 0);

export function pricePeriod(input: PricingInput): Quote {
  const { plan } = input;
  const locale = input.locale ?? 'zh-CN';
  const w = periodWindow(input);
  const lines = chargeLines(plan, { quantities: input.quantities, modules: input.modules, locale, recurringOnly: input.recurringOnly });
  const subtotal = sum(lines);
  const reductions: QuoteLine[] = [];
  if (w.phase === 'trial') {
    const days = daysBetween(w.start, w.endExclusive);
    if (subtotal > 0)
      reductions.push({ kind: 'trial', description: words.trial(locale, days), quantity: 1, unitAmount: -subtotal, amount: -subtotal });
  } else {
    const phase = plan.phases.find((p) => p.kind === 'discount');
    if (w.phase === 'discount' && phase?.kind === 'discount') {
      const off = roundHalfUp(percentOf(int(subtotal), phase.percentOff));
      if (off > 0)
        reductions.push({
          kind: 'discount',
          description: phase.name ?? words.discount(locale, phase.percentOff),
          quantity: 1,
          unitAmount: -off,
          amount: -off,
        });
    }
    const c = input.coupon;
    if (c && couponApplies(c, w, plan, input.subscriptionStart)) {
      const left = subtotal + sum(reductions);
      // A fixed coupon never takes the total below zero.
      const off = c.kind === 'percentage' ? roundHalfUp(percentOf(int(left), c.percentOff ?? 0)) : Math.min(c.amountOff ?? 0, left);
      if (off > 0)
        reductions.push({ kind: 'coupon', description: words.coupon(locale, c.code), quantity: 1, unitAmount: -off, amount: -off });
    }
  }
  const discount = reductions.reduce((s, l) => s - l.amount, 0);
  const tax = roundHalfUp(percentOf(int(subtotal - discount), plan.taxRatePercent));
  return {
    currency: plan.currency,
    planCode: plan.code,
    period: { start: w.start, end: addDays(w.endExclusive, -1), phase: w.phase },
    lines: [...lines, ...reductions],
    subtotal,
    discount,
    tax,
    total: subtotal - discount + tax,
  };
}
