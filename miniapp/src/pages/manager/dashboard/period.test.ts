import { addDays, customPeriod, daysBetween, durationParts, hours, percent, presetPeriod, todayIn } from './period';

describe('the dashboard period', () => {
  it("takes today in the tenant's zone, not the browser's", () => {
    const at = new Date('2026-11-02T17:30:00Z');
    expect(todayIn('Asia/Shanghai', at)).toBe('2026-11-03');
    expect(todayIn('America/Los_Angeles', at)).toBe('2026-11-02');
    expect(todayIn('UTC', at)).toBe('2026-11-02');
  });

  it('counts today in the last N days, across month and year ends', () => {
    expect(presetPeriod('today', '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(presetPeriod('d7', '2026-03-01')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(presetPeriod('d30', '2027-01-05')).toEqual({ from: '2026-12-07', to: '2027-01-05' });
    for (const [preset, n] of [
      ['d7', 7],
      ['d30', 30],
      ['d90', 90],
    ] as const) {
      const p = presetPeriod(preset, '2028-02-29');
      expect(daysBetween(p.from, p.to)).toBe(n);
    }
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('accepts a custom period in order and at most 366 days, nothing else', () => {
    expect(customPeriod('2026-01-01', '2026-01-31')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(customPeriod('2026-01-31', '2026-01-01')).toBeNull();
    expect(customPeriod('2028-01-01', '2028-12-31')).not.toBeNull();
    expect(customPeriod('2026-01-01', '2027-01-02')).toBeNull();
    expect(customPeriod('', '2026-01-01')).toBeNull();
    expect(customPeriod('2026-13-01', '2026-13-02')).toBeNull();
  });

  it('writes durations in a readable unit and rates as percents', () => {
    expect(durationParts(45)).toEqual({ n: '45', unit: 'durSeconds' });
    expect(durationParts(700)).toEqual({ n: '12', unit: 'durMinutes' });
    expect(durationParts(6600)).toEqual({ n: '110', unit: 'durMinutes' });
    expect(durationParts(9000)).toEqual({ n: '2.5', unit: 'durHours' });
    expect(durationParts(3 * 86_400)).toEqual({ n: '3.0', unit: 'durDays' });
    expect(hours(6600)).toBe(1.8);
    expect(hours(null)).toBeNull();
    expect(percent(0.1667)).toBe('16.7%');
    expect(percent(null)).toBe('—');
  });
});
