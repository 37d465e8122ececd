/**
 * Keeps the `kpi_daily` rollup equal to what the tickets say, so the KPI endpoint sums a few thousand
 * rollup rows instead of reading a million tickets.
 *
 * Freshness rule (what `GET /api/reports/kpis` can promise):
 * - A ticket counts on the tenant's calendar day it was created; every figure of that day (volume, times,
 *   resolved, reopened, ratings…) is recomputed from its tickets as a whole by `rebuildKpiDays`, and a
 *   finished month's rows are re-summed from its days.
 * - The worker's sweep (every few seconds) rebuilds the days of tickets changed since its last pass
 *   (tickets.updatedAt, less OVERLAP_MS for transactions that commit late), but only days that are over
 *   in the tenant's time zone; it rebuilds each day once more when it ends, then records it as closed
 *   (kpi_sweeps.closedThrough). The current day is never rolled up while it lasts.
 * - The endpoint sums the rollup for days up to closedThrough and counts every later day (today; for the
 *   seconds after midnight until the next pass, yesterday too) live from the tickets.
 * So past days are at most one sweep behind the tickets, and today is exact.
 */
import { TICKET_STATUSES } from '@baoxiu/shared';
import { In, type EntityManager } from 'typeorm';
import type { Database, DbKind } from '../../db/database';
import type { Deps } from '../../deps';
import { addDays, dayRange, daysBetween, isoDayInZone, monthOf, nextMonth, rawInstant } from '../../lib/time';
import { Tenant } from '../tenants/tenant.entity';
import { CATEGORY, ENGINEER, FINEST, GRAINS, KpiSweep, MONTH, MONTH_GRAINS, SITE } from './kpi.entity';
import { MEASURES, dayCase, ticketKpisSql } from './kpi.sql';
import { sqlTime, placeholders } from '../../db/columns';

/** Consecutive days read from tickets in one statement (one index range, one CASE branch a day). */
const CHUNK_DAYS = 31;
const INSERT_ROWS = 500;
/** Each pass re-reads changes from this long before the previous pass: a transaction stamped earlier but committed later is still seen. */
export const OVERLAP_MS = 60_000;
/** kpi_sweeps row of the change scan over all tenants. */
const ALL_TENANTS = 0;

const COLUMNS = ['tenantId', 'grain', '`day`', 'siteId', 'category', 'engineerId', ...MEASURES];

/** The sorted distinct days cut into runs of consecutive days, each at most CHUNK_DAYS long. */
function runs(days: Iterable<string>): string[][] {
  const out: string[][] = [];
  for (const day of [...new Set(days)].sort()) {
    const run = out[out.length - 1];
    if (run && run.length < CHUNK_DAYS && daysBetween(run[run.length - 1], day) === 1) run.push(day);
    else out.push([day]);
  }
  return out;
}

/** Site × category × engineer rows of consecutive days, read from tickets (a plain read: no ticket row is locked). */
async function finestRows(em: EntityManager, kind: DbKind, tenantId: number, timezone: string, days: string[]): Promise<unknown[][]> {
  const day = dayCase(days, timezone);
  const q = ticketKpisSql(kind, day, { tenantId, from: day.from, until: day.until }, ['day', 'siteId', 'category', 'engineerId']);
  const rows = (await em.query(q.sql, q.params)) as Array<Record<string, unknown>>;
  return rows.map((r) => [
    tenantId,
    FINEST,
    String(r.day),
    Number(r.siteId),
    String(r.category),
    Number(r.engineerId),
    ...MEASURES.map((m) => Number(r[m] ?? 0)),
  ]);
}

async function insertRows(em: EntityManager, rows: unknown[][]): Promise<void> {
  const one = `(${placeholders(COLUMNS)})`;
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    const batch = rows.slice(i, i + INSERT_ROWS);
    await em.query(`INSERT INTO kpi_daily (${COLUMNS.join(', ')}) VALUES ${batch.map(() => one).join(', ')}`, batch.flat());
  }
}

/** A coarser grain summed from the finest rows of the same days, by the database (its collation decides which categories are one). */
function coarserSql(grain: number, dayCount: number): string {
  const dims: Array<[number, string, string]> = [
    [SITE, 'siteId', '0'],
    [CATEGORY, 'category', "''"],
    [ENGINEER, 'engineerId', '0'],
  ];
  const kept = dims.filter(([bit]) => grain & bit).map(([, col]) => col);
  return `INSERT INTO kpi_daily (${COLUMNS.join(', ')})
    SELECT tenantId, ${grain}, \`day\`, ${dims.map(([bit, col, none]) => (grain & bit ? col : none)).join(', ')},
      ${MEASURES.map((m) => `SUM(${m})`).join(', ')}
    FROM kpi_daily WHERE tenantId = ? AND grain = ${FINEST} AND \`day\` IN (${Array(dayCount).fill('?').join(', ')})
    GROUP BY ${['tenantId', '`day`', ...kept].join(', ')}`;
}

