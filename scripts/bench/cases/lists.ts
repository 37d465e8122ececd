/** The dispatcher's ticket list over the big seeded tenant: first page, a deep page, and each filter. */
import type { Cannon } from '../load/cannon';
import type { Running } from '../processes';
import type { BenchMode } from '../options';
import type { SeededTenant } from '../seed/seed';
import { ms, num, type Row } from '../report';

export interface ListContext {
  cannon: Cannon;
  api: Running;
  mode: BenchMode;
  big: SeededTenant;
  /** A staff token of the big tenant. */
  token: string;
}

const LIST_BAR_MS = 300;

/** A month in the middle of the seeded year, as the contract's from/to days. */
function midMonth(): { from: string; to: string } {
  const d = new Date(Date.now() - 180 * 86_400_000);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

export async function listRows(c: ListContext): Promise<Row[]> {
  const n = c.big.tickets;
  const month = midMonth();
  const deepPage = Math.max(1, Math.min(100_000, Math.floor(n / 20 / 2)));
  const cases: Array<{ what: string; query: string }> = [
    { what: 'first page, no filter', query: 'pageSize=20' },
    { what: `deep page ${num(deepPage)} (offset ${num((deepPage - 1) * 20)})`, query: `page=${deepPage}&pageSize=20` },
    { what: 'open statuses (the dispatcher queue)', query: 'status=new,offered,accepted,en_route,on_site,waiting_customer,reopened' },
    { what: 'by site (the busiest)', query: `siteId=${c.big.siteIds[0]}` },
    { what: 'by engineer', query: `engineerId=${c.big.engineerIds[0]}` },
    { what: `by date ${month.from} … ${month.to}`, query: `from=${month.from}&to=${month.to}` },
    { what: 'closed, by site and month', query: `status=closed&siteId=${c.big.siteIds[1]}&from=${month.from}&to=${month.to}` },
  ];
  const rows: Row[] = [];
  for (const k of cases) {
    // One connection: the latency one dispatcher sees on an otherwise idle API (not a throughput test).
    const r = await c.cannon.run({
      origin: c.api.origin, method: 'GET', path: `/api/tickets?${k.query}`, headers: { authorization: `Bearer ${c.token}` },
      connections: 1, seconds: c.mode.listSeconds, warmupSeconds: Math.min(1, c.mode.warmupSeconds),
    });
    const failed = r.non2xx + r.errors + r.timeouts;
    rows.push({
      path: `extra: \`GET /api/tickets\` over ${num(n)} tickets — ${k.what}`,
      measured: `p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (${num(r.rps)} req/s, 1 connection)`,
      baseline: '—', ratio: null, bar: `p99 ≤ ${LIST_BAR_MS} ms (our target)`,
      verdict: failed === 0 && r.requests > 0 && r.p99 <= LIST_BAR_MS ? 'pass' : 'fail',
      note: failed > 0 ? `${failed} of ${r.requests} requests failed` : undefined,
      data: { query: k.query, ...r },
    });
  }
  return rows;
}
