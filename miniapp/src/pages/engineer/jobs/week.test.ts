import type { WeekFrames } from '@baoxiu/shared';
import { weekAhead } from './week';

const EMPTY: WeekFrames = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe("the engineer's coming week", () => {
  it("starts on today in the tenant zone and lists each day's frames, an overnight one on the day it starts, none on leave", () => {
    // 2026-12-03 17:00 UTC is already Friday 2026-12-04 01:00 in Shanghai.
    const days = weekAhead(
      {
        timezone: 'Asia/Shanghai',
        leaveDays: ['2026-12-07'],
        week: { ...EMPTY, mon: [['09:00', '18:00']], fri: [['22:00', '06:00']] },
      },
      new Date('2026-12-03T17:00:00Z'),
    );
    expect(days.map((d) => d.day)).toEqual([
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
    ]);
    expect(days[0]).toEqual({ day: '2026-12-04', weekday: 'fri', leave: false, frames: [['22:00', '06:00']] });
    expect(days[3]).toEqual({ day: '2026-12-07', weekday: 'mon', leave: true, frames: [] });
    expect(days[1].frames).toEqual([]);
  });

  it('shows no frames without a pattern, only the leave days', () => {
    const days = weekAhead({ timezone: 'Asia/Shanghai', leaveDays: ['2026-12-05'], week: null }, new Date('2026-12-03T02:00:00Z'));
    expect(days.every((d) => d.frames.length === 0)).toBe(true);
    expect(days.filter((d) => d.leave).map((d) => d.day)).toEqual(['2026-12-05']);
  });
});
