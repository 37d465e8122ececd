import { pricePeriod, type PricingInput } from '../../src/modules/billing/pricing';
import { prorate } from '../../src/modules/billing/proration';
import { NO_USAGE, TICKET_TIERS, plan } from './plans';

const quote = (p: PricingInput['plan'], q: Partial<typeof NO_USAGE> = {}, extra: Partial<PricingInput> = {}) =>
  pricePeriod({ plan: p, quantities: { ...NO_USAGE, ...q }, subscriptionStart: '2026-01-01', periodStart: '2026-01-01', ...extra });

describe('golden: seats, modules and tiers', () => {
  it('prices 10 seats at 50 a seat as 500', () => {
    const q = quote(plan({ charges: [{ kind: 'seats', unitAmount: 5000 }] }), { seats: 10 });
    expect(q.lines).toEqual([expect.objectContaining({ kind: 'seats', quantity: 10, unitAmount: 5000, amount: 50000 })]);
    expect(q.total).toBe(50000);
  });

  it('bills 3 users on a 5-seat minimum as 5 seats = 250', () => {
    const q = quote(plan({ charges: [{ kind: 'seats', unitAmount: 5000, minQuantity: 5 }] }), { seats: 3 });
    expect(q.lines[0]).toMatchObject({ quantity: 5, amount: 25000 });
    expect(q.lines[0].description).toContain('5');
    expect(q.total).toBe(25000);
  });

  it('adds module charges 200 + 150 + 100, and only the bought add-ons when modules are chosen', () => {
    const p = plan({
      charges: [
        { kind: 'module', module: 'kb', amount: 20000 },
        { kind: 'module', module: 'parts', amount: 15000 },
        { kind: 'module', module: 'sla', amount: 10000 },
      ],
    });
    expect(quote(p).lines.map((l) => l.amount)).toEqual([20000, 15000, 10000]);
    expect(quote(p).total).toBe(45000);
    expect(quote(p, {}, { modules: ['kb', 'sla'] }).total).toBe(30000);
  });

  it.each([
    [0, 10000],
    [99, 10000],
    [100, 20000],
    [500, 20000],
    [501, 35000],
    [100000, 35000],
  ])('prices %i tickets on the volume tiers as %i', (tickets, amount) => {
    const q = quote(plan({ charges: [{ kind: 'usage', metric: 'tickets', mode: 'volume', tiers: TICKET_TIERS }] }), { tickets });
    expect(q.lines).toHaveLength(1);
    expect(q.total).toBe(amount);
  });

  it('prices graduated tiers tier by tier, a tier flat fee only when it holds a unit', () => {
    const p = plan({ charges: [{ kind: 'usage', metric: 'tickets', mode: 'graduated', tiers: TICKET_TIERS }] });
    expect(quote(p, { tickets: 0 }).total).toBe(0);
    expect(quote(p, { tickets: 99 }).total).toBe(10000);
    expect(quote(p, { tickets: 100 }).total).toBe(30000);
    expect(quote(p, { tickets: 501 }).total).toBe(65000);
    const rated = plan({
      charges: [
        {
          kind: 'usage',
          metric: 'api_calls',
          mode: 'graduated',
          tiers: [
            { upTo: 100, unitAmount: 0 },
            { upTo: 500, unitAmount: 50 },
            { upTo: null, unitAmount: 30 },
          ],
        },
      ],
    });
    const q = quote(rated, { api_calls: 700 });
    expect(q.lines.map((l) => [l.quantity, l.unitAmount, l.amount])).toEqual([
      [100, 0, 0],
      [400, 50, 20000],
      [200, 30, 6000],
    ]);
    expect(q.total).toBe(26000);
  });

  it('prices graduated seats with a minimum', () => {
    const p = plan({
      charges: [
        {
          kind: 'seats',
          mode: 'graduated',
          minQuantity: 5,
          tiers: [
            { upTo: 5, unitAmount: 5000 },
            { upTo: null, unitAmount: 4000 },
          ],
        },
      ],
    });
    expect(quote(p, { seats: 2 }).total).toBe(25000);
    expect(quote(p, { seats: 8 }).total).toBe(25000 + 3 * 4000);
  });

  it('prices volume seats at the one tier reached', () => {
    const p = plan({
      charges: [
        {
          kind: 'seats',
          mode: 'volume',
          tiers: [
            { upTo: 10, unitAmount: 5000 },
            { upTo: null, unitAmount: 4000, flatAmount: 1000 },
          ],
        },
      ],
    });
    expect(quote(p, { seats: 10 }).total).toBe(50000);
    expect(quote(p, { seats: 11 }).total).toBe(11 * 4000 + 1000);
  });

  it('prices packages as ceil((units − included) / size) × amount', () => {
    const p = plan({ charges: [{ kind: 'usage', metric: 'api_calls', mode: 'package', packageSize: 1000, amount: 900 }] });
    expect([0, 1, 1000, 1001, 2500].map((n) => quote(p, { api_calls: n }).total)).toEqual([0, 900, 900, 1800, 2700]);
    const inc = plan({
      charges: [{ kind: 'usage', metric: 'api_calls', mode: 'package', includedQuantity: 10000, packageSize: 1000, amount: 900 }],
    });
    expect([9999, 10000, 10001, 11001].map((n) => quote(inc, { api_calls: n }).total)).toEqual([0, 0, 900, 1800]);
  });
});

