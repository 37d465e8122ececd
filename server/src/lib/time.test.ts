import { addDays, dayInZone, daysBetween, isoDayInZone, startOfDayInZone } from './time';

const formatters = new Map<string, Intl.DateTimeFormat>();
const intl = (at: Date, timeZone: string) => {
  const f = formatters.get(timeZone) ?? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  formatters.set(timeZone, f);
  return f.format(at).replace(/-/g, '');
};

describe('dayInZone', () => {
  it('agrees with Intl every 29 minutes for two years across zones with and without daylight saving', () => {
    const zones = [
      'Asia/Shanghai',
      'UTC',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'America/St_Johns',
    ];
    const start = Date.UTC(2025, 0, 1);
    for (const zone of zones) {
      for (let t = start; t < start + 2 * 365 * 86_400_000; t += 29 * 60_000) {
        const at = new Date(t);
        if (dayInZone(at, zone) !== intl(at, zone))
          throw new Error(`${zone} ${at.toISOString()}: ${dayInZone(at, zone)} vs ${intl(at, zone)}`);
      }
    }
  });

  it("turns at the zone's midnight, not UTC's", () => {
    expect(dayInZone(new Date('2026-11-23T15:59:59Z'), 'Asia/Shanghai')).toBe('20261123');
    expect(dayInZone(new Date('2026-11-23T16:00:00Z'), 'Asia/Shanghai')).toBe('20261124');
  });
});

describe('startOfDayInZone', () => {
  it("is the zone's midnight, and the instant before it belongs to the previous day", () => {
    expect(startOfDayInZone('2026-11-24', 'Asia/Shanghai').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    for (const zone of ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Chatham']) {
      for (let d = 0; d < 400; d += 7) {
        const day = addDays('2025-01-01', d);
        const start = startOfDayInZone(day, zone);
        expect(isoDayInZone(start, zone)).toBe(day);
        expect(isoDayInZone(new Date(start.getTime() - 1), zone)).toBe(addDays(day, -1));
      }
    }
  });

  it('counts whole days between ISO days', () => {
    expect(daysBetween('2028-01-01', '2028-12-31')).toBe(365);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });
});
