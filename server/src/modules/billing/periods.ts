import { PERIOD_MONTHS, type BillingPeriod } from '@baoxiu/shared';

/** Calendar arithmetic on 'YYYY-MM-DD' days (UTC, no clock): billing periods are whole days. */

const DAY_MS = 86_400_000;

export const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

export const dayString = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string => dayString(dayNumber(day) + days);

/** Days from `a` to `b` (b − a). */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

/** `months` after `day`, the day of month clamped to the month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The start of the k-th period after `anchor`, always counted from the anchor so month ends do not drift. */
export const periodStartAt = (anchor: string, period: BillingPeriod, k: number): string => addMonths(anchor, k * PERIOD_MONTHS[period]);

/** The index k of the period (on the anchor's grid) that holds `day`; `day` must not be before the anchor. */
export function periodIndex(anchor: string, period: BillingPeriod, day: string): number {
  const [ay, am] = anchor.split('-').map(Number);
  const [y, m] = day.split('-').map(Number);
  let k = Math.max(0, Math.floor(((y - ay) * 12 + (m - am)) / PERIOD_MONTHS[period]));
  while (k > 0 && periodStartAt(anchor, period, k) > day) k -= 1;
  while (periodStartAt(anchor, period, k + 1) <= day) k += 1;
  return k;
}
