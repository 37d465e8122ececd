import { In } from 'typeorm';
import type { KpiGroupBy, KpiQuery, KpiReport } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { addDays, daysBetween, iso, isoDayInZone, startOfDayInZone } from '../../lib/time';
import type { StaffActor } from '../auth/auth.middleware';
import { User } from '../auth/user.entity';
import { Site } from '../assets/site.entity';
import { Tenant } from '../tenants/tenant.entity';
import { CATEGORY, ENGINEER, SITE } from './kpi.entity';
import { MEASURES, addMeasures, ticketKpisSql, zeroMeasures, type FactKey, type Measures } from './kpi.sql';
import { rolledUpAt } from './kpi.rollup';
import { presentFigures } from './kpi.presenter';

/** The column a grouping reads, in kpi_daily and in the live facts alike. */
const GROUP_COLUMN: Record<Exclude<KpiGroupBy, 'none'>, FactKey> = { day: 'day', site: 'siteId', category: 'category', engineer: 'engineerId' };

type Sums = Map<string, Measures>;

/** The smallest rollup grain holding every dimension the query filters or groups by. */
function grainOf(q: KpiQuery): number {
  return (q.siteId !== undefined || q.groupBy === 'site' ? SITE : 0)
    | (q.category !== undefined || q.groupBy === 'category' ? CATEGORY : 0)
    | (q.engineerId !== undefined || q.groupBy === 'engineer' ? ENGINEER : 0);
}

function addRows(into: Sums, rows: Array<Record<string, unknown>>, key: FactKey | null): void {
  for (const r of rows) {
    const k = key === null ? '' : String(r[key]);
    addMeasures(into.get(k) ?? into.set(k, zeroMeasures()).get(k) as Measures, r);
  }
}

/** Finished days from the rollup: one indexed range of the grain, summed by the database. */
async function rolledUp(deps: Deps, tenantId: number, q: KpiQuery, from: string, to: string, into: Sums): Promise<void> {
  const key = q.groupBy === 'none' ? null : GROUP_COLUMN[q.groupBy];
  const where = ['tenantId = ?', 'grain = ?', '`day` >= ?', '`day` <= ?'];
  const params: unknown[] = [tenantId, grainOf(q), from, to];
  for (const [column, value] of [['siteId', q.siteId], ['category', q.category], ['engineerId', q.engineerId]] as const) {
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

/** Today, counted from its tickets on every request (the rollup waits for the day to end). */
async function live(deps: Deps, tenantId: number, q: KpiQuery, today: string, timezone: string, into: Sums): Promise<void> {
  const key = q.groupBy === 'none' ? null : GROUP_COLUMN[q.groupBy];
  const scope = {
    tenantId, from: startOfDayInZone(today, timezone), until: startOfDayInZone(addDays(today, 1), timezone),
    siteId: q.siteId, category: q.category, engineerId: q.engineerId,
  };
  const sql = ticketKpisSql(deps.db.kind, { sql: '?', params: [today] }, scope, key ? [key] : []);
  addRows(into, (await deps.db.ds.query(sql.sql, sql.params)) as Array<Record<string, unknown>>, key);
}

/** Names to show beside site and engineer ids (this tenant's rows only). */
async function namesOf(deps: Deps, tenantId: number, groupBy: KpiGroupBy, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.map(Number).filter((id) => id > 0);
  if (ids.length === 0 || (groupBy !== 'site' && groupBy !== 'engineer')) return new Map();
  const rows = groupBy === 'site'
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

/**
 * KPIs of the tickets created in the period (the tenant's days): finished days summed from the rollup,
 * today counted live — see the freshness rule in kpi.rollup.ts.
 */
export async function getKpis(deps: Deps, actor: StaffActor, q: KpiQuery): Promise<KpiReport> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneByOrFail({ id: actor.tenantId });
  const today = isoDayInZone(deps.clock.now(), tenant.timezone);
  const lastFinished = addDays(today, -1);
  const sums: Sums = new Map();
  const [swept] = await Promise.all([
    rolledUpAt(deps.db),
    q.from <= lastFinished ? rolledUp(deps, tenant.id, q, q.from, q.to < lastFinished ? q.to : lastFinished, sums) : null,
    q.from <= today && today <= q.to ? live(deps, tenant.id, q, today, tenant.timezone, sums) : null,
  ]);
  if (q.groupBy === 'day') {
    for (let i = 0; i <= daysBetween(q.from, q.to); i += 1) if (!sums.has(addDays(q.from, i))) sums.set(addDays(q.from, i), zeroMeasures());
  }
  const totals = [...sums.values()].reduce((all, m) => addMeasures(all, m), zeroMeasures());
  const names = await namesOf(deps, tenant.id, q.groupBy, [...sums.keys()]);
  const groups = q.groupBy === 'none' ? [] : [...sums].map(([k, m]) => ({
    key: keyOf(q.groupBy, k),
    name: q.groupBy === 'day' || q.groupBy === 'category' ? keyOf(q.groupBy, k) as string | null : names.get(k) ?? null,
    kpis: presentFigures(m),
  }));
  if (q.groupBy === 'day') groups.sort((a, b) => String(a.key).localeCompare(String(b.key)));
  else groups.sort((a, b) => b.kpis.volume - a.kpis.volume || String(a.key ?? '\uffff').localeCompare(String(b.key ?? '\uffff')));
  return {
    period: {
      from: q.from, to: q.to, timezone: tenant.timezone, groupBy: q.groupBy,
      siteId: q.siteId ?? null, category: q.category ?? null, engineerId: q.engineerId ?? null,
    },
    freshness: { today, rolledUpAt: iso(swept) },
    totals: presentFigures(totals),
    groups,
  };
}
