import { Frequency, RRule } from 'rrule';
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
function parseRule(text: string, startsOn: string): RRule {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]|DTSTART|TZID/i.test(body)) throw new AppError('PM_RRULE_INVALID', {});
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(body);
  } catch {
    throw new AppError('PM_RRULE_INVALID', {});
  }
  if (options.freq === undefined || options.freq > Frequency.DAILY) throw new AppError('PM_RRULE_INVALID', {});
  if (options.byhour || options.byminute || options.bysecond) throw new AppError('PM_RRULE_INVALID', {});
  return new RRule({ ...options, dtstart: new Date(dayOfIso(startsOn) * DAY_MS), tzid: null });
}

/** Throws PM_RRULE_INVALID unless the rule expands as a date-only rule. */
export function validateRule(text: string, startsOn: string): void {
  parseRule(text, startsOn);
}

/**
 * The scheduled dates ("YYYY-MM-DD") of a rule starting on `startsOn`, within [from, to] inclusive.
 * Expansion is date-only: dtstart is UTC midnight of startsOn with no tzid, and rrule computes with UTC getters,
 * so the results are UTC midnights that name wall-clock days. This is the same in every tenant zone and under any
 * process TZ — a weekly Monday rule stays on Monday across a DST change, because no instant is ever converted.
 * The tenant zone enters only where "today" is taken (isoDayInZone) and in the calendar's own day numbers.
 */
export function expandDates(text: string, startsOn: string, from: string, to: string): string[] {
  const a = Math.max(dayOfIso(from), dayOfIso(startsOn));
  const b = dayOfIso(to);
  if (b < a) return [];
  if (b - a > MAX_RANGE_DAYS) throw new AppError('PM_RANGE_TOO_WIDE', { maxDays: MAX_RANGE_DAYS });
  const rule = parseRule(text, startsOn);
  const days = rule.between(new Date(a * DAY_MS), new Date(b * DAY_MS), true)
    .map((d) => Math.floor(d.getTime() / DAY_MS));
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
  const pad = policy === 'forward' || policy === 'back' ? MAX_SHIFT_DAYS : 0;
  const lo = isoOfDay(dayOfIso(from) - (policy === 'forward' ? pad : 0));
  const hi = isoOfDay(dayOfIso(to) + (policy === 'back' ? pad : 0));
  const out = new Set<string>();
  for (const d of expandDates(text, startsOn, lo, hi)) {
    const due = applyHolidayPolicy(spec, d, policy);
    if (due !== null && due >= from && due <= to) out.add(due);
  }
  return [...out].sort();
}

/** basedOn completion: the next scheduled date strictly after the last completion day, under the policy. */
export function nextAfterCompletion(spec: CalendarSpec, text: string, startsOn: string, policy: PmHolidayPolicy, completedOn: string): string | null {
  const start = isoOfDay(dayOfIso(completedOn) + 1);
  for (let chunk = 0; chunk < 10; chunk++) {
    const from = isoOfDay(dayOfIso(start) + chunk * MAX_RANGE_DAYS);
    const to = isoOfDay(dayOfIso(from) + MAX_RANGE_DAYS - 1);
    for (const d of expandDates(text, startsOn, from, to)) {
      const due = applyHolidayPolicy(spec, d, policy);
      if (due !== null && due > completedOn) return due;
    }
  }
  return null;
}
