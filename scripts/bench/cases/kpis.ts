/**
 * Dashboard KPIs (`GET /api/reports/kpis`) over the big seeded tenant: a month and the whole year, in total and
 * grouped, one connection each (what one manager sees on an idle API). The QUALITY.md row is judged on the
 * slowest of them; each also has a row of its own. The year's total volume must equal the seeded tickets.
 */
import type { KpiReport } from '@baoxiu/shared';
import { addDays, isoDayInZone } from '../../../server/src/lib/time';
import type { Cannon } from '../load/cannon';
import type { Running } from '../processes';
import type { BenchMode } from '../options';
import type { SeededTenant } from '../seed/seed';
import type { RollupBuild } from '../seed/rollups';
import { ms, num, type Row } from '../report';

export interface KpiContext {
  cannon: Cannon;
  api: Running;
  mode: BenchMode;
  big: SeededTenant;
  rollup: RollupBuild;
  /** A dispatcher token of the big tenant. */
  token: string;
}

export const KPI_BAR_MS = 300;
/** The seeded tenants' zone (seed.ts). */
const ZONE = 'Asia/Shanghai';

export async function kpiRows(c: KpiContext): Promise<Row[]> {
  const n = c.big.tickets;
  const today = isoDayInZone(new Date(), ZONE);
  // The seeded year ends yesterday; 366 days up to today hold every seeded ticket, and today is counted live.
  const year = `from=${addDays(today, -365)}&to=${today}`;
  const monthStart = `${addDays(today, -180).slice(0, 7)}-01`;
  const month = `from=${monthStart}&to=${addDays(`${addDays(monthStart, 31).slice(0, 7)}-01`, -1)}`;
  const cases: Array<{ what: string; query: string }> = [
    { what: 'one month, totals', query: month },
    { what: 'one month by day', query: `${month}&groupBy=day` },
    { what: 'whole year, totals', query: year },
    { what: 'whole year by day', query: `${year}&groupBy=day` },
    { what: 'whole year by site', query: `${year}&groupBy=site` },
    { what: 'whole year by engineer', query: `${year}&groupBy=engineer` },
    { what: 'whole year, one site by engineer', query: `${year}&siteId=${c.big.siteIds[0]}&groupBy=engineer` },
    { what: 'whole year, one engineer by category', query: `${year}&engineerId=${c.big.engineerIds[0]}&groupBy=category` },
  ];
  const headers = { authorization: `Bearer ${c.token}` };
  const check = await fetch(`${c.api.origin}/api/reports/kpis?${year}`, { headers });
  const volume = check.status === 200 ? ((await check.json()) as KpiReport).totals.volume : NaN;
  const rows: Row[] = [];
  for (const k of cases) {
    const r = await c.cannon.run({
      origin: c.api.origin,
      method: 'GET',
      path: `/api/reports/kpis?${k.query}`,
      headers,
      connections: 1,
      seconds: c.mode.kpiSeconds,
      warmupSeconds: Math.min(1, c.mode.warmupSeconds),
    });
    const failed = r.non2xx + r.errors + r.timeouts;
    rows.push({
      path: `extra: \`GET /api/reports/kpis\` over ${num(n)} tickets — ${k.what}`,
      measured: `p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (${num(r.rps)} req/s, 1 connection)`,
      baseline: '—',
      ratio: null,
      bar: `p99 ≤ ${KPI_BAR_MS} ms`,
      verdict: failed === 0 && r.requests > 0 && r.p99 <= KPI_BAR_MS ? 'pass' : 'fail',
      note: failed > 0 ? `${failed} of ${r.requests} requests failed` : undefined,
      data: { query: k.query, ...r },
    });
  }
  const slowest = rows.reduce((w, r) => (Number(r.data?.p99) > Number(w.data?.p99) ? r : w));
  const complete = volume === n;
  const main: Row = {
    path: `dashboard KPIs: one period over ${num(n)} tickets (${cases.length} queries: a month and the whole year, totals and grouped)`,
    measured:
      `slowest p99 ${ms(Number(slowest.data?.p99))} (${String(slowest.path.split(' — ')[1])}); ` +
      `year totals p50 ${ms(Number(rows[2].data?.p50))}, p99 ${ms(Number(rows[2].data?.p99))}`,
    baseline: '—',
    ratio: null,
    bar: `≤ ${KPI_BAR_MS} ms (judged on the slowest p99)`,
    verdict: complete && rows.every((r) => r.verdict === 'pass') ? 'pass' : 'fail',
    note:
      `${complete ? 'year volume = seeded tickets' : `year volume ${volume}, expected ${n}`}; rollup of ${num(c.rollup.days)} tenant-days ` +
      `built after seeding in ${(c.rollup.ms / 1000).toFixed(1)} s`,
    data: { volume, rollup: c.rollup },
  };
  return [main, ...rows];
}
