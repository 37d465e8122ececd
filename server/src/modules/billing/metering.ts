import { In, type EntityManager } from 'typeorm';
import type { Quantities, UsageMetric } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isUniqueViolation } from '../../db/database';
import { isoDayInZone } from '../../lib/time';
import { Tenant } from '../tenants/tenant.entity';
import { Upload } from '../uploads/upload.entity';
import { BillingUsageDaily, BillingUsageEvent } from './billing.entity';

/**
 * Metering: usage per tenant, metric and day in `billing_usage_daily`. Flows (tickets, API calls, WeChat
 * messages) add up; levels (staff seats, storage bytes) keep the day's maximum, and a period takes the maximum
 * of its days. A period's figures read at most one row per metric and day: never a count over the tickets.
 */

export type MeteredMetric = Exclude<UsageMetric, 'storage_gb'> | 'seats' | 'storage_bytes';
const LEVELS: ReadonlySet<string> = new Set(['seats', 'storage_bytes']);

const isSqlite = (em: EntityManager) => em.connection.options.type === 'better-sqlite3';

/** Adds to (or, for a level, raises) the day's row; in the caller's transaction, so it counts exactly when that commits. */
export async function meter(
  em: EntityManager,
  rows: Array<{ tenantId: number; metric: MeteredMetric; day: string; quantity: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  // One row per key per statement: MySQL and SQLite both refuse to touch one row twice in one upsert.
  const merged = new Map<string, { tenantId: number; metric: MeteredMetric; day: string; quantity: number }>();
  for (const r of rows) {
    const key = `${r.tenantId}|${r.metric}|${r.day}`;
    const had = merged.get(key);
    if (!had) merged.set(key, { ...r });
    else had.quantity = LEVELS.has(r.metric) ? Math.max(had.quantity, r.quantity) : had.quantity + r.quantity;
  }
  for (const level of [false, true]) {
    const group = [...merged.values()].filter((r) => LEVELS.has(r.metric) === level);
    if (group.length === 0) continue;
    const values = group.map(() => '(?, ?, ?, ?)').join(', ');
    const params = group.flatMap((r) => [r.tenantId, r.metric, r.day, r.quantity]);
    const sql = isSqlite(em)
      ? `INSERT INTO billing_usage_daily (tenantId, metric, day, quantity) VALUES ${values} ON CONFLICT (tenantId, metric, day) DO UPDATE SET quantity = ${level ? 'MAX(quantity, excluded.quantity)' : 'quantity + excluded.quantity'}`
      : `INSERT INTO billing_usage_daily (tenantId, metric, day, quantity) VALUES ${values} ON DUPLICATE KEY UPDATE quantity = ${level ? 'GREATEST(quantity, VALUES(quantity))' : 'quantity + VALUES(quantity)'}`;
    await em.query(sql, params);
  }
}

export interface UsageEventInput {
  tenantId: number;
  metric: MeteredMetric;
  /** Unique per tenant: a replayed event (same id) counts once. */
  eventId: string;
  quantity: number;
  day: string;
}

/** Records one usage event idempotently; false when its event id was already recorded. */
export async function recordUsage(deps: Pick<Deps, 'db' | 'clock'>, e: UsageEventInput): Promise<boolean> {
  try {
    await deps.db.transaction(async (em) => {
      await em.insert(BillingUsageEvent, { ...e, createdAt: deps.clock.now() });
      await meter(em, [e]);
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

const GB = 1_000_000_000;

const toQuantities = (rows: Array<{ metric: string; total: string | number; peak: string | number }>): Quantities => {
  const of = (m: string, level = false) => {
    const r = rows.find((x) => x.metric === m);
    return r ? Number(level ? r.peak : r.total) : 0;
  };
  return {
    seats: of('seats', true),
    tickets: of('tickets'),
    api_calls: of('api_calls'),
    wechat_messages: of('wechat_messages'),
    storage_gb: Math.ceil(of('storage_bytes', true) / GB),
  };
};

/** A tenant's usage over the days [start, endExclusive), as the quantities the pricing function takes. */
export async function periodUsage(deps: Pick<Deps, 'db'>, tenantId: number, start: string, endExclusive: string): Promise<Quantities> {
  return (await periodUsageMany(deps, [tenantId], start, endExclusive)).get(tenantId) ?? toQuantities([]);
}

/** The same for many tenants over one period, in one query (the invoice run). */
export async function periodUsageMany(
  deps: Pick<Deps, 'db'>,
  tenantIds: number[],
  start: string,
  endExclusive: string,
): Promise<Map<number, Quantities>> {
  const out = new Map<number, Quantities>();
  if (tenantIds.length === 0) return out;
  const rows = await deps.db.ds
    .getRepository(BillingUsageDaily)
    .createQueryBuilder('u')
    .select('u.tenantId', 'tenantId')
    .addSelect('u.metric', 'metric')
    .addSelect('SUM(u.quantity)', 'total')
    .addSelect('MAX(u.quantity)', 'peak')
    .where('u.tenantId IN (:...tenantIds) AND u.day >= :start AND u.day < :end', { tenantIds, start, end: endExclusive })
    .groupBy('u.tenantId')
    .addGroupBy('u.metric')
    .getRawMany<{ tenantId: string | number; metric: string; total: string | number; peak: string | number }>();
  for (const id of tenantIds) out.set(id, toQuantities(rows.filter((r) => Number(r.tenantId) === id)));
  return out;
}

/** One metered unit on the tenant's calendar day (e.g. a WeChat message sent), in the caller's transaction. */
export async function meterOne(em: EntityManager, tenantId: number, metric: MeteredMetric, now: Date): Promise<void> {
  const tenant = await em.getRepository(Tenant).findOne({ where: { id: tenantId }, select: { id: true, timezone: true } });
  if (!tenant) return;
  await meter(em, [{ tenantId, metric, day: isoDayInZone(now, tenant.timezone), quantity: 1 }]);
}

/**
 * Storage in use: the bytes of the photos each tenant's tickets hold, metered as the day's level (a period bills its
 * peak). One grouped read over the uploads, off the request path: the worker runs it every few minutes, so a photo
 * shows in the meter minutes after its ticket claims it. Returns the tenants metered.
 */
export async function meterStorage(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const rows = await deps.db.ds
    .getRepository(Upload)
    .createQueryBuilder('u')
    .select('u.tenantId', 'tenantId')
    .addSelect('SUM(u.size)', 'bytes')
    .where('u.tenantId IS NOT NULL')
    .groupBy('u.tenantId')
    .getRawMany<{ tenantId: number | string; bytes: number | string }>();
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => Number(r.tenantId));
  const zones = new Map(
    (await deps.db.ds.getRepository(Tenant).find({ where: { id: In(ids) }, select: { id: true, timezone: true } })).map((t) => [
      t.id,
      t.timezone,
    ]),
  );
  const now = deps.clock.now();
  const levels = rows.flatMap((r) => {
    const zone = zones.get(Number(r.tenantId));
    return zone
      ? [{ tenantId: Number(r.tenantId), metric: 'storage_bytes' as const, day: isoDayInZone(now, zone), quantity: Number(r.bytes) }]
      : [];
  });
  await deps.db.transaction((em) => meter(em, levels));
  return levels.length;
}
