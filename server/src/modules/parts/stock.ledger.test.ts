import fc from 'fast-check';
import { MAX_STOCK_QUANTITY } from '@baoxiu/shared';
import {
  applyEntries,
  balanceKey,
  entriesFor,
  isLowStock,
  nextOnHand,
  sumOfLedger,
  type LedgerEntry,
  type MovementRequest,
} from './stock.ledger';

describe('stock ledger rules', () => {
  it('writes one row for receive, return, adjust and consume, signed by what they do to on hand', () => {
    const base = { partId: 1, locationId: 10 };
    expect(entriesFor({ ...base, kind: 'receive', quantity: 5 }).map((e) => [e.kind, e.delta])).toEqual([['receive', 5]]);
    expect(entriesFor({ ...base, kind: 'return', quantity: 2 }).map((e) => [e.kind, e.delta])).toEqual([['return', 2]]);
    expect(entriesFor({ ...base, kind: 'adjust', quantity: -3 }).map((e) => [e.kind, e.delta])).toEqual([['adjust', -3]]);
    expect(entriesFor({ ...base, kind: 'consume', quantity: 4 }).map((e) => [e.kind, e.delta])).toEqual([['consume', -4]]);
  });

  it('writes a transfer as two rows, the decrement first, each naming the other end', () => {
    expect(entriesFor({ partId: 1, locationId: 10, kind: 'transfer', quantity: 3, toLocationId: 20 })).toEqual([
      { partId: 1, locationId: 10, kind: 'transfer_out', delta: -3, otherLocationId: 20 },
      { partId: 1, locationId: 20, kind: 'transfer_in', delta: 3, otherLocationId: 10 },
    ]);
  });

  it('refuses a change that would take on hand below zero or above the limit', () => {
    expect(nextOnHand(1, -1)).toEqual({ ok: true, onHand: 0 });
    expect(nextOnHand(0, -1)).toEqual({ ok: false, reason: 'out_of_stock' });
    expect(nextOnHand(MAX_STOCK_QUANTITY, 1)).toEqual({ ok: false, reason: 'limit' });
  });

  it('applies all the rows of a movement or none: a transfer out of an empty location leaves the destination alone', () => {
    const result = applyEntries(new Map(), entriesFor({ partId: 1, locationId: 10, kind: 'transfer', quantity: 1, toLocationId: 20 }));
    expect(result).toEqual({ ok: false, reason: 'out_of_stock', partId: 1, locationId: 10, onHand: 0 });
  });

  it('counts at or below the minimum as low stock', () => {
    expect([isLowStock(3, 2), isLowStock(2, 2), isLowStock(0, 0)]).toEqual([false, true, true]);
  });

  // The oracle: accepted movements' rows, summed per (part, location), are the balances; none is ever negative.
  const movementArb: fc.Arbitrary<MovementRequest> = fc.oneof(
    fc.record({
      partId: fc.integer({ min: 1, max: 3 }),
      locationId: fc.integer({ min: 1, max: 3 }),
      kind: fc.constantFrom('receive' as const, 'return' as const, 'consume' as const),
      quantity: fc.integer({ min: 1, max: 6 }),
    }),
    fc.record({
      partId: fc.integer({ min: 1, max: 3 }),
      locationId: fc.integer({ min: 1, max: 3 }),
      kind: fc.constant('adjust' as const),
      quantity: fc.integer({ min: -6, max: 6 }).filter((q) => q !== 0),
    }),
    fc
      .record({
        partId: fc.integer({ min: 1, max: 3 }),
        locationId: fc.integer({ min: 1, max: 2 }),
        kind: fc.constant('transfer' as const),
        quantity: fc.integer({ min: 1, max: 6 }),
      })
      .map((m) => ({ ...m, toLocationId: m.locationId + 1 })),
  );

  it('keeps every balance equal to the sum of the accepted rows and never below zero, for any sequence of movements', () => {
    fc.assert(
      fc.property(fc.array(movementArb, { maxLength: 80 }), (movements) => {
        let balances = new Map<string, number>();
        const accepted: LedgerEntry[] = [];
        for (const m of movements) {
          const rows = entriesFor(m);
          const result = applyEntries(balances, rows);
          if (!result.ok) {
            // A refusal is always about a decrement that had too little on hand.
            expect(result.onHand).toBeLessThan(-(rows.find((r) => r.locationId === result.locationId && r.delta < 0)?.delta ?? 0));
            continue;
          }
          balances = result.balances;
          accepted.push(...rows);
        }
        const sums = sumOfLedger(accepted);
        for (const [key, onHand] of balances) {
          expect(onHand).toBeGreaterThanOrEqual(0);
          expect(onHand).toBe(sums.get(key) ?? 0);
        }
        for (const [key, sum] of sums) expect(balances.get(key) ?? 0).toBe(sum);
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it('lets exactly as many of n concurrent takers of the same units through as are on hand, whatever their order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 12 }),
        (stock, takes) => {
          let balances = new Map([[balanceKey(1, 1), stock]]);
          let taken = 0;
          for (const q of takes) {
            const r = applyEntries(balances, entriesFor({ partId: 1, locationId: 1, kind: 'consume', quantity: q }));
            if (r.ok) {
              balances = r.balances;
              taken += q;
            }
          }
          expect(taken).toBeLessThanOrEqual(stock);
          expect(balances.get(balanceKey(1, 1))).toBe(stock - taken);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