/** Reads the days' tickets and replaces their rows in one transaction (on SQLite, no other transaction's writes are half-seen). */
async function rebuildRun(db: Database, tenantId: number, timezone: string, days: string[]): Promise<void> {
  const inDays = `\`day\` IN (${placeholders(days)})`;
  await db.transaction(async (em) => {
    const rows = await finestRows(em, db.kind, tenantId, timezone, days);
    // `grain IN (…)` lets MySQL seek each (grain, day) on the primary key rather than scan the tenant's rows.
    await em.query(`DELETE FROM kpi_daily WHERE tenantId = ? AND grain IN (${GRAINS.join(', ')}) AND ${inDays}`, [tenantId, ...days]);
    await insertRows(em, rows);
    for (const grain of GRAINS) {
      if (grain !== FINEST) await em.query(coarserSql(grain, days.length), [tenantId, ...days]);
    }
  });
}

/** A finished month's rows, summed from its day rows (the MONTH_GRAINS at once). */
async function rebuildMonth(db: Database, tenantId: number, month: string): Promise<void> {
  await db.transaction(async (em) => {
    await em.query(`DELETE FROM kpi_daily WHERE tenantId = ? AND grain IN (${GRAINS.map((g) => g + MONTH).join(', ')}) AND \`day\` = ?`, [
      tenantId,
      month,
    ]);
    await em.query(
      `INSERT INTO kpi_daily (${COLUMNS.join(', ')})
       SELECT tenantId, grain + ${MONTH}, ?, siteId, category, engineerId, ${MEASURES.map((m) => `SUM(${m})`).join(', ')}
       FROM kpi_daily WHERE tenantId = ? AND grain IN (${MONTH_GRAINS.join(', ')}) AND \`day\` >= ? AND \`day\` <= ?
       GROUP BY tenantId, grain, siteId, category, engineerId`,
      [month, tenantId, month, addDays(nextMonth(month), -1)],
    );
  });
}

/** Rebuilds the days, then the months among theirs that are over by `today` (the current month is read by day). */
async function rebuild(db: Database, tenant: Pick<Tenant, 'id' | 'timezone'>, days: Iterable<string>, today: string): Promise<void> {
  const list = [...days];
  for (const run of runs(list)) await rebuildRun(db, tenant.id, tenant.timezone, run);
  for (const month of new Set(list.map(monthOf))) {
    if (nextMonth(month) <= today) await rebuildMonth(db, tenant.id, month);
  }
}

/**
 * Recomputes these days (YYYY-MM-DD, the tenant's calendar) of a tenant's rollup from its tickets, and the
 * finished months holding them: each run of consecutive days is read in one grouped query, then replaced
 * in one transaction. Idempotent.
 */
export async function rebuildKpiDays(db: Database, tenantId: number, days: string[], now = new Date()): Promise<void> {
  if (days.length === 0) return;
  const tenant = await db.ds.getRepository(Tenant).findOneByOrFail({ id: tenantId });
  await rebuild(db, tenant, days, isoDayInZone(now, tenant.timezone));
}

/** Every day from the tenant's first ticket up to `through` (none without tickets). */
async function daysOfTickets(db: Database, tenant: Pick<Tenant, 'id' | 'timezone'>, through: string): Promise<string[]> {
  const rows = (await db.ds.query('SELECT MIN(createdAt) AS first FROM tickets WHERE tenantId = ?', [tenant.id])) as Array<{
    first: Date | string | null;
  }>;
  const first = rows[0]?.first;
  return first ? dayRange(isoDayInZone(rawInstant(first), tenant.timezone), through) : [];
}

async function saveProgress(db: Database, rows: KpiSweep[]): Promise<void> {
  if (rows.length > 0) await db.ds.getRepository(KpiSweep).upsert(rows, ['tenantId']);
}

/**
 * Builds a tenant's whole rollup (every day of its tickets before today) and records it as swept: for
 * bulk loads (the bench seeder) and tenants the sweep has never seen. Returns the number of days.
 */
export async function backfillKpis(db: Database, tenantId: number, now: Date): Promise<number> {
  const tenant = await db.ds.getRepository(Tenant).findOneByOrFail({ id: tenantId });
  const today = isoDayInZone(now, tenant.timezone);
  const yesterday = addDays(today, -1);
  const days = await daysOfTickets(db, tenant, yesterday);
  await rebuild(db, tenant, days, today);
  const started = await db.ds.getRepository(KpiSweep).findOneBy({ tenantId: ALL_TENANTS });
  await saveProgress(db, [
    { tenantId: tenant.id, sweptUntil: null, closedThrough: yesterday },
    // The change scan starts from now if nothing has swept yet (a fresh database being seeded).
    ...(started ? [] : [{ tenantId: ALL_TENANTS, sweptUntil: now, closedThrough: null }]),
  ]);
  return days.length;
}

/**
 * Ticket versions each database's sweep (in this process) has already handled within the overlap window:
 * a change is rolled up once, not on every pass that re-reads it. A new process re-reads the window once.
 */
