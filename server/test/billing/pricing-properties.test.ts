import fc from 'fast-check';
import { PlanDocumentSchema, type Tier } from '@baoxiu/shared';
import { pricePeriod } from '../../src/modules/billing/pricing';
import { prorate } from '../../src/modules/billing/proration';
import { addDays, daysBetween } from '../../src/modules/billing/periods';
import { NO_USAGE, plan } from './plans';

/** Tiers with integer rates, growing bounds and an unbounded last tier. */
const tiersArb: fc.Arbitrary<Tier[]> = fc
  .array(
    fc.record({
      step: fc.integer({ min: 1, max: 300 }),
      unitAmount: fc.integer({ min: 0, max: 500 }),
      flatAmount: fc.integer({ min: 0, max: 20000 }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((xs) => {
    let bound = 0;
    return xs.map((x, i) => {
      bound += x.step;
      return { upTo: i === xs.length - 1 ? null : bound, unitAmount: x.unitAmount, flatAmount: x.flatAmount };
    });
  });

const tierOf = (tiers: Tier[], unit: number) => tiers.findIndex((t) => t.upTo === null || unit <= t.upTo);

/** Brute force, unit by unit: each unit at its own tier's rate, each tier's flat fee once if it holds a unit. */
function graduatedOracle(units: number, tiers: Tier[]): number {
  let total = 0;
  const touched = new Set<number>();
  for (let u = 1; u <= units; u += 1) {
    const i = tierOf(tiers, u);
    total += tiers[i].unitAmount;
    touched.add(i);
  }
  for (const i of touched) total += tiers[i].flatAmount;
  return total;
}

/** Brute force: find the tier of the last unit by walking up, then price every unit there. */
function volumeOracle(units: number, tiers: Tier[]): number {
  let i = 0;
  for (let u = 1; u <= units; u += 1) i = tierOf(tiers, u);
  let total = tiers[i].flatAmount;
  for (let u = 1; u <= units; u += 1) total += tiers[i].unitAmount;
  return total;
}

/** Brute force: open a new package whenever a billable unit does not fit in the current one. */
function packageOracle(units: number, included: number, size: number, amount: number): number {
  let packages = 0;
  let room = 0;
  for (let u = included + 1; u <= units; u += 1) {
    if (room === 0) {
      packages += 1;
      room = size;
    }
    room -= 1;
  }
  return packages * amount;
}

const usage = (mode: 'volume' | 'graduated', tiers: Tier[], includedQuantity = 0) =>
  plan({ charges: [{ kind: 'usage', metric: 'tickets', mode, tiers, includedQuantity }] });
const priceTickets = (p: ReturnType<typeof plan>, tickets: number) =>
  pricePeriod({ plan: p, quantities: { ...NO_USAGE, tickets }, subscriptionStart: '2026-01-01', periodStart: '2026-01-01' }).total;

describe('pricing matches brute-force oracles', () => {
  it('prices graduated tiers as the unit-by-unit sum', () => {
    fc.assert(
      fc.property(tiersArb, fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 200 }), (tiers, n, inc) => {
        expect(priceTickets(usage('graduated', tiers, inc), n)).toBe(graduatedOracle(Math.max(0, n - inc), tiers));
      }),
    );
  });

  it('prices volume tiers as every unit at the tier the last unit reaches', () => {
    fc.assert(
      fc.property(tiersArb, fc.integer({ min: 0, max: 1500 }), (tiers, n) => {
        expect(priceTickets(usage('volume', tiers), n)).toBe(volumeOracle(n, tiers));
      }),
    );
  });

  it('prices packages as the packages opened unit by unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 5000 }),
        (n, inc, size, amount) => {
          const p = plan({
            charges: [{ kind: 'usage', metric: 'tickets', mode: 'package', includedQuantity: inc, packageSize: size, amount }],
          });
          expect(priceTickets(p, n)).toBe(packageOracle(n, inc, size, amount));
        },
      ),
    );
  });
});

const chargeArb = fc.oneof(
  fc.record({ kind: fc.constant('flat' as const), amount: fc.integer({ min: 0, max: 1_000_000 }) }),
  fc.record({
    kind: fc.constant('module' as const),
    module: fc.constantFrom('kb' as const, 'parts' as const),
    amount: fc.integer({ min: 0, max: 100_000 }),
  }),
  fc.record({
    kind: fc.constant('percentage' as const),
    percent: fc.integer({ min: 0, max: 100 }),
    of: fc.constant(['flat' as const, 'module' as const, 'usage' as const]),
  }),
);
const couponArb = fc.option(
  fc.oneof(
    fc.record({
      kind: fc.constant('percentage' as const),
      percentOff: fc.double({ min: 0, max: 100, noNaN: true }).map((x) => Math.round(x * 100) / 100),
      duration: fc.constant('forever' as const),
    }),
    fc.record({
      kind: fc.constant('fixed' as const),
      amountOff: fc.integer({ min: 0, max: 5_000_000 }),
      duration: fc.constant('forever' as const),
    }),
  ),
  { nil: undefined },
);
const dayArb = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2025-01-01', n));