describe('golden: periods, phases and coupons', () => {
  it('prices 500 a month, 1,400 a quarter and 5,200 a year over periods of the right length', () => {
    const m = quote(plan({ period: 'month', charges: [{ kind: 'flat', amount: 50000 }] }));
    const q = quote(plan({ period: 'quarter', charges: [{ kind: 'flat', amount: 140000 }] }));
    const y = quote(plan({ period: 'year', charges: [{ kind: 'flat', amount: 520000 }] }));
    expect([m.total, q.total, y.total]).toEqual([50000, 140000, 520000]);
    expect([m.period.end, q.period.end, y.period.end]).toEqual(['2026-01-31', '2026-03-31', '2026-12-31']);
  });

  it('takes 20 % off a yearly plan every year (a discount phase without an end)', () => {
    const p = plan({
      period: 'year',
      charges: [{ kind: 'flat', amount: 600000 }],
      phases: [{ kind: 'discount', name: '年付 8 折', percentOff: 20 }],
    });
    for (const start of ['2026-01-01', '2027-01-01', '2031-01-01']) {
      const q = quote(p, {}, { periodStart: start });
      expect(q.lines[1]).toMatchObject({ kind: 'discount', amount: -120000, description: '年付 8 折' });
      expect(q.total).toBe(480000);
    }
  });

  it('takes 40 % off for the first year, then charges the full price', () => {
    const p = plan({ charges: [{ kind: 'flat', amount: 50000 }], phases: [{ kind: 'discount', months: 12, percentOff: 40 }] });
    expect(quote(p, {}, { periodStart: '2026-01-01' })).toMatchObject({ total: 30000, discount: 20000, period: { phase: 'discount' } });
    expect(quote(p, {}, { periodStart: '2026-12-15' })).toMatchObject({ total: 30000, period: { start: '2026-12-01', phase: 'discount' } });
    expect(quote(p, {}, { periodStart: '2027-01-01' })).toMatchObject({ total: 50000, discount: 0, period: { phase: 'evergreen' } });
  });

  it('makes a 14-day trial cost nothing, then starts paid periods at its end', () => {
    const p = plan({
      charges: [
        { kind: 'flat', amount: 49900 },
        { kind: 'seats', unitAmount: 5000 },
      ],
      phases: [{ kind: 'trial', days: 14 }],
      taxRatePercent: 6,
    });
    const trial = quote(p, { seats: 3 });
    expect(trial).toMatchObject({
      period: { start: '2026-01-01', end: '2026-01-14', phase: 'trial' },
      subtotal: 64900,
      discount: 64900,
      tax: 0,
      total: 0,
    });
    const first = quote(p, { seats: 3 }, { periodStart: '2026-01-15' });
    expect(first).toMatchObject({ period: { start: '2026-01-15', end: '2026-02-14', phase: 'evergreen' }, total: 68794 });
  });

  it('does not restart the trial on an upgrade: the subscription keeps its trial end', () => {
    const basic = plan({ code: 'basic', charges: [{ kind: 'flat', amount: 9900 }], phases: [{ kind: 'trial', days: 14 }] });
    const pro = plan({ code: 'pro', charges: [{ kind: 'flat', amount: 49900 }], phases: [{ kind: 'trial', days: 14 }] });
    const sub = { subscriptionStart: '2026-01-01', trialEndsOn: '2026-01-15' };
    // Upgraded on day 10: still the same trial, ending on the 14th, and nothing to prorate.
    expect(quote(pro, {}, { ...sub, periodStart: '2026-01-10' }).period).toEqual({
      start: '2026-01-01',
      end: '2026-01-14',
      phase: 'trial',
    });
    expect(quote(pro, {}, { ...sub, periodStart: '2026-01-15' })).toMatchObject({ total: 49900, period: { phase: 'evergreen' } });
    const change = prorate({
      before: { plan: basic, quantities: NO_USAGE, ...sub, periodStart: '2026-01-10' },
      after: { plan: pro, quantities: NO_USAGE, ...sub, periodStart: '2026-01-10' },
      changeOn: '2026-01-10',
    });
    expect(change).toMatchObject({ lines: [], total: 0 });
    // Upgrading after the trial gives no new one.
    expect(quote(pro, {}, { ...sub, periodStart: '2026-03-01' }).period.phase).toBe('evergreen');
  });

  it('applies coupons once, for N periods or forever, and a fixed coupon never below zero', () => {
    const p = plan({ charges: [{ kind: 'flat', amount: 10000 }] });
    const at = (coupon: PricingInput['coupon'], periodStart: string) => quote(p, {}, { coupon, periodStart }).total;
    const once = { kind: 'percentage', percentOff: 50, duration: 'once' } as const;
    expect([at(once, '2026-01-01'), at(once, '2026-02-01')]).toEqual([5000, 10000]);
    const three = { kind: 'percentage', percentOff: 10, duration: 'repeating', periods: 3, redeemedOn: '2026-02-10' } as const;
    expect(['2026-01-01', '2026-02-01', '2026-04-01', '2026-05-01'].map((d) => at(three, d))).toEqual([10000, 9000, 9000, 10000]);
    const forever = { kind: 'fixed', amountOff: 2500, duration: 'forever' } as const;
    expect(at(forever, '2030-06-01')).toBe(7500);
    expect(at({ kind: 'fixed', amountOff: 99999, duration: 'once' }, '2026-01-01')).toBe(0);
  });

  it('applies a coupon after the phase discount', () => {
    const p = plan({ charges: [{ kind: 'flat', amount: 10000 }], phases: [{ kind: 'discount', months: 12, percentOff: 40 }] });
    expect(quote(p, {}, { coupon: { kind: 'percentage', percentOff: 50, duration: 'once' } })).toMatchObject({
      discount: 4000 + 3000,
      total: 3000,
    });
  });
});

