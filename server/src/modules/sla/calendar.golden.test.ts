import type { BusinessHoursInput } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { CompiledCalendar, addBusinessMinutes, businessMinutesBetween } from './calendar';
import { buildCalendarSpec } from './calendar.spec';
import { STATUTORY_SOURCE, statutoryDaysFromPackage, yearsOf } from './holidays.data';

const statutoryDays = statutoryDaysFromPackage();
const statutory = { days: statutoryDays, years: yearsOf(statutoryDays) };
const office = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
] as [string, string][];
const officeHours = (over: Partial<BusinessHoursInput> = {}): BusinessHoursInput => ({
  timezone: 'Asia/Shanghai',
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  holidays: 'cn',
  extraHolidays: [],
  extraWorkdays: [],
  ignoredStatutoryDays: [],
  ...over,
});
const compile = (hours: BusinessHoursInput, around: string) =>
  new CompiledCalendar(buildCalendarSpec(hours, statutory), Date.parse(around));
const due = (cal: CompiledCalendar, start: string, minutes: number) => addBusinessMinutes(cal, new Date(start), minutes).toISOString();

/*
 * The 2026 arrangement as chinese-days 1.5.7 publishes it (dist/chinese-days.json, holidays and workdays):
 *   Spring Festival: holidays 2026-02-15 (Sun) … 2026-02-23 (Mon); make-up workdays Sat 2026-02-14 and Sat 2026-02-28.
 *   Mid-Autumn 2026-09-25 … 09-27; National Day 2026-10-01 (Thu) … 2026-10-07 (Wed);
 *   make-up workdays Sun 2026-09-20 and Sat 2026-10-10.
 */
describe('the 2026 statutory data copied from chinese-days', () => {
  const find = (day: string) => statutoryDays.find((d) => d.day === day);

  it('holds the Spring Festival and National Day holidays with their 调休 Saturdays and Sundays', () => {
    expect(find('2026-02-15')?.kind).toBe('holiday');
    expect(find('2026-02-23')?.kind).toBe('holiday');
    expect(find('2026-02-14')).toMatchObject({ kind: 'workday', year: 2026, source: STATUTORY_SOURCE });
    expect(find('2026-02-28')?.kind).toBe('workday');
    expect(find('2026-10-01')?.name).toBe('国庆节 / National Day');
    expect(find('2026-10-07')?.kind).toBe('holiday');
    expect(find('2026-09-20')?.kind).toBe('workday');
    expect(find('2026-10-10')?.kind).toBe('workday');
  });

  it('takes only explicit days: an ordinary weekend is not a holiday row', () => {
    expect(find('2026-03-07')).toBeUndefined();
    expect(find('2026-03-08')).toBeUndefined();
  });

  it('lists 2026 among its years and not 2027, which the package has not published yet', () => {
    expect(statutory.years).toContain(2026);
    expect(statutory.years).not.toContain(2027);
  });
});

