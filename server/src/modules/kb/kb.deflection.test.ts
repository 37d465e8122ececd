import { deflectionFigures, judgeClicks, type DeflectionEvent } from './kb.deflection';

const H = 3_600_000;
const t0 = Date.parse('2026-11-23T02:00:00Z');
const at = (hours: number) => new Date(t0 + hours * H);
const click = (deviceId: string, hours: number, assetId = 1, articleId = 7): DeflectionEvent => ({
  type: 'resolved_click',
  deviceId,
  assetId,
  articleId,
  category: '打印机',
  at: at(hours),
});

describe('judging resolved clicks', () => {
  it('confirms a click only once 72 h have passed without a ticket from the same device on the same asset', () => {
    const clicks = [click('a', 0), click('b', 0), click('c', 0), click('d', 0), click('e', 0, 1)];
    const tickets = [
      { deviceId: 'b', assetId: 1, createdAt: at(71.9) }, // inside the window: reverted
      { deviceId: 'c', assetId: 1, createdAt: at(72.1) }, // after it: still deflected
      { deviceId: 'd', assetId: 1, createdAt: at(-1) }, // before the click: not an answer to it
      { deviceId: 'e', assetId: 2, createdAt: at(1) }, // another asset
      { deviceId: 'x', assetId: 1, createdAt: at(1) }, // another device
    ];
    expect(judgeClicks(clicks, tickets, at(80))).toEqual(['confirmed', 'reverted', 'confirmed', 'confirmed', 'confirmed']);
    expect(judgeClicks(clicks, tickets, at(10))).toEqual(['pending', 'reverted', 'pending', 'pending', 'pending']);
  });

  it('counts repeated taps of one device on one asset within 72 h once, and a tap after the window again', () => {
    const clicks = [click('a', 5), click('a', 0), click('a', 71), click('a', 73), click('a', 1, 2)];
    expect(judgeClicks(clicks, [], at(200))).toEqual(['repeat', 'confirmed', 'repeat', 'confirmed', 'confirmed']);
  });

  it('keeps abandonment out of the rate and the numerator, per day in the tenant zone', () => {
    const events: DeflectionEvent[] = [
      click('a', 0),
      { type: 'abandoned', deviceId: 'b', assetId: 1, articleId: null, category: null, at: at(15) }, // 01:00 next day in Shanghai
      { type: 'submitted_anyway', deviceId: 'c', assetId: 1, articleId: 7, category: '打印机', at: at(1) },
    ];
    const f = deflectionFigures(events, [], at(100), 'Asia/Shanghai', ['2026-11-23', '2026-11-24']);
    expect(f.total).toMatchObject({ confirmed: 1, submittedAnyway: 1, abandoned: 1, rate: 0.5 });
    expect(f.byDay.map((d) => [d.day, d.confirmed, d.abandoned])).toEqual([
      ['2026-11-23', 1, 0],
      ['2026-11-24', 0, 1],
    ]);
    expect(f.byCategory.map((c) => [c.category, c.rate])).toEqual([
      [null, null],
      ['打印机', 0.5],
    ]);
  });
});