describe('golden: maintenance, overage, tax and rounding', () => {
  it('charges a maintenance fee of 20 % of the licence lines (flat, seats, module), not of usage', () => {
    const p = plan({
      charges: [
        { kind: 'flat', amount: 100000 },
        { kind: 'seats', unitAmount: 5000 },
        { kind: 'module', module: 'kb', amount: 15000 },
        { kind: 'usage', metric: 'tickets', mode: 'volume', tiers: TICKET_TIERS },
        { kind: 'percentage', name: '维护费', percent: 20, of: ['flat', 'seats', 'module'] },
      ],
    });
    const q = quote(p, { seats: 10, tickets: 50 });
    expect(q.lines.find((l) => l.kind === 'percentage')).toMatchObject({ quantity: 165000, amount: 33000 });
    expect(q.total).toBe(165000 + 10000 + 33000);
  });

  it('charges a base fee plus the overage above the included tickets', () => {
    const p = plan({
      charges: [
        { kind: 'flat', amount: 29900 },
        { kind: 'usage', metric: 'tickets', mode: 'graduated', includedQuantity: 100, tiers: [{ upTo: null, unitAmount: 100 }] },
      ],
    });
    expect(quote(p, { tickets: 80 }).total).toBe(29900);
    expect(quote(p, { tickets: 250 }).total).toBe(29900 + 150 * 100);
  });

  it('adds tax on the amount after discounts, rounded once half-up', () => {
    const p = plan({ charges: [{ kind: 'flat', amount: 49900 }], taxRatePercent: 6 });
    expect(quote(p)).toMatchObject({ subtotal: 49900, tax: 2994, total: 52894 });
    const d = plan({ charges: [{ kind: 'flat', amount: 10000 }], phases: [{ kind: 'discount', percentOff: 25 }], taxRatePercent: 6 });
    expect(quote(d)).toMatchObject({ subtotal: 10000, discount: 2500, tax: 450, total: 7950 });
  });

  it('rounds each line once, half-up: decimal rates, percentages of rounded lines, tax', () => {
    const rate = plan({ charges: [{ kind: 'usage', metric: 'api_calls', mode: 'graduated', tiers: [{ upTo: null, unitAmount: 0.5 }] }] });
    expect(quote(rate, { api_calls: 3 }).total).toBe(2); // 1.5 → 2
    expect(quote(rate, { api_calls: 1 }).total).toBe(1); // 0.5 → 1
    const small = plan({
      charges: [{ kind: 'usage', metric: 'api_calls', mode: 'graduated', tiers: [{ upTo: null, unitAmount: 0.001 }] }],
    });
    expect(quote(small, { api_calls: 1499 }).total).toBe(1); // 1.499 → 1
    // 6 % of 25 is 1.5 → 2; a line is never rounded twice (1.45 would give 1.5 → 2 if it were).
    expect(quote(plan({ charges: [{ kind: 'flat', amount: 25 }], taxRatePercent: 6 })).tax).toBe(2);
    expect(quote(plan({ charges: [{ kind: 'flat', amount: 145 }], taxRatePercent: 1 })).tax).toBe(1);
    // The maintenance fee is a percentage of the already rounded lines: 20 % of (2 + 2) = 0.8 → 1.
    const m = plan({
      charges: [
        { kind: 'usage', metric: 'api_calls', mode: 'graduated', tiers: [{ upTo: null, unitAmount: 0.5 }] },
        { kind: 'usage', metric: 'wechat_messages', mode: 'graduated', tiers: [{ upTo: null, unitAmount: 0.5 }] },
        { kind: 'percentage', percent: 20, of: ['usage'] },
      ],
    });
    expect(quote(m, { api_calls: 3, wechat_messages: 3 }).lines.map((l) => l.amount)).toEqual([2, 2, 1]);
  });
});

