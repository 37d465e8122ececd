import { WEEKDAYS, type EngineerShifts, type Weekday } from '@baoxiu/shared';

/** One day of an engineer's coming week as their phone shows it. */
export interface WeekDay {
  /** YYYY-MM-DD in the tenant's zone. */
  day: string;
  weekday: Weekday;
  /** The frames that start that day ("22:00–06:00" runs overnight); empty on a day off or on leave. */
  frames: Array<[string, string]>;
  leave: boolean;
}

const isoDay = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

/**
 * Today and the six days after it, in the tenant's zone: each day's frames of the weekly pattern and whether it is
 * a leave day. Without a pattern there are no frames (the on-duty switch decides), so days only say leave.
 */
export function weekAhead(s: Pick<EngineerShifts, 'week' | 'leaveDays' | 'timezone'>, now: Date): WeekDay[] {
  const start = Date.parse(`${isoDay(now, s.timezone)}T00:00:00Z`);
  const leave = new Set(s.leaveDays);
  return Array.from({ length: 7 }, (_, i) => {
    const at = new Date(start + i * 86_400_000);
    const day = at.toISOString().slice(0, 10);
    // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
    const weekday = WEEKDAYS[(at.getUTCDay() + 6) % 7];
    const onLeave = leave.has(day);
    return { day, weekday, leave: onLeave, frames: onLeave || !s.week ? [] : s.week[weekday].map(([a, b]) => [a, b] as [string, string]) };
  });
}
