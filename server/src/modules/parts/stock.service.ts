import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { MAX_STOCK_QUANTITY, type StockLocationKind } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { Part } from './part.entity';
import { StockBalance, StockLocation, StockLowAlert, StockMovement } from './stock.entity';
import { entriesFor, isLowStock, type LedgerEntry, type MovementRequest } from './stock.ledger';
import { enqueue } from '../../queue/outbox';
import { lowStockAlertJob, noteLowStock } from './low-stock.note';

/** Who a location belongs to: a site (its store) or an engineer (their van). */
export interface LocationOwner {
  kind: StockLocationKind;
  id: number;
  name: string;
}

const ownerKey = (o: LocationOwner) => `${o.kind === 'store' ? 'site' : 'van'}:${o.id}`;
const locationName = (o: LocationOwner) => (o.kind === 'store' ? `${o.name} · 库房` : `${o.name} · 车载`);

/**
 * Makes sure each owner has its location (a store per site, a van per engineer) and that its name follows the
 * owner's; two requests creating the same one at once meet on the unique owner key. Returns the tenant's locations.
 */
export async function ensureLocations(
  em: EntityManager,
  tenantId: number,
  owners: readonly LocationOwner[],
  now: Date,
): Promise<StockLocation[]> {
  const existing = await em.find(StockLocation, { where: { tenantId }, order: { id: 'ASC' } });
  const byKey = new Map(existing.map((l) => [l.ownerKey, l]));
  const missing = owners.filter((o) => !byKey.has(ownerKey(o)));
  for (const o of owners) {
    const loc = byKey.get(ownerKey(o));
    if (loc && loc.name !== locationName(o)) {
      await em.update(StockLocation, { id: loc.id }, { name: locationName(o) });
      loc.name = locationName(o);
    }
  }
  if (missing.length === 0) return existing;
  await em
    .createQueryBuilder()
    .insert()
    .into(StockLocation)
    .values(
      missing.map((o) => ({
        tenantId,
        kind: o.kind,
        siteId: o.kind === 'store' ? o.id : null,
        engineerId: o.kind === 'van' ? o.id : null,
        ownerKey: ownerKey(o),
        name: locationName(o),
        createdAt: now,
      })),
    )
    .orIgnore()
    .execute();
  return em.find(StockLocation, { where: { tenantId }, order: { id: 'ASC' } });
}

/** The engineer's van, created on first need. */
export async function vanOf(
  em: EntityManager,
  tenantId: number,
  engineer: { id: number; name: string },
  now: Date,
): Promise<StockLocation> {
  const locations = await ensureLocations(em, tenantId, [{ kind: 'van', id: engineer.id, name: engineer.name }], now);
  const van = locations.find((l) => l.ownerKey === `van:${engineer.id}`);
  if (!van) throw new Error(`no van for engineer ${engineer.id}`);
  return van;
}

export async function getPartIn(em: EntityManager, tenantId: number, id: number): Promise<Part> {
  const part = await em.findOneBy(Part, { id, tenantId });
  if (!part) throw new AppError('PART_NOT_FOUND', { id });
  return part;
}

export async function getLocationIn(em: EntityManager, tenantId: number, id: number): Promise<StockLocation> {
  const loc = await em.findOneBy(StockLocation, { id, tenantId });
  if (!loc) throw new AppError('LOCATION_NOT_FOUND', { id });
  return loc;
}

async function onHandOf(em: EntityManager, partId: number, locationId: number): Promise<number | null> {
  const row = await em.findOneBy(StockBalance, { partId, locationId });
  return row ? row.onHand : null;
}

/**
 * One ledger row's change to its balance, as a conditional UPDATE: a decrement only where enough is on hand,
 * an increment only below the limit. No row changed → refused (OUT_OF_STOCK with what is on hand, or STOCK_LIMIT).
 */
async function changeBalance(em: EntityManager, tenantId: number, e: LedgerEntry): Promise<number> {
  if (!Number.isSafeInteger(e.delta) || e.delta === 0) throw new Error(`bad ledger delta ${e.delta}`);
  const update = () => {
    const qb = em
      .createQueryBuilder()
      .update(StockBalance)
      .set({ onHand: () => `onHand + ${e.delta}` })
      .where('partId = :partId AND locationId = :locationId', { partId: e.partId, locationId: e.locationId });
    if (e.delta < 0) qb.andWhere('onHand >= :need', { need: -e.delta });
    else qb.andWhere('onHand <= :room', { room: MAX_STOCK_QUANTITY - e.delta });
    return qb.execute();
  };
  let result = await update();
  if (!result.affected && e.delta > 0 && (await onHandOf(em, e.partId, e.locationId)) === null) {
    await em
      .createQueryBuilder()
      .insert()
      .into(StockBalance)
      .values({ partId: e.partId, locationId: e.locationId, tenantId, onHand: 0 })
      .orIgnore()
      .execute();
    result = await update();
  }
  const onHand = (await onHandOf(em, e.partId, e.locationId)) ?? 0;
  if (!result.affected) {
    if (e.delta < 0) throw new AppError('OUT_OF_STOCK', { partId: e.partId, locationId: e.locationId, onHand, requested: -e.delta });
    throw new AppError('STOCK_LIMIT', { partId: e.partId, locationId: e.locationId, onHand, max: MAX_STOCK_QUANTITY });
  }
  return onHand;
}

