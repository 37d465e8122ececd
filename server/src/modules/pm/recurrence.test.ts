import type { BusinessHoursInput } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { buildCalendarSpec } from '../sla/calendar.spec';
import { statutoryDaysFromPackage, yearsOf } from '../sla/holidays.data';
import { MAX_RANGE_DAYS, applyHolidayPolicy, dueDates, expandDates, nextAfterCompletion, validateRule } from './recurrence';

const statutoryDays = statutoryDaysFromPackage();
const statutory = { days: statutoryDays, years: yearsOf(statutoryDays) };
const office = [['09:00', '18:00']] as [string, string][];
const hours = (timezone: string, holidays: 'cn' | 'none'): BusinessHoursInput => ({
  timezone,
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays,
  extraHolidays: [],
  extraWorkdays: [],
  ignoredStatutoryDays: [],
});
const shanghai = buildCalendarSpec(hours('Asia/Shanghai', 'cn'), statutory);
const newYork = buildCalendarSpec(hours('America/New_York', 'none'), statutory);
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return undefined;
};

describe('rrule expansion into floating dates', () => {
  it('expands a monthly rule on the 1st within the window, inclusive at both ends', () => {
    expect(expandDates('FREQ=MONTHLY;BYMONTHDAY=1', '2026-01-01', '2026-01-01', '2026-04-01')).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
    ]);
  });

  it('starts no earlier than startsOn and accepts an "RRULE:" prefix', () => {
    expect(expandDates('RRULE:FREQ=WEEKLY;BYDAY=MO', '2026-03-10', '2026-03-01', '2026-03-24')).toEqual(['2026-03-16', '2026-03-23']);
  });

  it('keeps a weekly Monday rule on Mondays across the America/New_York DST change (8 March and 1 November 2026)', () => {
    const dates = expandDates('FREQ=WEEKLY;BYDAY=MO', '2026-01-05', '2026-02-01', '2026-12-31');
    expect(dates).toContain('2026-03-09');
    expect(dates).toContain('2026-11-02');
    expect(dates.every((d) => weekday(d) === 1)).toBe(true);
    expect(dates).toHaveLength(48);
  });

  it('gives the same dates whatever the process time zone is', () => {
    const saved = process.env.TZ;
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH';
    const results = ['Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati', 'UTC'].map((tz) => {
      process.env.TZ = tz;
      return expandDates(rule, '2026-03-02', '2026-03-01', '2026-04-30');
    });
    process.env.TZ = saved;
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0].slice(0, 4)).toEqual(['2026-03-02', '2026-03-05', '2026-03-16', '2026-03-19']);
  });

  it('honours COUNT from startsOn and UNTIL as a date', () => {
    expect(expandDates('FREQ=DAILY;COUNT=3', '2026-05-01', '2026-05-02', '2026-05-31')).toEqual(['2026-05-02', '2026-05-03']);
    expect(expandDates('FREQ=DAILY;UNTIL=20260503', '2026-05-01', '2026-05-01', '2026-05-31')).toEqual([
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
    ]);
  });

  it('answers nothing for a window before startsOn and refuses a window wider than MAX_RANGE_DAYS', () => {
    expect(expandDates('FREQ=DAILY', '2026-05-01', '2026-01-01', '2026-04-30')).toEqual([]);
    expect(codeOf(() => expandDates('FREQ=DAILY', '2026-01-01', '2026-01-01', '2027-12-31'))).toBe('PM_RANGE_TOO_WIDE');
    expect(expandDates('FREQ=DAILY', '2026-01-01', '2026-01-01', '2027-02-05')).toHaveLength(MAX_RANGE_DAYS + 1);
  });
});

