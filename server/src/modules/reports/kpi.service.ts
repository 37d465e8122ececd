import { In } from 'typeorm';
import { OPEN_STATUSES, type KpiGroup, type KpiGroupBy, type KpiQuery, type KpiReport } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { addDays, dayRange, iso, isoDayInZone, monthOf, nextMonth } from '../../lib/time';
import type { StaffActor } from '../auth/actor';
import { User } from '../auth/user.entity';
import { Site } from '../assets/site.entity';
import { Tenant } from '../tenants/tenant.entity';
import { CATEGORY, ENGINEER, MONTH, MONTH_GRAINS, SITE } from './kpi.entity';
import { MEASURES, addMeasures, dayCase, ticketKpisSql, zeroMeasures, type FactKey, type Measures } from './kpi.sql';
import { rollupState } from './kpi.rollup';
import { presentFigures } from './kpi.presenter';
import { placeholders } from '../../db/columns';

/** The column a grouping reads, in kpi_daily and in the live facts alike. */
const GROUP_COLUMN: Record<Exclude<KpiGroupBy, 'none'>, FactKey> = {
  day: 'day',
  site: 'siteId',
  category: 'category',
  engineer: 'engineerId',
};

type Sums = Map<string, Measures>;

/** The smallest rollup grain holding every dimension the query filters or groups by. */
function grainOf(q: KpiQuery): number {
  return (
    (q.siteId !== undefined || q.groupBy === 'site' ? SITE : 0) |
    (q.category !== undefined || q.groupBy === 'category' ? CATEGORY : 0) |
    (q.engineerId !== undefined || q.groupBy === 'engineer' ? ENGINEER : 0)
  );
}

function addRows(into: Sums, rows: Array<Record<string, unknown>>, key: FactKey | null): void {
  for (const r of rows) {
    const k = key === null ? '' : String(r[key]);
    addMeasures(into.get(k) ?? (into.set(k, zeroMeasures()).get(k) as Measures), r);
  }
}

/** A period of finished days as whole months (their month rows) and the days left at either end. */
function spans(from: string, to: string): { days: Array<[string, string]>; months: [string, string] | null } {
  const first = from === monthOf(from) ? from : nextMonth(monthOf(from));
  let last = monthOf(to);
  if (nextMonth(last) > addDays(to, 1)) last = monthOf(addDays(last, -1));
  if (first > last) return { days: [[from, to]], months: null };
  const days: Array<[string, string]> = [];
  if (from < first) days.push([from, addDays(first, -1)]);
  if (nextMonth(last) <= to) days.push([nextMonth(last), to]);
  return { days, months: [first, last] };
}