const onMysql = (em: EntityManager): boolean => em.connection.options.type !== 'better-sqlite3';

/**
 * On MySQL, the movements of one part queue up on its row (SQLite runs one transaction at a time anyway): the
 * balances and their sum are then read by one transaction at a time, so two takers at different locations cannot
 * both miss a crossing (each seeing the other's old balance) nor one clear what the other just raised. Always
 * the part before its balances, so the order of locks is the same everywhere.
 */
async function lockParts(em: EntityManager, tenantId: number, partIds: readonly number[]): Promise<void> {
  if (!onMysql(em) || partIds.length === 0) return;
  await em
    .createQueryBuilder(Part, 'p')
    .select('p.id')
    .where({ tenantId, id: In([...partIds]) })
    .orderBy('p.id', 'ASC')
    .setLock('pessimistic_write')
    .getRawMany();
}

export interface MovementMeta {
  now: Date;
  actorId: number | null;
  ticketId?: number | null;
  reason?: string | null;
}

/**
 * Writes one movement's ledger rows and their balances in the caller's transaction (the part and the
 * locations are the caller's to check). A refusal throws, so the caller's transaction rolls back whole.
 */
export async function applyMovement(em: EntityManager, tenantId: number, m: MovementRequest, meta: MovementMeta): Promise<StockMovement[]> {
  await lockParts(em, tenantId, [m.partId]);
  const rows: Array<Omit<StockMovement, 'id'>> = [];
  for (const e of entriesFor(m)) {
    const onHandAfter = await changeBalance(em, tenantId, e);
    rows.push({
      tenantId,
      partId: e.partId,
      locationId: e.locationId,
      kind: e.kind,
      delta: e.delta,
      onHandAfter,
      otherLocationId: e.otherLocationId,
      ticketId: meta.ticketId ?? null,
      reason: meta.reason ?? null,
      actorId: meta.actorId,
      createdAt: meta.now,
    });
  }
  const ids = (await em.insert(StockMovement, rows)).identifiers.map((i) => i.id as number);
  await refreshLowStock(em, tenantId, [m.partId], meta.now);
  return rows.map((r, i) => Object.assign(new StockMovement(), r, { id: ids[i] }));
}

/** Σ on hand per part; `latest`: a locking read on MySQL, which sees what others committed since this transaction's snapshot. */
export async function totalOnHand(em: EntityManager, partIds: readonly number[], latest = false): Promise<Map<number, number>> {
  const totals = new Map<number, number>(partIds.map((id) => [id, 0]));
  if (partIds.length === 0) return totals;
  const qb = em
    .createQueryBuilder(StockBalance, 'b')
    .select('b.partId', 'partId')
    .addSelect('SUM(b.onHand)', 'total')
    .where({ partId: In([...partIds]) })
    .groupBy('b.partId');
  if (latest && onMysql(em)) qb.setLock('pessimistic_read');
  const rows = await qb.getRawMany<{ partId: number; total: number | string }>();
  for (const r of rows) totals.set(Number(r.partId), Number(r.total));
  return totals;
}

/**
 * Low stock, once per crossing: `lowSince` flips with a conditional UPDATE, so of two requests crossing at
 * once only one raises the alert: a row (the console's list), its WeChat fan-out in the outbox (the
 * dispatchers' and admins' subscription messages) and a note for the log after commit. Back above the
 * minimum clears the row, so the next fall is a new crossing with its own messages.
 */
export async function refreshLowStock(em: EntityManager, tenantId: number, partIds: readonly number[], now: Date): Promise<void> {
  await lockParts(em, tenantId, partIds);
  const totals = await totalOnHand(em, partIds, true);
  for (const part of await em.findBy(Part, { tenantId, id: In([...partIds]) })) {
    const total = totals.get(part.id) ?? 0;
    if (isLowStock(total, part.minStock)) {
      const flipped = await em.update(Part, { id: part.id, lowSince: IsNull() }, { lowSince: now });
      if (flipped.affected) {
        const alert = await em.insert(StockLowAlert, {
          tenantId,
          partId: part.id,
          onHand: total,
          minStock: part.minStock,
          raisedAt: now,
          clearedAt: null,
        });
        await enqueue(em, now, lowStockAlertJob(alert.identifiers[0].id as number));
        noteLowStock(em, tenantId, part.id);
      }
    } else {
      const flipped = await em.update(Part, { id: part.id, lowSince: Not(IsNull()) }, { lowSince: null });
      if (flipped.affected) await em.update(StockLowAlert, { partId: part.id, clearedAt: IsNull() }, { clearedAt: now });
    }
  }
}
