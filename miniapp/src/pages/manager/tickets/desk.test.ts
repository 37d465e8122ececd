import { ageText, countdown, countText } from './desk';

describe('desk helpers', () => {
  const now = Date.parse('2026-12-02T00:00:00Z');

  it('counts an offer down in minutes and seconds, and says nothing once it expired', () => {
    expect(countdown('2026-12-02T00:05:07Z', now)).toBe('5:07');
    expect(countdown('2026-12-02T00:00:01Z', now)).toBe('0:01');
    expect(countdown('2026-12-02T00:00:00Z', now)).toBeNull();
    expect(countdown(null, now)).toBeNull();
  });

  it('gives an age in its two largest units', () => {
    expect(ageText(((2 * 24 + 3) * 3600 + 59) * 1000, true)).toBe('2d 3h');
    expect(ageText((3600 + 120) * 1000, false)).toBe('1 小时 2 分');
    expect(ageText(42_000, true)).toBe('42s');
    expect(ageText(-5_000, true)).toBe('0s');
  });

  it('shows a count above the server cap as "cap+"', () => {
    expect(countText(10_001, 10_000)).toBe('10000+');
    expect(countText(10_000, 10_000)).toBe('10000');
  });
});