describe('pricing invariants', () => {
  it('never gives a negative total, and total = subtotal − discount + tax', () => {
    fc.assert(
      fc.property(
        fc.array(chargeArb, { maxLength: 5 }),
        tiersArb,
        fc.integer({ min: 0, max: 5000 }),
        couponArb,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 25 }),
        dayArb,
        fc.integer({ min: 0, max: 900 }),
        (charges, tiers, tickets, coupon, percentOff, tax, start, offset) => {
          const mods = charges.filter((c) => c.kind === 'module').map((c) => (c.kind === 'module' ? c.module : ''));
          fc.pre(new Set(mods).size === mods.length);
          const p = PlanDocumentSchema.parse({
            code: 'p',
            name: 'P',
            period: 'month',
            charges: [...charges, { kind: 'usage', metric: 'tickets', mode: 'graduated', tiers }],
            phases: percentOff ? [{ kind: 'discount', months: 6, percentOff }] : [],
            taxRatePercent: tax,
          });
          const q = pricePeriod({
            plan: p,
            quantities: { ...NO_USAGE, tickets },
            coupon,
            subscriptionStart: start,
            periodStart: addDays(start, offset),
          });
          expect(q.total).toBeGreaterThanOrEqual(0);
          expect(q.subtotal - q.discount).toBeGreaterThanOrEqual(0);
          expect(q.total).toBe(q.subtotal - q.discount + q.tax);
          expect(q.lines.reduce((s, l) => s + l.amount, 0)).toBe(q.subtotal - q.discount);
          expect(q.period.start <= addDays(start, offset)).toBe(true);
          expect(q.period.end >= addDays(start, offset)).toBe(true);
        },
      ),
    );
  });

  it('tiles time: each period starts the day after the previous one ends and holds its own days', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.constantFrom('month' as const, 'quarter' as const, 'year' as const),
        fc.integer({ min: 0, max: 40 }),
        (start, period, n) => {
          const p = plan({ period, charges: [{ kind: 'flat', amount: 100 }] });
          let at = start;
          for (let i = 0; i < n % 6; i += 1) {
            const q = pricePeriod({ plan: p, quantities: NO_USAGE, subscriptionStart: start, periodStart: at });
            expect(q.period.start).toBe(at);
            at = addDays(q.period.end, 1);
            const again = pricePeriod({ plan: p, quantities: NO_USAGE, subscriptionStart: start, periodStart: addDays(at, -1) });
            expect(again.period.start).toBe(q.period.start);
          }
        },
      ),
    );
  });
});

describe('proration arithmetic', () => {
  const flat = (amount: number, code: string) => plan({ code, name: code, charges: [{ kind: 'flat', amount }] });

  it('credits and charges each plan for exactly its share of the remaining days, rounded once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        dayArb,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('month' as const, 'year' as const),
        (a, b, start, offset, period) => {
          const before = { ...flat(a, 'a'), period };
          const after = { ...flat(b, 'b'), period };
          const change = addDays(start, offset);
          const base = { quantities: NO_USAGE, subscriptionStart: start, periodStart: change };
          const p = prorate({ before: { plan: before, ...base }, after: { plan: after, ...base }, changeOn: change });
          expect(p.remainingDays).toBe(daysBetween(change, addDays(p.period.end, 1)));
          expect(p.remainingDays).toBeGreaterThanOrEqual(1);
          expect(p.remainingDays).toBeLessThanOrEqual(p.periodDays);
          const credit = -(p.lines.find((l) => l.kind === 'proration_credit')?.amount ?? 0);
          const charge = p.lines.find((l) => l.kind === 'proration_charge')?.amount ?? 0;
          expect(Math.abs(credit - (a * p.remainingDays) / p.periodDays)).toBeLessThanOrEqual(0.5);
          expect(Math.abs(charge - (b * p.remainingDays) / p.periodDays)).toBeLessThanOrEqual(0.5);
          expect(p.subtotal).toBe(charge - credit);
        },
      ),
    );
  });

  it('prorates nothing when the plan does not change, and everything when changed on the first day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), dayArb, (a, b, start) => {
        const base = { quantities: NO_USAGE, subscriptionStart: start, periodStart: start };
        expect(
          prorate({ before: { plan: flat(a, 'a'), ...base }, after: { plan: flat(a, 'a'), ...base }, changeOn: addDays(start, 7) })
            .subtotal,
        ).toBe(0);
        const whole = prorate({ before: { plan: flat(a, 'a'), ...base }, after: { plan: flat(b, 'b'), ...base }, changeOn: start });
        expect(whole.subtotal).toBe(b - a);
      }),
    );
  });
});
