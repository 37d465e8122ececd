/**
 * The dispatcher's ticket list over the big seeded tenant: first page, deep in the list (by cursor, as a
 * user now gets there; OFFSET past the limit is refused), the deepest page by number, each filter, and
 * the first page's total when it is not cached yet.
 */
import type { CursorPage, ErrorBody } from '@baoxiu/shared';
import { EXACT_TOTAL_CAP, MAX_PAGE_OFFSET, TOTAL_CACHE_SECONDS } from '../../../server/src/modules/desk/ticket-list';
import type { Cannon } from '../load/cannon';
import type { Running } from '../processes';
import type { BenchMode } from '../options';
import type { SeededTenant } from '../seed/seed';
import { ms, num, percentile, type Row } from '../report';

export interface ListContext {
  cannon: Cannon;
  api: Running;
  mode: BenchMode;
  big: SeededTenant;
  /** A staff token of the big tenant. */
  token: string;
}

const LIST_BAR_MS = 300;
const DAY = 86_400_000;

/** A month in the middle of the seeded year, as the contract's from/to days. */
function midMonth(): { from: string; to: string } {
  const d = new Date(Date.now() - 180 * DAY);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

async function get(c: ListContext, query: string): Promise<{ status: number; ms: number; body: unknown }> {
  const started = performance.now();
  const res = await fetch(`${c.api.origin}/api/tickets?${query}`, { headers: { authorization: `Bearer ${c.token}` } });
  const body: unknown = await res.json();
  return { status: res.status, ms: performance.now() - started, body };
}

/**
 * A real cursor about halfway down the list, as a dispatcher who followed nextCursor that far holds it:
 * the nextCursor of the first page of tickets created up to the middle of the seeded year.
 */
async function midCursor(c: ListContext): Promise<string> {
  const mid = new Date(Date.now() - 182 * DAY).toISOString().slice(0, 10);
  const r = await get(c, `to=${mid}&pageSize=20`);
  const cursor = r.status === 200 ? (r.body as CursorPage<unknown>).nextCursor : null;
  if (!cursor) throw new Error(`no cursor halfway down the list (GET /api/tickets?to=${mid} answered ${r.status})`);
  return cursor;
}

export async function listRows(c: ListContext): Promise<Row[]> {
  const n = c.big.tickets;
  const month = midMonth();
  const lastPage = Math.floor(MAX_PAGE_OFFSET / 20) + 1;
  const oldDeepPage = Math.max(1, Math.min(100_000, Math.floor(n / 20 / 2)));
  const cursor = await midCursor(c);
  const cases: Array<{ what: string; query: string }> = [
    { what: 'first page, no filter', query: 'pageSize=20' },
    { what: 'a page halfway down by cursor (nextCursor followed there)', query: `pageSize=20&cursor=${cursor}` },
    { what: `deepest page by number: page ${num(lastPage)} (offset ${num((lastPage - 1) * 20)})`, query: `page=${lastPage}&pageSize=20` },
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
      origin: c.api.origin,
      method: 'GET',
      path: `/api/tickets?${k.query}`,
      headers: { authorization: `Bearer ${c.token}` },
      connections: 1,
      seconds: c.mode.listSeconds,
      warmupSeconds: Math.min(1, c.mode.warmupSeconds),
    });
    const failed = r.non2xx + r.errors + r.timeouts;
    rows.push({
      path: `extra: \`GET /api/tickets\` over ${num(n)} tickets — ${k.what}`,
      measured: `p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (${num(r.rps)} req/s, 1 connection)`,
      baseline: '—',
      ratio: null,
      bar: `p99 ≤ ${LIST_BAR_MS} ms (our target)`,
      verdict: failed === 0 && r.requests > 0 && r.p99 <= LIST_BAR_MS ? 'pass' : 'fail',
      note: failed > 0 ? `${failed} of ${r.requests} requests failed` : undefined,
      data: { query: k.query, ...r },
    });
  }

  // OFFSET past the limit (the old deep-page row) is refused up front, without touching the table.
  const refusedPage = Math.max(oldDeepPage, lastPage + 1);
  const refused = await get(c, `page=${refusedPage}&pageSize=20`);
  const code = (refused.body as Partial<ErrorBody>).error?.code;
  rows.push({
    path: `extra: \`GET /api/tickets\` over ${num(n)} tickets — page ${num(refusedPage)} (offset ${num((refusedPage - 1) * 20)}) by number`,
    measured: `${refused.status}${code ? ` ${code}` : ''} in ${ms(refused.ms)}`,
    baseline: '—',
    ratio: null,
    bar: `400 PAGE_TOO_DEEP past offset ${num(MAX_PAGE_OFFSET)} (use nextCursor)`,
    verdict: refused.status === 400 && code === 'PAGE_TOO_DEEP' ? 'pass' : 'fail',
    data: { page: refusedPage, status: refused.status, code, ms: refused.ms },
  });

  // The first page when its total is not cached: the exact count a big list pays once per TOTAL_CACHE_SECONDS
  // and set of filters. Each sample names a different (always true) `from`, so each is a cache miss.
  const samples: number[] = [];
  let total = NaN;
  let failures = 0;
  for (let i = 0; i < (c.mode.quick ? 3 : 10); i += 1) {
    const r = await get(c, `from=${new Date(Date.UTC(2000, 0, 1) + i * DAY).toISOString().slice(0, 10)}&pageSize=20`);
    if (r.status !== 200) failures += 1;
    else total = (r.body as CursorPage<unknown>).total;
    samples.push(r.ms);
  }
  const p99 = percentile(samples, 99);
  const counted = total > EXACT_TOTAL_CAP ? `exact, then cached ${TOTAL_CACHE_SECONDS} s` : 'exact on every request';
  rows.push({
    path: `extra: \`GET /api/tickets\` over ${num(n)} tickets — first page, total not cached yet (once per ${TOTAL_CACHE_SECONDS} s per filter)`,
    measured: `p50 ${ms(percentile(samples, 50))}, max ${ms(p99)} (${samples.length} cold requests, 1 at a time); total ${num(total)} (${counted})`,
    baseline: '—',
    ratio: null,
    bar: `≤ ${LIST_BAR_MS} ms (our target)`,
    verdict: failures === 0 && p99 <= LIST_BAR_MS ? 'pass' : 'fail',
    note: failures > 0 ? `${failures} of ${samples.length} requests failed` : total !== n ? `total ${total}, expected ${n}` : undefined,
    data: { samples, total },
  });
  return rows;
}
