import type { WeekFrames } from '@baoxiu/shared';
import { compileDuty, onDutyAt, type ShiftsLike } from './duty';

const EMPTY: WeekFrames = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const SH = 'Asia/Shanghai';
/** A Shanghai wall-clock time (UTC+8, no DST) as an instant. */
const sh = (local: string) => new Date(Date.parse(`${local}:00+08:00`));
const shifts = (over: Partial<ShiftsLike>): ShiftsLike => ({ week: EMPTY, leaveDays: [], dutyOverride: 'none', ...over });
const on = (s: ShiftsLike, at: Date, zone = SH, onDutySwitch = false) => onDutyAt(compileDuty(s), onDutySwitch, at, zone);

// 2026-11-23 is a Monday; 2026-11-27 a Friday.
describe('engineer duty at an instant', () => {
  const weekdays = shifts({
    week: {
      ...EMPTY,
      mon: [['09:00', '18:00']],
      tue: [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
    },
  });

  it('is on duty inside a frame [start, end) and off at its end and outside it', () => {
    expect(on(weekdays, sh('2026-11-23T08:59'))).toBe(false);
    expect(on(weekdays, sh('2026-11-23T09:00'))).toBe(true);
    expect(on(weekdays, sh('2026-11-23T17:59'))).toBe(true);
    expect(on(weekdays, sh('2026-11-23T18:00'))).toBe(false);
    expect(on(weekdays, sh('2026-11-24T12:30'))).toBe(false);
    expect(on(weekdays, sh('2026-11-24T13:00'))).toBe(true);
    expect(on(weekdays, sh('2026-11-25T10:00'))).toBe(false);
  });

  it('runs an overnight frame into the next morning, across the week’s end too', () => {
    const nights = shifts({ week: { ...EMPTY, fri: [['22:00', '06:00']], sun: [['20:00', '02:00']] } });
    expect(on(nights, sh('2026-11-27T21:59'))).toBe(false);
    expect(on(nights, sh('2026-11-27T22:00'))).toBe(true);
    expect(on(nights, sh('2026-11-28T05:59'))).toBe(true);
    expect(on(nights, sh('2026-11-28T06:00'))).toBe(false);
    // Sunday 20:00 → Monday 02:00.
    expect(on(nights, sh('2026-11-30T01:59'))).toBe(true);
    expect(on(nights, sh('2026-11-30T02:00'))).toBe(false);
  });

  it('covers a whole day with 00:00–24:00', () => {
    const allDay = shifts({ week: { ...EMPTY, sat: [['00:00', '24:00']] } });
    expect(on(allDay, sh('2026-11-28T00:00'))).toBe(true);
    expect(on(allDay, sh('2026-11-28T23:59'))).toBe(true);
    expect(on(allDay, sh('2026-11-29T00:00'))).toBe(false);
  });

  it('drops a leave day’s frames, with their overnight tail, but not the night before running into it', () => {
    const nights = shifts({ week: { ...EMPTY, thu: [['22:00', '06:00']], fri: [['22:00', '06:00']] }, leaveDays: ['2026-11-27'] });
    // Thursday night runs into the leave day's morning: still worked.
    expect(on(nights, sh('2026-11-27T03:00'))).toBe(true);
    // Friday (on leave) night and its Saturday-morning tail: off.
    expect(on(nights, sh('2026-11-27T23:00'))).toBe(false);
    expect(on(nights, sh('2026-11-28T03:00'))).toBe(false);
  });

  it('lets the override win: "on" in a leave day and outside the frames, "off" inside a frame', () => {
    expect(on({ ...weekdays, dutyOverride: 'on', leaveDays: ['2026-11-23'] }, sh('2026-11-23T10:00'))).toBe(true);
    expect(on({ ...weekdays, dutyOverride: 'on' }, sh('2026-11-25T03:00'))).toBe(true);
    expect(on({ ...weekdays, dutyOverride: 'off' }, sh('2026-11-23T10:00'), SH, true)).toBe(false);
  });

  it('leaves it to the onDuty switch without a pattern (no shifts at all, or leave days only), off on a leave day', () => {
    const at = sh('2026-11-23T03:00');
    expect(onDutyAt(null, true, at, SH)).toBe(true);
    expect(onDutyAt(null, false, at, SH)).toBe(false);
    const leaveOnly = shifts({ week: null, leaveDays: ['2026-11-24'] });
    expect(on(leaveOnly, at, SH, true)).toBe(true);
    expect(on(leaveOnly, at, SH, false)).toBe(false);
    expect(on(leaveOnly, sh('2026-11-24T10:00'), SH, true)).toBe(false);
  });

  it('reads the frames on the tenant’s wall clock: one instant, three zones, and New York’s daylight saving', () => {
    const mornings = shifts({ week: { ...EMPTY, mon: [['09:00', '17:00']] } });
    const instant = new Date('2026-11-23T01:30:00Z');
    expect(on(mornings, instant, 'Asia/Shanghai')).toBe(true); // Monday 09:30
    expect(on(mornings, instant, 'UTC')).toBe(false); // Monday 01:30
    expect(on(mornings, instant, 'America/New_York')).toBe(false); // Sunday 20:30
    // Monday 2 March 2026 is on EST (UTC−5), Monday 9 March on EDT (UTC−4): 09:00 local moves by an hour in UTC.
    expect(on(mornings, new Date('2026-03-02T13:30:00Z'), 'America/New_York')).toBe(false);
    expect(on(mornings, new Date('2026-03-02T14:00:00Z'), 'America/New_York')).toBe(true);
    expect(on(mornings, new Date('2026-03-09T13:00:00Z'), 'America/New_York')).toBe(true);
    expect(on(mornings, new Date('2026-03-09T21:00:00Z'), 'America/New_York')).toBe(false);
  });

  it('agrees with a minute-by-minute reading of the week for random patterns and leave days', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
    const mismatches: string[] = [];
    for (let trial = 0; trial < 40; trial += 1) {
      const week: WeekFrames = { ...EMPTY };
      for (const d of days) {
        const a = rnd(96) * 15;
        let b = rnd(96) * 15;
        if (b === a) b = (a + 60) % 1440;
        week[d] = rnd(3) === 0 ? [] : [[hhmm(a), hhmm(b)]];
      }
      const leaveDays = rnd(2) === 0 ? ['2026-11-25'] : [];
      const s = shifts({ week, leaveDays });
      // Oracle: does any frame, laid out on the days around it, contain the minute?
      const oracle = (dayIndex: number, minute: number) =>
        [dayIndex, dayIndex - 1].some((d) => {
          const iso = `2026-11-${String(23 + d).padStart(2, '0')}`;
          if (d < 0 || leaveDays.includes(iso))
            return (
              d < 0 &&
              (() => {
                const sun = week.sun[0];
                if (!sun) return false;
                const [x, y] = sun.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
                return y <= x && minute < y;
              })()
            );
          const f = week[days[d % 7]][0];
          if (!f) return false;
          const [x, y] = f.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
          const end = y <= x ? y + 1440 : y;
          const m = minute + (d === dayIndex ? 0 : 1440);
          return m >= x && m < end;
        });
      for (let i = 0; i < 7 * 96; i += 1) {
        const dayIndex = Math.floor(i / 96);
        const minute = (i % 96) * 15 + 7;
        const at = new Date(Date.parse('2026-11-22T16:00:00Z') + (dayIndex * 1440 + minute) * 60_000);
        if (on(s, at) !== oracle(dayIndex, minute))
          mismatches.push(`${JSON.stringify(week)} ${leaveDays.join()} day ${dayIndex} minute ${minute}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
