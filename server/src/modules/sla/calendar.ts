import { AppError } from '../../lib/errors';
import { DAY_MS, MINUTE_MS, offsetAt, wallToUtc, weekdayOfDay } from './calendar.zone';

/** A day that differs from its weekday: no working time ('off'), or worked ('work'). */
export type DayKind = 'off' | 'work';

/** A business calendar in plain numbers, ready to compile. */
export interface CalendarSpec {
  timezone: string;
  /** Per weekday, Monday first: frames [startMinute, endMinute); an end at or before the start runs overnight. */
  week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Local day number (days since 1970-01-01 on the wall clock) → its kind, overriding the week. */
  days: ReadonlyMap<number, DayKind>;
  /** When set, every local year the arithmetic touches must be in it: a year without holiday data is refused. */
  holidayYears: ReadonlySet<number> | null;
}

/** Frames of one local day: none on an 'off' day; a 'work' day on a weekday without frames works Monday's. */
export function framesOfDay(spec: CalendarSpec, day: number): ReadonlyArray<readonly [number, number]> {
  const kind = spec.days.get(day);
  if (kind === 'off') return [];
  const own = spec.week[weekdayOfDay(day)];
  if (kind === 'work' && own.length === 0) return spec.week[0];
  return own;
}

/** Whether a local day has working time in the calendar (holidays and 调休 make-up workdays applied). */
export function isWorkday(spec: CalendarSpec, day: number): boolean {
  requireHolidayYear(spec, yearOfDay(day));
  return framesOfDay(spec, day).length > 0;
}

/** Refuses a year the calendar holds no statutory holiday data for (holidays "cn"); never a silent Mon–Fri. */
function requireHolidayYear(spec: CalendarSpec, year: number): void {
  if (spec.holidayYears && !spec.holidayYears.has(year)) throw new AppError('HOLIDAY_YEAR_MISSING', { year });
}

const yearOfDay = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();
const firstDayOfYear = (year: number): number => Date.UTC(year, 0, 1) / DAY_MS;
const localDayAt = (utcMs: number, tz: string): number => Math.floor((utcMs + offsetAt(utcMs, tz)) / DAY_MS);
/** Beyond this many years the arithmetic gives up: a calendar with (almost) no working time. */
const MAX_YEARS = 30;

/**
 * A calendar compiled into merged UTC working intervals with running totals, so a deadline is two binary
 * searches. It covers whole local years and grows on demand; exact from local Jan 2 of its first year to the end of its last.
 */
export class CompiledCalendar {
  private fromYear: number;
  private toYear: number;
  private starts: number[] = [];
  private ends: number[] = [];
  /** cum[i]: working ms of the intervals before i. */
  private cum: number[] = [];
  private validFrom = 0;
  private validTo = 0;
  readonly hasWorkingTime: boolean;

  constructor(
    readonly spec: CalendarSpec,
    aroundMs: number,
  ) {
    const year = yearOfDay(localDayAt(aroundMs, spec.timezone));
    this.fromYear = year;
    this.toYear = year;
    this.hasWorkingTime = spec.week.some((d) => d.length > 0) || [...spec.days.values()].includes('work');
    this.grow(year, year);
  }

  /** Working ms from the compiled origin to `t` (only differences of two answers mean anything). */
  workedAt(t: number): number {
    this.ensure(t);
    const i = lastAtOrBefore(this.starts, t);
    if (i < 0) return 0;
    return this.cum[i] + Math.min(t, this.ends[i]) - this.starts[i];
  }

  /** The instant `ms` working milliseconds after `start` (the end of the last one); `start` itself for 0. */
  addWorking(start: number, ms: number): number {
    if (ms <= 0) return start;
    if (!this.hasWorkingTime) throw new AppError('CALENDAR_NO_WORKING_TIME', {});
    const target = this.workedAt(start) + ms;
    while (this.total() < target) {
      if (this.toYear - this.fromYear >= MAX_YEARS) throw new AppError('CALENDAR_NO_WORKING_TIME', {});
      this.grow(this.fromYear, this.toYear + 1);
    }
    const i = firstReaching(this.cum, this.starts, this.ends, target);
    return this.starts[i] + (target - this.cum[i]);
  }

  /** The working intervals overlapping [a, b), for inspection and tests. */
  intervals(a: number, b: number): Array<[number, number]> {
    this.ensure(a);
    this.ensure(b);
    const out: Array<[number, number]> = [];
    for (let i = Math.max(0, lastAtOrBefore(this.starts, a)); i < this.starts.length && this.starts[i] < b; i++) {
      if (this.ends[i] > a) out.push([Math.max(a, this.starts[i]), Math.min(b, this.ends[i])]);
    }
    return out;
  }