export interface KpiSeen {
  /** Ticket id → version, as read by the last pass. */
  versions: ReadonlyMap<number, number>;
}

/** One per system (Deps.kpiSeen). */
export function newKpiSeen(): KpiSeen {
  return { versions: new Map() };
}

/** Adds the days of tickets changed since `since` that are over (today is counted live until it ends); returns the versions read. */
async function changedDays(
  db: Database,
  before: ReadonlyMap<number, number>,
  since: Date,
  tenants: Map<number, Tenant>,
  today: Map<number, string>,
  work: Map<number, Set<string>>,
) {
  // Every status listed: the (status, updatedAt) index then serves the range without a new index on tickets.
  const rows = (await db.ds.query(
    `SELECT id, version, tenantId, createdAt FROM tickets WHERE status IN (${placeholders(TICKET_STATUSES)}) AND updatedAt >= ?`,
    [...TICKET_STATUSES, sqlTime(since)],
  )) as Array<{ id: number | string; version: number | string; tenantId: number | string; createdAt: Date | string }>;
  const read = new Map<number, number>();
  for (const r of rows) {
    read.set(Number(r.id), Number(r.version));
    const tenant = tenants.get(Number(r.tenantId));
    if (!tenant || before.get(Number(r.id)) === Number(r.version)) continue;
    const day = isoDayInZone(rawInstant(r.createdAt), tenant.timezone);
    if (day < (today.get(tenant.id) ?? day)) work.get(tenant.id)?.add(day);
  }
  return read;
}

/**
 * The worker's periodic pass (see the freshness rule above): rebuilds the finished days of tickets
 * changed since the previous pass, each tenant's days that ended since, and backfills a tenant never
 * swept. Several workers may run it at once: rebuilding a day twice gives the same rows.
 */
export async function sweepKpis(deps: Pick<Deps, 'db' | 'clock' | 'kpiSeen'>): Promise<{ tenants: number; days: number }> {
  const { db } = deps;
  const now = deps.clock.now();
  const tenants = new Map((await db.ds.getRepository(Tenant).find({ select: { id: true, timezone: true } })).map((t) => [t.id, t]));
  const state = new Map((await db.ds.getRepository(KpiSweep).find()).map((s) => [s.tenantId, s]));
  const watermark = state.get(ALL_TENANTS)?.sweptUntil ?? null;
  const today = new Map([...tenants.values()].map((t) => [t.id, isoDayInZone(now, t.timezone)]));
  const work = new Map([...tenants.keys()].map((id) => [id, new Set<string>()]));
  const progress: KpiSweep[] = [];
  for (const tenant of tenants.values()) {
    const yesterday = addDays(today.get(tenant.id) as string, -1);
    const closed = watermark ? state.get(tenant.id)?.closedThrough : null;
    if (closed && closed >= yesterday) continue;
    const ended = closed ? dayRange(addDays(closed, 1), yesterday) : await daysOfTickets(db, tenant, yesterday);
    for (const day of ended) work.get(tenant.id)?.add(day);
    progress.push({ tenantId: tenant.id, sweptUntil: null, closedThrough: yesterday });
  }
  const read = watermark
    ? await changedDays(db, deps.kpiSeen.versions, new Date(watermark.getTime() - OVERLAP_MS), tenants, today, work)
    : new Map<number, number>();
  let days = 0;
  let touched = 0;
  for (const [tenantId, set] of work) {
    if (set.size === 0) continue;
    await rebuild(db, tenants.get(tenantId) as Tenant, set, today.get(tenantId) as string);
    days += set.size;
    touched += 1;
  }
  await saveProgress(db, [...progress, { tenantId: ALL_TENANTS, sweptUntil: now, closedThrough: null }]);
  deps.kpiSeen.versions = read;
  return { tenants: touched, days };
}

/**
 * Drops a tenant's rollup and its sweep progress (after a time zone change: its days are another
 * calendar's). Until the next sweep backfills it, the endpoint counts the tenant's tickets live.
 */
export async function forgetKpiRollup(em: EntityManager, tenantId: number): Promise<void> {
  await em.query('DELETE FROM kpi_daily WHERE tenantId = ?', [tenantId]);
  await em.query('DELETE FROM kpi_sweeps WHERE tenantId = ?', [tenantId]);
}

/** How far the rollup goes for a tenant: its days up to `closedThrough`, with ticket changes up to `sweptUntil`. */
export async function rollupState(db: Database, tenantId: number): Promise<{ closedThrough: string | null; sweptUntil: Date | null }> {
  const rows = await db.ds.getRepository(KpiSweep).findBy({ tenantId: In([ALL_TENANTS, tenantId]) });
  const sweptUntil = rows.find((r) => r.tenantId === ALL_TENANTS)?.sweptUntil ?? null;
  // Without the change scan's row, nothing guarantees the tenant's rows are current.
  const closedThrough = sweptUntil ? (rows.find((r) => r.tenantId === tenantId)?.closedThrough ?? null) : null;
  return { closedThrough, sweptUntil };
}