describe('golden: proration', () => {
  const basic = plan({ code: 'basic-month', name: 'Basic', charges: [{ kind: 'flat', amount: 9900 }], taxRatePercent: 6 });
  const pro = plan({ code: 'pro-month', name: 'Pro', charges: [{ kind: 'flat', amount: 49900 }], taxRatePercent: 6 });
  // April has 30 days: a subscription started on April 1st, changed on the 10th, keeps 21 days (10th–30th).
  const sub = { quantities: NO_USAGE, subscriptionStart: '2026-04-01', periodStart: '2026-04-10', locale: 'en' as const };

  it('upgrades on day 10 of 30 with a credit for 21 unused days and a charge for 21 days of the new plan', () => {
    const p = prorate({ before: { plan: basic, ...sub }, after: { plan: pro, ...sub }, changeOn: '2026-04-10' });
    expect(p).toMatchObject({ period: { start: '2026-04-01', end: '2026-04-30' }, periodDays: 30, remainingDays: 21 });
    expect(p.lines).toEqual([
      expect.objectContaining({ kind: 'proration_credit', quantity: 21, amount: -6930, description: 'Unused time on Basic (21/30 days)' }),
      expect.objectContaining({ kind: 'proration_charge', quantity: 21, amount: 34930, description: 'Remaining time on Pro (21/30 days)' }),
    ]);
    expect(p).toMatchObject({ subtotal: 28000, tax: 1680, total: 29680 });
  });

  it('charges seats added mid-period for the remaining days only', () => {
    const seats = plan({ name: 'Seats', charges: [{ kind: 'seats', unitAmount: 5000 }] });
    const p = prorate({
      before: { plan: seats, ...sub, quantities: { ...NO_USAGE, seats: 10 } },
      after: { plan: seats, ...sub, quantities: { ...NO_USAGE, seats: 12 } },
      changeOn: '2026-04-16',
    });
    expect(p.remainingDays).toBe(15);
    expect(p.lines.map((l) => l.amount)).toEqual([-25000, 30000]);
    expect(p.total).toBe(5000); // 2 seats × 50 × 15/30
  });

  it('prorates only the recurring charges, never the usage', () => {
    const hybrid = plan({
      charges: [
        { kind: 'flat', amount: 3000 },
        { kind: 'usage', metric: 'tickets', mode: 'volume', tiers: TICKET_TIERS },
      ],
    });
    const p = prorate({
      before: { plan: hybrid, ...sub, quantities: { ...NO_USAGE, tickets: 600 } },
      after: { plan: pro, ...sub },
      changeOn: '2026-04-10',
    });
    expect(p.lines[0].amount).toBe(-2100);
  });
});
