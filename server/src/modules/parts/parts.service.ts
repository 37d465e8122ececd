import type {
  LowStockItem,
  StockBalanceListQuery,
  StockBalanceItem,
  PartInput,
  PartListQuery,
  PartPage,
  PartStock,
  PartUpdate,
  PartView,
  StockMovementInput,
  StockMovementListQuery,
  StockMovementPage,
  StockMovementView,
} from '@baoxiu/shared';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { AppError } from '../../lib/errors';
import { isUniqueViolation } from '../../db/database';
import { iso } from '../../lib/time';
import type { Deps } from '../../deps';
import { Part } from './part.entity';
import { StockBalance, StockMovement, type StockLocation } from './stock.entity';
import { applyMovement, getLocationIn, getPartIn, refreshLowStock, totalOnHand } from './stock.service';

export function presentPart(p: Part): PartView {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    unit: p.unit,
    cost: p.cost,
    price: p.price,
    minStock: p.minStock,
    barcode: p.barcode,
    categories: p.categories,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

export function presentMovement(m: StockMovement): StockMovementView {
  return {
    id: m.id,
    partId: m.partId,
    locationId: m.locationId,
    kind: m.kind,
    delta: m.delta,
    onHandAfter: m.onHandAfter,
    otherLocationId: m.otherLocationId,
    ticketId: m.ticketId,
    reason: m.reason,
    actorId: m.actorId,
    createdAt: iso(m.createdAt),
  };
}

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listParts(deps: Deps, tenantId: number, q: PartListQuery): Promise<PartPage> {
  const qb = deps.db.ds.getRepository(Part).createQueryBuilder('p').where('p.tenantId = :tenantId', { tenantId });
  if (q.q) qb.andWhere('(p.sku LIKE :q OR p.name LIKE :q OR p.barcode LIKE :q)', { q: likeOf(q.q) });
  if (q.barcode) qb.andWhere('p.barcode = :barcode', { barcode: q.barcode });
  if (q.category) qb.andWhere('p.categories LIKE :cat', { cat: likeOf(JSON.stringify(q.category)) });
  if (q.cursor) qb.andWhere('p.id > :after', { after: Number(q.cursor.slice(1)) });
  const rows = await qb
    .orderBy('p.id', 'ASC')
    .take(q.pageSize + 1)
    .getMany();
  const page = rows.slice(0, q.pageSize);
  const last = page[page.length - 1];
  return { items: page.map(presentPart), nextCursor: rows.length > q.pageSize && last ? `p${last.id}` : null };
}

export async function getPart(deps: Deps, tenantId: number, id: number): Promise<PartView> {
  return presentPart(await getPartIn(deps.db.ds.manager, tenantId, id));
}

function skuTaken(err: unknown, sku: string | undefined): never {
  if (isUniqueViolation(err)) throw new AppError('PART_SKU_TAKEN', { sku });
  throw err;
}

export async function createPart(deps: Deps, tenantId: number, input: PartInput): Promise<PartView> {
  const now = deps.clock.now();
  const row: Omit<Part, 'id'> = {
    tenantId,
    sku: input.sku,
    name: input.name,
    unit: input.unit,
    cost: input.cost,
    price: input.price,
    minStock: input.minStock,
    barcode: input.barcode ?? null,
    categories: input.categories ?? [],
    lowSince: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const id = await deps.db.transaction(async (em) => (await em.insert(Part, row)).identifiers[0].id as number);
    return getPart(deps, tenantId, id);
  } catch (err) {
    return skuTaken(err, input.sku);
  }
}

export async function updatePart(deps: Deps, tenantId: number, id: number, input: PartUpdate): Promise<PartView> {
  try {
    return await deps.db.transaction(async (em) => {
      const part = await getPartIn(em, tenantId, id);
      const now = deps.clock.now();
      const changes: Partial<Part> = { ...input, updatedAt: now };
      if (input.barcode === undefined) delete changes.barcode;
      await em.update(Part, { id, tenantId }, changes);
      // A new minimum may put the part below it (or lift it out): the crossing is judged as for a movement.
      if (input.minStock !== undefined && input.minStock !== part.minStock) await refreshLowStock(em, tenantId, [id], now);
      return presentPart(await getPartIn(em, tenantId, id));
    });
  } catch (err) {
    return skuTaken(err, input.sku);
  }
}

/** A movement posted by staff: receive, transfer, adjust or return, on the tenant's own part and locations. */
export async function postMovement(deps: Deps, tenantId: number, actorId: number, input: StockMovementInput): Promise<StockMovementView[]> {
  return deps.db.transaction(async (em) => {
    await getPartIn(em, tenantId, input.partId);
    await getLocationIn(em, tenantId, input.locationId);
    if (input.toLocationId !== undefined) await getLocationIn(em, tenantId, input.toLocationId);
    const rows = await applyMovement(em, tenantId, input, { now: deps.clock.now(), actorId, reason: input.reason ?? null });
    return rows.map(presentMovement);
  });
}

export async function partStock(
  em: EntityManager,
  tenantId: number,
  partId: number,
  locations: readonly StockLocation[],
): Promise<PartStock> {
  await getPartIn(em, tenantId, partId);
  const balances = await em.findBy(StockBalance, { tenantId, partId });
  const byLocation = new Map(balances.map((b) => [b.locationId, b.onHand]));
  return { locations: locations.map((l) => ({ locationId: l.id, name: l.name, kind: l.kind, onHand: byLocation.get(l.id) ?? 0 })) };
}

export async function listMovements(
  deps: Deps,
  tenantId: number,
  locationId: number,
  q: StockMovementListQuery,
): Promise<StockMovementPage> {
  const em = deps.db.ds.manager;
  await getLocationIn(em, tenantId, locationId);
  const qb = em
    .createQueryBuilder(StockMovement, 'm')
    .where('m.tenantId = :tenantId AND m.locationId = :locationId', { tenantId, locationId });
  if (q.partId) qb.andWhere('m.partId = :partId', { partId: q.partId });
  if (q.cursor) qb.andWhere('m.id < :before', { before: Number(q.cursor.slice(1)) });
  const rows = await qb
    .orderBy('m.id', 'DESC')
    .take(q.pageSize + 1)
    .getMany();
  const page = rows.slice(0, q.pageSize);
  const last = page[page.length - 1];
  return { items: page.map(presentMovement), nextCursor: rows.length > q.pageSize && last ? `m${last.id}` : null };
}

/**
 * What one location holds, by part id (rows with nothing left too: they say "none in the van"), with the part's
 * name, SKU, barcode and price; `q` searches name, SKU and barcode, `barcode` matches it exactly.
 */
export async function listBalances(
  em: EntityManager,
  location: StockLocation,
  q: StockBalanceListQuery,
): Promise<{ items: StockBalanceItem[]; nextCursor: string | null }> {
  const qb = em
    .createQueryBuilder(StockBalance, 'b')
    .innerJoin(Part, 'p', 'p.id = b.partId AND p.tenantId = b.tenantId')
    .select([
      'b.partId AS partId',
      'b.onHand AS onHand',
      'p.sku AS sku',
      'p.name AS name',
      'p.unit AS unit',
      'p.barcode AS barcode',
      'p.price AS price',
      'p.minStock AS minStock',
    ])
    .where('b.tenantId = :tenantId AND b.locationId = :locationId', { tenantId: location.tenantId, locationId: location.id });
  if (q.q) qb.andWhere('(p.sku LIKE :q OR p.name LIKE :q OR p.barcode LIKE :q)', { q: likeOf(q.q) });
  if (q.barcode) qb.andWhere('p.barcode = :barcode', { barcode: q.barcode });
  if (q.cursor) qb.andWhere('b.partId > :after', { after: Number(q.cursor.slice(1)) });
  type Raw = {
    partId: number | string;
    onHand: number | string;
    sku: string;
    name: string;
    unit: string;
    barcode: string | null;
    price: number | string;
    minStock: number | string;
  };
  const rows = await qb
    .orderBy('b.partId', 'ASC')
    .limit(q.pageSize + 1)
    .getRawMany<Raw>();
  const page = rows.slice(0, q.pageSize).map((r): StockBalanceItem => ({
    partId: Number(r.partId),
    sku: r.sku,
    name: r.name,
    unit: r.unit,
    barcode: r.barcode,
    price: Number(r.price),
    onHand: Number(r.onHand),
    minStock: Number(r.minStock),
  }));
  const last = page[page.length - 1];
  return { items: page, nextCursor: rows.length > q.pageSize && last ? `b${last.partId}` : null };
}

/** Parts at or below their minimum now, oldest crossing first (without their messages: see parts-api/low-stock.alerts.ts). */
export async function lowStock(deps: Deps, tenantId: number): Promise<Array<Omit<LowStockItem, 'alertId' | 'messages'>>> {
  const em = deps.db.ds.manager;
  const parts = await em.find(Part, { where: { tenantId, lowSince: Not(IsNull()) }, order: { lowSince: 'ASC', id: 'ASC' }, take: 500 });
  const totals = await totalOnHand(
    em,
    parts.map((p) => p.id),
  );
  return parts.map((p) => ({
    partId: p.id,
    sku: p.sku,
    name: p.name,
    minStock: p.minStock,
    onHand: totals.get(p.id) ?? 0,
    since: iso(p.lowSince ?? p.updatedAt),
  }));
}

export async function partsByIds(em: EntityManager, tenantId: number, ids: readonly number[]): Promise<Part[]> {
  return ids.length === 0 ? [] : em.findBy(Part, { tenantId, id: In([...ids]) });
}
