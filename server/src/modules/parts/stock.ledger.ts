import { MAX_STOCK_QUANTITY, type LedgerKind, type StockMovementKind } from '@baoxiu/shared';

/**
 * The stock ledger's rules, free of any database: what rows a movement writes, and whether a set of rows
 * may be applied to the balances. The service (stock.service.ts) applies the same rows with conditional
 * UPDATEs, so the database refuses exactly what `applyEntries` refuses.
 */

/** A movement as the ledger sees it: what the API accepts, plus consumption on a ticket. */
export interface MovementRequest {
  partId: number;
  locationId: number;
  kind: StockMovementKind | 'consume';
  /** Positive units; for `adjust` a signed correction. */
  quantity: number;
  toLocationId?: number;
}

/** One ledger row before it is written: a signed change of one part at one location. */
export interface LedgerEntry {
  partId: number;
  locationId: number;
  kind: LedgerKind;
  delta: number;
  otherLocationId: number | null;
}

/** The rows a movement writes, decrements first (so a refusal comes before any increment). */
export function entriesFor(m: MovementRequest): LedgerEntry[] {
  const row = (locationId: number, kind: LedgerKind, delta: number, other: number | null = null): LedgerEntry => ({
    partId: m.partId,
    locationId,
    kind,
    delta,
    otherLocationId: other,
  });
  switch (m.kind) {
    case 'receive':
      return [row(m.locationId, 'receive', m.quantity)];
    case 'return':
      return [row(m.locationId, 'return', m.quantity)];
    case 'adjust':
      return [row(m.locationId, 'adjust', m.quantity)];
    case 'consume':
      return [row(m.locationId, 'consume', -m.quantity)];
    case 'transfer': {
      if (m.toLocationId === undefined) throw new Error('a transfer needs toLocationId');
      return [row(m.locationId, 'transfer_out', -m.quantity, m.toLocationId), row(m.toLocationId, 'transfer_in', m.quantity, m.locationId)];
    }
  }
}

export const balanceKey = (partId: number, locationId: number): string => `${partId}:${locationId}`;

/** The on hand after one change, or why it may not happen. */
export function nextOnHand(onHand: number, delta: number): { ok: true; onHand: number } | { ok: false; reason: 'out_of_stock' | 'limit' } {
  const after = onHand + delta;
  if (after < 0) return { ok: false, reason: 'out_of_stock' };
  if (after > MAX_STOCK_QUANTITY) return { ok: false, reason: 'limit' };
  return { ok: true, onHand: after };
}

export type ApplyResult =
  | { ok: true; balances: Map<string, number> }
  | { ok: false; reason: 'out_of_stock' | 'limit'; partId: number; locationId: number; onHand: number };

/** Applies all the rows or none: the first one that would take a balance below zero (or over the limit) refuses the lot. */
export function applyEntries(balances: ReadonlyMap<string, number>, entries: readonly LedgerEntry[]): ApplyResult {
  const next = new Map(balances);
  for (const e of entries) {
    const key = balanceKey(e.partId, e.locationId);
    const onHand = next.get(key) ?? 0;
    const step = nextOnHand(onHand, e.delta);
    if (!step.ok) return { ok: false, reason: step.reason, partId: e.partId, locationId: e.locationId, onHand };
    next.set(key, step.onHand);
  }
  return { ok: true, balances: next };
}

/** Σ of the rows per (part, location): what every balance must equal. */
export function sumOfLedger(entries: readonly LedgerEntry[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const e of entries) sums.set(balanceKey(e.partId, e.locationId), (sums.get(balanceKey(e.partId, e.locationId)) ?? 0) + e.delta);
  return sums;
}

/** Low stock: the part's total on hand at or below its minStock. */
export const isLowStock = (total: number, minStock: number): boolean => total <= minStock;