describe('rejecting rules that are not date-only', () => {
  it.each([
    ['garbage', 'not a rule'],
    ['no FREQ', 'BYDAY=MO'],
    ['hourly', 'FREQ=HOURLY'],
    ['minutely', 'FREQ=MINUTELY;INTERVAL=15'],
    ['BYHOUR', 'FREQ=DAILY;BYHOUR=9'],
    ['BYHOUR=0', 'FREQ=DAILY;BYHOUR=0'],
    ['BYMINUTE=0', 'FREQ=DAILY;BYMINUTE=0'],
    ['BYSECOND=0', 'FREQ=DAILY;BYSECOND=0'],
    ['DTSTART', 'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY'],
    ['TZID', 'FREQ=DAILY;TZID=Asia/Shanghai'],
    ['two lines', 'FREQ=DAILY\nFREQ=WEEKLY'],
    ['an unknown weekday (rrule throws a plain error)', 'FREQ=WEEKLY;BYDAY=XX'],
    ['BYSETPOS=0 (rrule throws a plain error)', 'FREQ=YEARLY;BYSETPOS=0'],
    ['a rule that never matches (30 February)', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'],
    ['COUNT=0', 'FREQ=DAILY;COUNT=0'],
  ])('refuses %s with PM_RRULE_INVALID', (_name, text) => {
    expect(codeOf(() => validateRule(text, '2026-01-01'))).toBe('PM_RRULE_INVALID');
  });

  it('accepts yearly, monthly, weekly and daily rules', () => {
    for (const r of [
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15',
      'FREQ=MONTHLY;BYDAY=1MO',
      'FREQ=WEEKLY;BYDAY=FR',
      'FREQ=DAILY;INTERVAL=10',
    ]) {
      expect(codeOf(() => validateRule(r, '2026-01-01'))).toBeUndefined();
    }
  });
});

describe('holiday policies on the Asia/Shanghai calendar with 2026 statutory days', () => {
  // 2026-02-16 (Mon) is a Spring Festival holiday (15–23 Feb); 2026-02-14 (Sat) is a 调休 make-up workday.
  it('ignore keeps the date even on a holiday', () => {
    expect(applyHolidayPolicy(shanghai, '2026-02-16', 'ignore')).toBe('2026-02-16');
  });

  it('skip drops a holiday and keeps a 调休 Saturday', () => {
    expect(applyHolidayPolicy(shanghai, '2026-02-16', 'skip')).toBeNull();
    expect(applyHolidayPolicy(shanghai, '2026-02-14', 'skip')).toBe('2026-02-14');
    expect(applyHolidayPolicy(shanghai, '2026-03-07', 'skip')).toBeNull();
  });

  it('forward moves to the first workday after the holiday (24 Feb)', () => {
    expect(applyHolidayPolicy(shanghai, '2026-02-16', 'forward')).toBe('2026-02-24');
  });

  it('back moves to the last workday before the holiday (the 调休 Saturday 14 Feb)', () => {
    expect(applyHolidayPolicy(shanghai, '2026-02-16', 'back')).toBe('2026-02-14');
  });

  it('leaves a workday alone under every policy', () => {
    for (const p of ['ignore', 'skip', 'forward', 'back'] as const)
      expect(applyHolidayPolicy(shanghai, '2026-03-04', p)).toBe('2026-03-04');
  });

  it('treats weekends only as days off in a calendar without statutory holidays (America/New_York)', () => {
    expect(applyHolidayPolicy(newYork, '2026-03-08', 'forward')).toBe('2026-03-09');
    expect(applyHolidayPolicy(newYork, '2026-03-08', 'back')).toBe('2026-03-06');
    expect(applyHolidayPolicy(newYork, '2026-07-03', 'skip')).toBe('2026-07-03');
  });

  it('refuses a year without statutory data instead of guessing', () => {
    expect(codeOf(() => applyHolidayPolicy(shanghai, '2031-01-06', 'skip'))).toBe('HOLIDAY_YEAR_MISSING');
  });
});

describe('due dates of a schedule-based plan', () => {
  const weeklyMonday = 'FREQ=WEEKLY;BYDAY=MO';

  it('moves the Spring Festival Mondays forward and collapses those landing on one day', () => {
    // Mondays 16 and 23 Feb are holidays: both move to Tue 24 Feb, one occurrence.
    expect(dueDates(shanghai, weeklyMonday, '2026-02-02', 'forward', '2026-02-01', '2026-03-03')).toEqual([
      '2026-02-02',
      '2026-02-09',
      '2026-02-24',
      '2026-03-02',
    ]);
  });

  it('moves holiday Mondays back and skips them under skip', () => {
    expect(dueDates(shanghai, weeklyMonday, '2026-02-02', 'back', '2026-02-01', '2026-03-03')).toEqual([
      '2026-02-02',
      '2026-02-09',
      '2026-02-14',
      '2026-03-02',
    ]);
    expect(dueDates(shanghai, weeklyMonday, '2026-02-02', 'skip', '2026-02-01', '2026-03-03')).toEqual([
      '2026-02-02',
      '2026-02-09',
      '2026-03-02',
    ]);
  });

  it('takes in a date scheduled just outside the window that moves into it', () => {
    // Sun 1 Mar (monthly on the 1st) moves back to Sat 28 Feb, a 调休 workday inside a February window.
    expect(dueDates(shanghai, 'FREQ=MONTHLY;BYMONTHDAY=1', '2026-01-01', 'back', '2026-02-01', '2026-02-28')).toEqual(['2026-02-28']);
  });

  it('answers a full MAX_RANGE_DAYS window under forward and back', () => {
    for (const p of ['forward', 'back'] as const) {
      expect(dueDates(shanghai, weeklyMonday, '2026-01-05', p, '2026-01-01', '2026-12-31').length).toBeGreaterThan(45);
    }
    expect(codeOf(() => dueDates(shanghai, weeklyMonday, '2026-01-05', 'ignore', '2026-01-01', '2027-06-30'))).toBe('PM_RANGE_TOO_WIDE');
  });

  it('answers December although the next year has no statutory data yet (padding dates there bring nothing in)', () => {
    expect(dueDates(shanghai, weeklyMonday, '2026-01-05', 'back', '2026-12-01', '2026-12-31')).toHaveLength(4);
  });

  it('keeps New York weekly Mondays on Mondays across DST under forward', () => {
    const dates = dueDates(newYork, weeklyMonday, '2026-01-05', 'forward', '2026-03-01', '2026-03-31');
    expect(dates).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
  });
});

describe('the next due date of a completion-based plan', () => {
  it('counts the interval from the completion day, not from startsOn', () => {
    // Every 3 months; done on 20 April → next 20 July (a Monday, a workday).
    expect(nextAfterCompletion(shanghai, 'FREQ=MONTHLY;INTERVAL=3', '2026-01-05', 'ignore', '2026-04-20')).toBe('2026-07-20');
  });

  it('keeps BYDAY: weekly on Monday done on a Wednesday is due the next Monday', () => {
    expect(nextAfterCompletion(shanghai, 'FREQ=WEEKLY;BYDAY=MO', '2026-01-05', 'ignore', '2026-03-04')).toBe('2026-03-09');
  });

  it('applies the holiday policy to the next date', () => {
    // Every 7 days from Mon 9 Feb → Mon 16 Feb, a holiday: forward to 24 Feb, back to the 调休 Saturday 14 Feb.
    expect(nextAfterCompletion(shanghai, 'FREQ=DAILY;INTERVAL=7', '2026-01-05', 'forward', '2026-02-09')).toBe('2026-02-24');
    expect(nextAfterCompletion(shanghai, 'FREQ=DAILY;INTERVAL=7', '2026-01-05', 'back', '2026-02-09')).toBe('2026-02-14');
  });

  it('answers null once the rule has ended', () => {
    expect(nextAfterCompletion(shanghai, 'FREQ=MONTHLY;UNTIL=20260301', '2026-01-01', 'ignore', '2026-03-02')).toBeNull();
  });
});
