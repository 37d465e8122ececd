import { WEEKDAYS, type DutyOverride, type WeekFrames } from '@baoxiu/shared';
import { DAY_MS, dayOfIso, MINUTE_MS, minutesOfClock, offsetAt, weekdayOfDay } from '../../lib/zone';

/**
 * Who is on duty at an instant, as a pure function of an engineer's shifts (decided in memory for a whole roster:
 * the zone is read once per decision, each engineer then costs a few comparisons).
 *
 * - dutyOverride "on" / "off": the manual switch wins over everything (the pattern and the leave days).
 * - no weekly pattern: the plain `onDuty` switch decides, as for engineers who never had shifts; a leave day is off.
 * - a pattern: on duty inside a frame of the weekday, or of the day before when that frame runs overnight; a frame
 *   belongs to the day it starts on, so a leave day drops that day's frames, including their overnight tail.
 */
export interface CompiledDuty {
  override: DutyOverride;
  /** Per weekday (0 = Monday), the frames [start, end) in minutes after midnight; end > 1440 runs overnight. */
  week: Array<Array<[number, number]>> | null;
  leave: ReadonlySet<number>;
}

export interface ShiftsLike {
  week: WeekFrames | null;
  leaveDays: readonly string[];
  dutyOverride: DutyOverride;
}

export function compileDuty(s: ShiftsLike): CompiledDuty {
  const week = s.week
    ? WEEKDAYS.map((d) =>
        (s.week as WeekFrames)[d].map(([a, b]): [number, number] => {
          const start = minutesOfClock(a);
          const end = minutesOfClock(b);
          return [start, end <= start ? end + 1440 : end];
        }),
      )
    : null;
  return { override: s.dutyOverride, week, leave: new Set(s.leaveDays.map(dayOfIso)) };
}

/** An instant on the tenant's wall clock: its local day number and minute of the day. */
export interface WallInstant {
  day: number;
  minute: number;
}

export function wallInstant(at: Date, timeZone: string): WallInstant {
  const wall = at.getTime() + offsetAt(at.getTime(), timeZone);
  const day = Math.floor(wall / DAY_MS);
  return { day, minute: Math.floor((wall - day * DAY_MS) / MINUTE_MS) };
}

/** On duty at a wall instant; `onDutySwitch` is the engineer's `onDuty` column (used without a pattern). */
export function onDutyAtWall(duty: CompiledDuty | null, onDutySwitch: boolean, at: WallInstant): boolean {
  if (!duty) return onDutySwitch;
  if (duty.override === 'on') return true;
  if (duty.override === 'off') return false;
  if (!duty.week) return onDutySwitch && !duty.leave.has(at.day);
  const covers = (day: number, minute: number) =>
    !duty.leave.has(day) && (duty.week as Array<Array<[number, number]>>)[weekdayOfDay(day)].some(([s, e]) => minute >= s && minute < e);
  return covers(at.day, at.minute) || covers(at.day - 1, at.minute + 1440);
}

/** On duty at an instant in a time zone. */
export function onDutyAt(duty: CompiledDuty | null, onDutySwitch: boolean, at: Date, timeZone: string): boolean {
  return onDutyAtWall(duty, onDutySwitch, wallInstant(at, timeZone));
}
