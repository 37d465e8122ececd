/** ISO 8601 in UTC for every time the API returns. */
export function iso(d: Date): string;
export function iso(d: Date | null | undefined): string | null;
export function iso(d: Date | null | undefined): string | null {
  return d ? new Date(d).toISOString() : null;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl formatter costs about a millisecond (12 % of a scan's CPU in the bench): one per zone. */
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f;
}

function dayByIntl(at: Date, timeZone: string): string {
  const parts = dayFormatter(timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Per zone: the zone's offset from UTC during one UTC hour (offsets only change on whole hours or halves of them). */
const offsets = new Map<string, { hour: number; offsetMs: number }>();
const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset at the start of the UTC hour holding `at`, measured once per zone and hour. */
function offsetInHour(hour: number, timeZone: string): number {
  const known = offsets.get(timeZone);
  if (known?.hour === hour) return known.offsetMs;
  const start = new Date(hour * HOUR_MS);
  const day = dayByIntl(start, timeZone);
  // The zone's local midnight of that day, in UTC, tells the offset to within the day: search it by whole minutes.
  const utcDay = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
  let clock = clockFormatters.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFormatters.set(timeZone, clock);
  }
  const parts = clock.formatToParts(start);
  const hh = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const mm = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  const offsetMs = utcDay + hh * HOUR_MS + mm * 60_000 - start.getTime();
  offsets.set(timeZone, { hour, offsetMs });
  return offsetMs;
}

/**
 * The calendar day (YYYYMMDD) of an instant in a tenant's time zone, used in ticket numbers and for
 * "today". Intl is slow (a scan used to spend 4 % of its CPU here), so the zone's offset is looked up
 * once an hour and the day is plain arithmetic; a zone whose offset changes off the hour falls back to Intl.
 */
export function dayInZone(at: Date, timeZone: string): string {
  const t = at.getTime();
  const hour = Math.floor(t / HOUR_MS);
  const offsetMs = offsetInHour(hour, timeZone);
  if (offsetMs % (15 * 60_000) !== 0) return dayByIntl(at, timeZone);
  const local = new Date(Math.floor((t + offsetMs) / DAY_MS) * DAY_MS);
  return local.toISOString().slice(0, 10).replace(/-/g, '');
}

/** The calendar day as an ISO date (YYYY-MM-DD) in a time zone: "today" for warranty checks. */
export function isoDayInZone(at: Date, timeZone: string): string {
  return dayInZone(at, timeZone).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');
}

/** A DATETIME as a raw query returns it: a Date from mysql2, UTC text ("2026-11-23 05:00:00.000") from SQLite. */
export function rawInstant(v: Date | string): Date;
export function rawInstant(v: Date | string | null): Date | null;
export function rawInstant(v: Date | string | null): Date | null {
  if (v === null) return null;
  if (v instanceof Date) return v;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
}

/** A whole ISO day moved by `days` (calendar arithmetic, no time zone involved). */
export function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every ISO day from `first` to `last`, both included (none when `last` is earlier). */
export function dayRange(first: string, last: string): string[] {
  return Array.from({ length: Math.max(0, daysBetween(first, last) + 1) }, (_, i) => addDays(first, i));
}

/** Whole days from one ISO day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant (to the second), read with Intl: rare callers only (one per day bound). */
function zoneOffsetAt(at: number, timeZone: string): number {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The first instant of an ISO day in a time zone: the day's lower bound for "tickets created that day".
 * The offset is read at the guess and read again once, which settles it also across a daylight-saving change.
 */
export function startOfDayInZone(isoDay: string, timeZone: string): Date {
  const midnight = Date.parse(`${isoDay}T00:00:00Z`);
  const guess = midnight - zoneOffsetAt(midnight, timeZone);
  return new Date(midnight - zoneOffsetAt(guess, timeZone));
}

/** The first day of the month holding an ISO day. */
export const monthOf = (isoDay: string): string => `${isoDay.slice(0, 7)}-01`;

/** The first day of the month after the one starting on `isoMonth`. */
export const nextMonth = (isoMonth: string): string => monthOf(addDays(isoMonth, 31));
