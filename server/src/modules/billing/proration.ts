import type { Currency, QuoteLine } from '@baoxiu/shared';
import { int, mul, percentOf, roundHalfUp } from './money';
import { addDays, daysBetween } from './periods';
import { periodWindow, pricePeriod, type PricingInput } from './pricing';
import { words } from './pricing.text';

/**
 * A change within a period (upgrade, seats added), prorated by day: a credit for the unused days of what was
 * bought and a charge for the same days of what replaces it. The change day belongs to the new terms. Only the
 * recurring charges are prorated; usage is billed for the whole period on the terms in force at its end.
 */
export interface ProrationInput {
  before: PricingInput;
  after: PricingInput;
  /** The day the change takes effect (a day of the before's period). */
  changeOn: string;
}

export interface Proration {
  currency: Currency;
  period: { start: string; end: string };
  /** Days in the period, and days from the change to the period's end (the change day included). */
  periodDays: number;
  remainingDays: number;
  lines: QuoteLine[];
  /** Signed: negative when the change is worth less than what it replaces (issued as a credit note). */
  subtotal: number;
  tax: number;
  total: number;
}

const netOf = (input: PricingInput, periodStart: string): { net: number; name: string } => {
  const q = pricePeriod({ ...input, periodStart, recurringOnly: true });
  return { net: q.subtotal - q.discount, name: input.plan.name };
};

export function prorate({ before, after, changeOn }: ProrationInput): Proration {
  const w = periodWindow({ ...before, periodStart: changeOn });
  const periodDays = daysBetween(w.start, w.endExclusive);
  const remainingDays = daysBetween(changeOn < w.start ? w.start : changeOn, w.endExclusive);
  const locale = after.locale ?? 'zh-CN';
  const old = netOf(before, w.start);
  const next = netOf(after, w.start);
  const share = { n: BigInt(remainingDays), d: BigInt(periodDays) };
  const credit = roundHalfUp(mul(int(old.net), share));
  const charge = roundHalfUp(mul(int(next.net), share));
  const oldLabel = before.plan.code === after.plan.code ? `${old.name} ×${before.quantities.seats}` : old.name;
  const newLabel = before.plan.code === after.plan.code ? `${next.name} ×${after.quantities.seats}` : next.name;
  const lines: QuoteLine[] = [];
  if (credit > 0)
    lines.push({
      kind: 'proration_credit',
      description: words.credit(locale, oldLabel, remainingDays, periodDays),
      quantity: remainingDays,
      unitAmount: -old.net / periodDays,
      amount: -credit,
    });
  if (charge > 0)
    lines.push({
      kind: 'proration_charge',
      description: words.charge(locale, newLabel, remainingDays, periodDays),
      quantity: remainingDays,
      unitAmount: next.net / periodDays,
      amount: charge,
    });
  const subtotal = charge - credit;
  const tax = roundHalfUp(percentOf(int(subtotal), after.plan.taxRatePercent));
  return {
    currency: after.plan.currency,
    period: { start: w.start, end: addDays(w.endExclusive, -1) },
    periodDays,
    remainingDays,
    lines,
    subtotal,
    tax,
    total: subtotal + tax,
  };
}
