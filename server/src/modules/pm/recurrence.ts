import { Frequency, RRule, type Options } from 'rrule';
import type { PmHolidayPolicy } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { isWorkday, type CalendarSpec } from '../sla/calendar';
import { DAY_MS, dayOfIso, isoOfDay } from '../sla/calendar.zone';

/** The widest window one expansion answers (a console month view or a year of generation fits). */
export const MAX_RANGE_DAYS = 400;
/** How far a forward/back move looks for a workday before giving up (the longest Chinese holiday is 9 days). */
const MAX_SHIFT_DAYS = 60;

/**
 * Parses RRULE text ("FREQ=WEEKLY;BYDAY=MO" or "RRULE:…") into options for date-only expansion. DTSTART and TZID
 * are refused: the plan's startsOn is the start, and expansion is "floating" (see expandDates).
 */
type Rule = Partial<Options> & { dtstart: Date };

function parseRule(text: string, startsOn: string): Rule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]|DTSTART|TZID/i.test(body)) throw new AppError('PM_RRULE_INVALID', {});
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(body);
  } catch {
    throw new AppError('PM_RRULE_INVALID', {});
  }
  if (options.freq === undefined || options.freq > Frequency.DAILY) throw new AppError('PM_RRULE_INVALID', {});
  // BYHOUR=0 parses to 0: test for presence, not truthiness.
  if ([options.byhour, options.byminute, options.bysecond].some((v) => v !== undefined && v !== null)) {
    throw new AppError('PM_RRULE_INVALID', {});
  }
  return { ...options, dtstart: new Date(dayOfIso(startsOn) * DAY_MS), tzid: null };
}

/**
 * Throws PM_RRULE_INVALID unless the rule expands as a date-only rule with a date in its first four years (a leap
 * day fits). A rule that never matches (30 February) makes rrule scan to year 9999 on every expansion: refused here, once.
 */
export function validateRule(text: string, startsOn: string): void {
  const first = expandWithin(parseRule(text, startsOn), startsOn, startsOn, isoOfDay(dayOfIso(startsOn) + 4 * 366));
  if (first.length === 0) throw new AppError('PM_RRULE_INVALID', { reason: 'no date in its first four years' });
}

/**
 * The scheduled dates ("YYYY-MM-DD") of a rule starting on `startsOn`, within [from, to] inclusive.
 * Expansion is date-only: dtstart is UTC midnight of startsOn with no tzid, and rrule computes with UTC getters,
 * so the results are UTC midnights that name wall-clock days. This is the same in every tenant zone and under any
 * process TZ — a weekly Monday rule stays on Monday across a DST change, because no instant is ever converted.
 * The tenant zone enters only where "today" is taken (isoDayInZone) and in the calendar's own day numbers.
 */
export function expandDates(text: string, startsOn: string, from: string, to: string): string[] {
  requireRange(from, to);
  return expandWithin(parseRule(text, startsOn), startsOn, from, to);
}

/** Throws PM_RANGE_TOO_WIDE for a window [from, to] longer than MAX_RANGE_DAYS days (after the first). */
export function requireRange(from: string, to: string): void {
  if (dayOfIso(to) - dayOfIso(from) > MAX_RANGE_DAYS) throw new AppError('PM_RANGE_TOO_WIDE', { maxDays: MAX_RANGE_DAYS });
}

/** Expansion without the range cap, for callers that bound the window themselves (holiday padding, chunks). */
function expandWithin(rule: Rule, startsOn: string, from: string, to: string): string[] {
  const a = Math.max(dayOfIso(from), dayOfIso(startsOn));
  const b = dayOfIso(to);
  if (b < a) return [];
  const end = new Date(b * DAY_MS);
  let dates: Date[];
  try {
    dates = new RRule(rule).between(new Date(a * DAY_MS), end, true);
  } catch {
    // rrule throws plain errors for some parsed values (BYDAY=XX, BYSETPOS=0): the rule is not valid.
    throw new AppError('PM_RRULE_INVALID', {});
  }
  const days = dates.map((d) => Math.floor(d.getTime() / DAY_MS));
  return [...new Set(days)].sort((x, y) => x - y).map(isoOfDay);
}

/** One scheduled date under a holiday policy: the due date, or null when the policy drops it. */
export function applyHolidayPolicy(spec: CalendarSpec, date: string, policy: PmHolidayPolicy): string | null {
  if (policy === 'ignore') return date;
  const day = dayOfIso(date);
  if (isWorkday(spec, day)) return date;
  if (policy === 'skip') return null;
  const step = policy === 'forward' ? 1 : -1;
  for (let i = 1; i <= MAX_SHIFT_DAYS; i++) {
    if (isWorkday(spec, day + step * i)) return isoOfDay(day + step * i);
  }
  throw new AppError('CALENDAR_NO_WORKING_TIME', {});
}

/**
 * Due dates of a schedule-based plan in [from, to]: scheduled dates with the holiday policy applied; a moved date
 * that lands outside the window or on another occurrence's date collapses into one (keyed by due date).
 */
export function dueDates(spec: CalendarSpec, text: string, startsOn: string, policy: PmHolidayPolicy, from: string, to: string): string[] {
  // Scheduled dates up to MAX_SHIFT_DAYS outside the window can be moved into it.
  requireRange(from, to);
  const pad = policy === 'forward' || policy === 'back' ? MAX_SHIFT_DAYS : 0;
  const lo = isoOfDay(dayOfIso(from) - (policy === 'forward' ? pad : 0));
  const hi = isoOfDay(dayOfIso(to) + (policy === 'back' ? pad : 0));
  const out = new Set<string>();
  for (const d of expandWithin(parseRule(text, startsOn), startsOn, lo, hi)) {
    const inside = d >= from && d <= to;
    const due = inside ? applyHolidayPolicy(spec, d, policy) : padded(spec, d, policy);
    if (due !== null && due >= from && due <= to) out.add(due);
  }
  return [...out].sort();
}

/** A padding date outside the window: in a year without holiday data it cannot be moved, so it brings nothing in. */
function padded(spec: CalendarSpec, date: string, policy: PmHolidayPolicy): string | null {
  try {
    return applyHolidayPolicy(spec, date, policy);
  } catch (e) {
    if (e instanceof AppError && e.code === 'HOLIDAY_YEAR_MISSING') return null;
    throw e;
  }
}

/**
 * basedOn completion: the rule re-anchored at the completion day (every 3 months → 3 months after it was done),
 * its first date strictly after that day under the policy; null once the rule has ended (UNTIL).
 */
export function nextAfterCompletion(
  spec: CalendarSpec,
  text: string,
  startsOn: string,
  policy: PmHolidayPolicy,
  completedOn: string,
): string | null {
  const anchor = completedOn > startsOn ? completedOn : startsOn;
  const rule = parseRule(text, anchor);
  for (let chunk = 0; chunk < 10; chunk++) {
    const from = isoOfDay(dayOfIso(anchor) + chunk * MAX_RANGE_DAYS);
    const to = isoOfDay(dayOfIso(from) + MAX_RANGE_DAYS - 1);
    for (const d of expandWithin(rule, anchor, from, to)) {
      const due = applyHolidayPolicy(spec, d, policy);
      if (due !== null && due > completedOn) return due;
    }
  }
  return null;
}