/** Finished days from the rollup: month rows for whole months, day rows for the rest, summed by the database. */
async function rolledUp(deps: Deps, tenantId: number, q: KpiQuery, from: string, to: string, into: Sums): Promise<void> {
  const key = q.groupBy === 'none' ? null : GROUP_COLUMN[q.groupBy];
  const grain = grainOf(q);
  // Month rows are dated on the 1st: grouped by day they would pose as one day, so days read day rows only.
  const byMonth = key !== 'day' && MONTH_GRAINS.includes(grain);
  const { days, months } = byMonth ? spans(from, to) : { days: [[from, to]] as Array<[string, string]>, months: null };
  const ranges = [
    ...days.map(([a, b]) => ({ sql: '(grain = ? AND `day` >= ? AND `day` <= ?)', params: [grain, a, b] })),
    ...(months ? [{ sql: '(grain = ? AND `day` >= ? AND `day` <= ?)', params: [grain + MONTH, ...months] }] : []),
  ];
  const where = ['tenantId = ?', `(${ranges.map((r) => r.sql).join(' OR ')})`];
  const params: unknown[] = [tenantId, ...ranges.flatMap((r) => r.params)];
  for (const [column, value] of [
    ['siteId', q.siteId],
    ['category', q.category],
    ['engineerId', q.engineerId],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  const col = key === null ? null : `\`${key}\``;
  const rows = (await deps.db.ds.query(
    `SELECT ${col ? `${col} AS \`${key}\`, ` : ''}${MEASURES.map((m) => `SUM(${m}) AS ${m}`).join(', ')}
     FROM kpi_daily WHERE ${where.join(' AND ')}${col ? ` GROUP BY ${col}` : ''}`,
    params,
  )) as Array<Record<string, unknown>>;
  addRows(into, rows, key);
}

/** Days the rollup does not hold yet (today; yesterday too until the sweep's first pass after midnight), counted from tickets. */
async function live(deps: Deps, tenantId: number, q: KpiQuery, days: string[], timezone: string, into: Sums): Promise<void> {
  const key = q.groupBy === 'none' ? null : GROUP_COLUMN[q.groupBy];
  const day = dayCase(days, timezone);
  const scope = { tenantId, from: day.from, until: day.until, siteId: q.siteId, category: q.category, engineerId: q.engineerId };
  const dayExpr = key === 'day' ? day : { sql: "''", params: [] };
  const sql = ticketKpisSql(deps.db.kind, dayExpr, scope, key ? [key] : []);
  addRows(into, (await deps.db.ds.query(sql.sql, sql.params)) as Array<Record<string, unknown>>, key);
}

/** Names to show beside site and engineer ids (this tenant's rows only). */
async function namesOf(deps: Deps, tenantId: number, groupBy: KpiGroupBy, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.map(Number).filter((id) => id > 0);
  if (ids.length === 0 || (groupBy !== 'site' && groupBy !== 'engineer')) return new Map();
  const rows =
    groupBy === 'site'
      ? await deps.db.ds.getRepository(Site).find({ where: { tenantId, id: In(ids) }, select: { id: true, name: true } })
      : await deps.db.ds.getRepository(User).find({ where: { tenantId, id: In(ids) }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [String(r.id), r.name]));
}

/** The group key as the API shows it: a day, an id, a category; null for no engineer / no category. */
function keyOf(groupBy: KpiGroupBy, k: string): string | number | null {
  if (groupBy === 'site') return Number(k);
  if (groupBy === 'engineer') return Number(k) > 0 ? Number(k) : null;
  if (groupBy === 'category') return k === '' ? null : k;
  return k;
}

/** Which days of the period the rollup answers (up to the last day the sweep closed) and which are counted live. */
function plan(q: KpiQuery, today: string, closedThrough: string | null) {
  const closed = closedThrough === null ? null : closedThrough < today ? closedThrough : addDays(today, -1);
  const rollTo = closed === null || q.from > closed ? null : q.to < closed ? q.to : closed;
  const liveFrom = rollTo === null ? q.from : addDays(rollTo, 1);
  return { closed, rollTo, liveDays: dayRange(liveFrom, q.to < today ? q.to : today) };
}

async function presentGroups(deps: Deps, tenantId: number, q: KpiQuery, sums: Sums): Promise<KpiGroup[]> {
  if (q.groupBy === 'none') return [];
  if (q.groupBy === 'day') for (const day of dayRange(q.from, q.to)) if (!sums.has(day)) sums.set(day, zeroMeasures());
  const names = await namesOf(deps, tenantId, q.groupBy, [...sums.keys()]);
  const groups = [...sums].map(([k, m]) => {
    const key = keyOf(q.groupBy, k);
    return { key, name: typeof key === 'number' ? (names.get(k) ?? null) : key, kpis: presentFigures(m) };
  });
  const last = (k: KpiGroup['key']) => (k === null ? '\uffff' : String(k));
  return q.groupBy === 'day'
    ? groups.sort((a, b) => last(a.key).localeCompare(last(b.key)))
    : groups.sort((a, b) => b.kpis.volume - a.kpis.volume || last(a.key).localeCompare(last(b.key)));
}

/** Open tickets now and those waiting for a dispatcher, counted from ix_tickets_queue_now alone (no row reads) unless filtered by category or engineer. */
async function queueNow(deps: Deps, tenantId: number, q: KpiQuery): Promise<KpiReport['now']> {
  const where = [`tenantId = ?`, `status IN (${placeholders(OPEN_STATUSES)})`];
  const params: unknown[] = [tenantId, ...OPEN_STATUSES];
  for (const [column, value] of [
    ['siteId', q.siteId],
    ['category', q.category],
    ['engineerId', q.engineerId],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  const rows = (await deps.db.ds.query(
    `SELECT COUNT(*) AS open, SUM(CASE WHEN needsDispatcher = ? THEN 1 ELSE 0 END) AS awaiting FROM tickets WHERE ${where.join(' AND ')}`,
    [true, ...params],
  )) as Array<{ open: unknown; awaiting: unknown }>;
  return { openBacklog: Number(rows[0]?.open ?? 0), awaitingDispatcher: Number(rows[0]?.awaiting ?? 0) };
}

/** Whether the tenant has SLA targets (read here as a row: the SLA module itself depends on reports' neighbours). */
async function hasSlaTargets(deps: Deps, tenantId: number): Promise<boolean> {
  const rows = (await deps.db.ds.query('SELECT targets FROM sla_policies WHERE tenantId = ?', [tenantId])) as Array<{
    targets: string | null;
  }>;
  const targets: unknown = rows[0]?.targets ? JSON.parse(rows[0].targets) : [];
  return Array.isArray(targets) && targets.length > 0;
}

/**
 * KPIs of the tickets created in the period (the tenant's days): days the sweep has closed are summed
 * from the rollup, later ones (today) counted live — see the freshness rule in kpi.rollup.ts.
 */
export async function getKpis(deps: Deps, actor: StaffActor, q: KpiQuery): Promise<KpiReport> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneByOrFail({ id: actor.tenantId });
  const today = isoDayInZone(deps.clock.now(), tenant.timezone);
  const state = await rollupState(deps.db, tenant.id);
  const { closed, rollTo, liveDays } = plan(q, today, state.closedThrough);
  const sums: Sums = new Map();
  const [now] = await Promise.all([
    queueNow(deps, tenant.id, q),
    rollTo !== null ? rolledUp(deps, tenant.id, q, q.from, rollTo, sums) : null,
    liveDays.length > 0 ? live(deps, tenant.id, q, liveDays, tenant.timezone, sums) : null,
  ]);
  const totals = [...sums.values()].reduce((all, m) => addMeasures(all, m), zeroMeasures());
  return {
    period: {
      from: q.from,
      to: q.to,
      timezone: tenant.timezone,
      groupBy: q.groupBy,
      siteId: q.siteId ?? null,
      category: q.category ?? null,
      engineerId: q.engineerId ?? null,
    },
    freshness: { today, rolledUpThrough: closed, rolledUpAt: iso(state.sweptUntil) },
    totals: presentFigures(totals),
    slaPolicy: await hasSlaTargets(deps, tenant.id),
    now,
    groups: await presentGroups(deps, tenant.id, q, sums),
  };
}