describe('golden deadlines across 2026 holidays (Asia/Shanghai, 09:00–12:00 and 13:00–18:00, Monday to Friday)', () => {
  const cal = compile(officeHours(), '2026-06-01T00:00:00Z');

  it('a request filed at 17:00 the day before National Day is due two hours into 8 October', () => {
    expect(due(cal, '2026-09-30T09:00:00Z', 120)).toBe('2026-10-08T02:00:00.000Z');
  });

  it('works the 调休 Saturday 10 October with Monday hours', () => {
    expect(due(cal, '2026-10-09T09:00:00Z', 120)).toBe('2026-10-10T02:00:00.000Z');
  });

  it('works the 调休 Sunday 20 September', () => {
    expect(due(cal, '2026-09-19T12:00:00Z', 60)).toBe('2026-09-20T02:00:00.000Z');
  });

  it('runs from Friday 13 February through the make-up Saturday, over the Spring Festival, to 24 February', () => {
    expect(due(cal, '2026-02-13T09:00:00Z', 120)).toBe('2026-02-14T02:00:00.000Z');
    expect(due(cal, '2026-02-14T09:00:00Z', 120)).toBe('2026-02-24T02:00:00.000Z');
    expect(businessMinutesBetween(cal, new Date('2026-02-13T01:00:00Z'), new Date('2026-02-24T01:00:00Z'))).toBe(960);
  });

  it('skips the lunch break and the weekend from a Friday evening to Monday morning', () => {
    expect(due(cal, '2026-11-27T11:30:00Z', 240)).toBe('2026-11-30T06:00:00.000Z');
    expect(due(cal, '2026-11-26T03:30:00Z', 60)).toBe('2026-11-26T05:30:00.000Z');
  });

  it('lets a tenant ignore a make-up Saturday, add a company holiday and an extra workday', () => {
    const own = compile(
      officeHours({ ignoredStatutoryDays: ['2026-02-14'], extraHolidays: ['2026-02-24'], extraWorkdays: ['2026-02-22'] }),
      '2026-02-01T00:00:00Z',
    );
    // Friday 17:00 → one hour Friday, Sat 14 off (ignored), Sun 22 worked (extra), so due Sunday 10:00.
    expect(due(own, '2026-02-13T09:00:00Z', 120)).toBe('2026-02-22T02:00:00.000Z');
    // From Sunday 22 at 17:00: Mon 23 is the holiday, Tue 24 the company holiday, due Wednesday 25 at 10:00.
    expect(due(own, '2026-02-22T09:00:00Z', 120)).toBe('2026-02-25T02:00:00.000Z');
  });

  it('counts an overnight frame by the day it starts: 30 September 22:00 runs into the holiday morning', () => {
    const night = [['22:00', '06:00']] as [string, string][];
    const nights = compile(
      officeHours({ week: { mon: night, tue: night, wed: night, thu: night, fri: night, sat: [], sun: [] } }),
      '2026-09-01T00:00:00Z',
    );
    expect(due(nights, '2026-09-30T13:00:00Z', 600)).toBe('2026-10-08T16:00:00.000Z');
  });
});

describe('calendars without holidays', () => {
  const all = [['00:00', '24:00']] as [string, string][];
  const always = (): BusinessHoursInput =>
    officeHours({ holidays: 'none', week: { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all } });

  it('a 24×7 calendar counts every minute, holidays included', () => {
    const cal = compile(always(), '2026-10-01T00:00:00Z');
    expect(due(cal, '2026-10-01T00:00:00Z', 1440)).toBe('2026-10-02T00:00:00.000Z');
    expect(due(cal, '2026-12-31T12:00:00Z', 48 * 60)).toBe('2027-01-02T12:00:00.000Z');
  });

  it('follows a daylight-saving change (Europe/Berlin, 29 March 2026)', () => {
    const cal = compile(officeHours({ timezone: 'Europe/Berlin', holidays: 'none' }), '2026-03-01T00:00:00Z');
    expect(due(cal, '2026-03-27T16:00:00Z', 120)).toBe('2026-03-30T08:00:00.000Z');
  });
});

describe('a year without holiday data', () => {
  const refusal = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return null;
  };

  it('is refused, never computed as Monday to Friday', () => {
    const err = refusal(() => compile(officeHours(), '2027-03-01T00:00:00Z'));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'HOLIDAY_YEAR_MISSING', details: { year: 2027 } });
  });

  it('refuses a deadline that runs from December 2026 into 2027', () => {
    const cal = compile(officeHours(), '2026-12-01T00:00:00Z');
    expect(refusal(() => due(cal, '2026-12-31T09:00:00Z', 120))).toMatchObject({ code: 'HOLIDAY_YEAR_MISSING', details: { year: 2027 } });
    // The refusal leaves the compiled 2026 intact.
    expect(due(cal, '2026-12-30T09:00:00Z', 120)).toBe('2026-12-31T02:00:00.000Z');
  });

  it('is no concern of a calendar that uses no holiday list', () => {
    const cal = compile(officeHours({ holidays: 'none' }), '2027-03-01T00:00:00Z');
    expect(due(cal, '2027-03-05T09:00:00Z', 120)).toBe('2027-03-08T02:00:00.000Z');
  });
});
