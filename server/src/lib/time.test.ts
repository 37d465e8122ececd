import { dayInZone } from './time';

const formatters = new Map<string, Intl.DateTimeFormat>();
const intl = (at: Date, timeZone: string) => {
  const f = formatters.get(timeZone) ?? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  formatters.set(timeZone, f);
  return f.format(at).replace(/-/g, '');
};

describe('dayInZone', () => {
  it('agrees with Intl every 29 minutes for two years across zones with and without daylight saving', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
    const start = Date.UTC(2025, 0, 1);
    for (const zone of zones) {
      for (let t = start; t < start + 2 * 365 * 86_400_000; t += 29 * 60_000) {
        const at = new Date(t);
        if (dayInZone(at, zone) !== intl(at, zone)) throw new Error(`${zone} ${at.toISOString()}: ${dayInZone(at, zone)} vs ${intl(at, zone)}`);
      }
    }
  });

  it("turns at the zone's midnight, not UTC's", () => {
    expect(dayInZone(new Date('2026-11-23T15:59:59Z'), 'Asia/Shanghai')).toBe('20261123');
    expect(dayInZone(new Date('2026-11-23T16:00:00Z'), 'Asia/Shanghai')).toBe('20261124');
  });
});