  private total(): number {
    const n = this.starts.length;
    return n === 0 ? 0 : this.cum[n - 1] + this.ends[n - 1] - this.starts[n - 1];
  }

  private ensure(t: number): void {
    if (t >= this.validFrom && t < this.validTo) return;
    let from = this.fromYear;
    let to = this.toYear;
    const tz = this.spec.timezone;
    // Bounded by the span limit, so an absurd instant is refused by grow() instead of looping.
    while (t < validFromOf(from, tz) && to - from <= MAX_YEARS) from -= 1;
    while (t >= validToOf(to, tz) && to - from <= MAX_YEARS) to += 1;
    if (from !== this.fromYear || to !== this.toYear) this.grow(from, to);
  }

  /** Widens the compiled years; refuses (leaving the cache intact) a year without holiday data or too wide a span. */
  private grow(from: number, to: number): void {
    if (to - from > MAX_YEARS) throw new AppError('CALENDAR_RANGE_TOO_WIDE', { maxYears: MAX_YEARS });
    for (let y = from; y <= to; y++) requireHolidayYear(this.spec, y);
    this.fromYear = from;
    this.toYear = to;
    this.build();
    this.validFrom = validFromOf(from, this.spec.timezone);
    this.validTo = validToOf(to, this.spec.timezone);
  }

  private build(): void {
    const { spec } = this;
    const tz = spec.timezone;
    const raw: Array<[number, number]> = [];
    const first = firstDayOfYear(this.fromYear);
    const last = firstDayOfYear(this.toYear + 1) - 1;
    const offsets = Array.from({ length: last - first + 3 }, (_, i) => dayStartOffset(first + i, tz));
    for (let day = first; day <= last; day++) {
      const offset = offsets[day - first];
      // A day's frames end by the wall midnight after next; one offset serves unless the zone shifts meanwhile.
      const steady = offset === offsets[day - first + 1] && offset === offsets[day - first + 2];
      for (const [s, e] of framesOfDay(spec, day)) {
        const wallStart = day * DAY_MS + s * MINUTE_MS;
        const wallEnd = day * DAY_MS + (e <= s ? e + 1440 : e) * MINUTE_MS;
        raw.push(steady ? [wallStart - offset, wallEnd - offset] : [wallToUtc(wallStart, tz), wallToUtc(wallEnd, tz)]);
      }
    }
    raw.sort((x, y) => x[0] - y[0]);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [s, e] of raw) {
      if (e <= s) continue;
      const n = ends.length;
      if (n > 0 && s <= ends[n - 1]) ends[n - 1] = Math.max(ends[n - 1], e);
      else {
        starts.push(s);
        ends.push(e);
      }
    }
    const cum = new Array<number>(starts.length);
    let acc = 0;
    for (let i = 0; i < starts.length; i++) {
      cum[i] = acc;
      acc += ends[i] - starts[i];
    }
    this.starts = starts;
    this.ends = ends;
    this.cum = cum;
  }
}

/** Local Jan 2 00:00 of a year in UTC: overnight frames of the year before end before it. */
const validFromOf = (year: number, tz: string): number => wallToUtc((firstDayOfYear(year) + 1) * DAY_MS, tz);
/** Local Jan 1 00:00 of the next year in UTC: every frame starting before it is compiled. */
const validToOf = (year: number, tz: string): number => wallToUtc(firstDayOfYear(year + 1) * DAY_MS, tz);

/** The zone's offset at a local day's midnight. */
function dayStartOffset(day: number, tz: string): number {
  const wall = day * DAY_MS;
  return wall - wallToUtc(wall, tz);
}

/** Index of the last value ≤ t, or -1. */
function lastAtOrBefore(values: readonly number[], t: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the first interval whose running total at its end reaches `target`. */
function firstReaching(cum: readonly number[], starts: readonly number[], ends: readonly number[], target: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] + ends[mid] - starts[mid] >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The instant `minutes` business minutes after `start` (the end of the last one). */
export function addBusinessMinutes(cal: CompiledCalendar, start: Date, minutes: number): Date {
  return new Date(cal.addWorking(start.getTime(), Math.round(minutes * MINUTE_MS)));
}

/** Business minutes from `a` to `b` (negative when `b` is earlier; fractional to the millisecond). */
export function businessMinutesBetween(cal: CompiledCalendar, a: Date, b: Date): number {
  return (cal.workedAt(b.getTime()) - cal.workedAt(a.getTime())) / MINUTE_MS;
}

/** Business milliseconds from `a` to `b` (UTC ms). */
export function businessMsBetween(cal: CompiledCalendar, a: number, b: number): number {
  return cal.workedAt(b) - cal.workedAt(a);
}
