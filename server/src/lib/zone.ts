/** Wall-clock ↔ UTC for calendar compilation: a handful of Intl calls per local day, never per query. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
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
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC (ms) at a UTC instant. */
export function offsetAt(utcMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const p = formatter(timeZone).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(p.find((x) => x.type === t)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** The UTC instant of a wall-clock time (ms since the local epoch); the offset is settled in two reads. */
export function wallToUtc(wallMs: number, timeZone: string): number {
  const first = offsetAt(wallMs, timeZone);
  const second = offsetAt(wallMs - first, timeZone);
  return wallMs - second;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Local day number (days since 1970-01-01 on the wall clock) → "YYYY-MM-DD". */
export const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** "YYYY-MM-DD" → local day number. */
export const dayOfIso = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** 0 = Monday … 6 = Sunday for a local day number (1970-01-01 was a Thursday). */
export const weekdayOfDay = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** "HH:MM" → minutes after midnight. */
export const minutesOfClock = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
