/**
 * Scale-out: a second API process and a second worker join the ones under test (2 API + 2 workers on one
 * MariaDB + Redis), intake is split across both APIs, and the database is checked afterwards: every ticket offered
 * exactly once, ticket numbers without gaps or repeats, every outbox row relayed. Beside the one-process rows.
 */
import { Cannon } from '../load/cannon';
import { startApiServer, type ServerEnv, type ServerUnderTest } from '../processes';
import type { BenchMode } from '../options';
import { sqlTime } from '../../../server/src/db/columns';
import { epochMs, waitDispatched, type DbReader } from '../db-reader';
import { ms, num, percentile, type Row } from '../report';

export interface ScaleOutContext {
  env: ServerEnv;
  /** The API (with its worker started) already under test. */
  api: ServerUnderTest;
  db: DbReader;
  mode: BenchMode;
  /** A tenant of its own in auto mode (every engineer can take every job), no tickets before this row. */
  tenantId: number;
  assetCodes: string[];
}

const PATH = 'scale-out: 2 API + 2 worker processes on one database + Redis, intake split across both APIs';

/** Gaps and repeats in each day's ticket numbers (BX-YYYYMMDD-NNNN, a counter per tenant and day from 1). */
export function numberProblems(numbers: string[]): { gaps: number; repeats: number; unparsed: number } {
  const byDay = new Map<string, number[]>();
  let unparsed = 0;
  for (const n of numbers) {
    const m = /^BX-(\d{8})-(\d+)$/.exec(n);
    if (!m) {
      unparsed += 1;
      continue;
    }
    byDay.set(m[1], [...(byDay.get(m[1]) ?? []), Number(m[2])]);
  }
  let gaps = 0;
  let repeats = 0;
  for (const seqs of byDay.values()) {
    const distinct = new Set(seqs);
    repeats += seqs.length - distinct.size;
    gaps += Math.max(...distinct) - distinct.size; // numbers 1..max that nobody got
  }
  return { gaps, repeats, unparsed };
}

export async function scaleOutRow(c: ScaleOutContext): Promise<Row> {
  if (!c.api.apiAlone) {
    return {
      path: PATH,
      measured: '—',
      baseline: '—',
      ratio: null,
      bar: 'every ticket offered once, numbers gap-free',
      verdict: 'skipped',
      note: 'needs REDIS_URL (and DATABASE_URL): the embedded stack is one process by design',
    };
  }
  const second = await startApiServer(c.env, { SEED_DEMO: 'false' });
  const cannons = [new Cannon(), new Cannon()];
  try {
    await second.startWorker();
    const rate = c.mode.latencyRate;
    const body = c.assetCodes.map((assetCode) =>
      JSON.stringify({ assetCode, description: '压测：两台 API 同时报修', contactPhone: '13900000002' }),
    );
    const sent = await Promise.all(
      [c.api, second].map((api, i) =>
        cannons[i].run({
          origin: api.origin,
          method: 'POST',
          path: '/api/public/tickets',
          rate: rate / 2,
          connections: 25,
          seconds: c.mode.latencySeconds,
          warmupSeconds: 0,
          headers: { 'content-type': 'application/json' },
          uniqueKeyHeader: 'idempotency-key',
          keyPrefix: `bench-scale-${i}`,
          bodies: body,
        }),
      ),
    );
    const left = await waitDispatched(c.db, 120_000);
    const tickets = await c.db.all<{
      id: number;
      number: string;
      created: string;
      offered: string | null;
      offeredEvents: number | string;
      offers: number | string;
    }>(
      `SELECT t.id, t.number, t.createdAt AS created,
         (SELECT MIN(e.createdAt) FROM ticket_events e WHERE e.ticketId = t.id AND e.type = 'offered') AS offered,
         (SELECT COUNT(*) FROM ticket_events e WHERE e.ticketId = t.id AND e.type = 'offered') AS offeredEvents,
         (SELECT COUNT(*) FROM offers o WHERE o.ticketId = t.id) AS offers
       FROM tickets t WHERE t.tenantId = ?`,
      [c.tenantId],
    );
    // Rows the running system keeps writing (sweeps, timeouts) may be a moment old: those older than 5 s count.
    const settledBefore = sqlTime(new Date(Date.now() - 5_000));
    const [{ n: unrelayed }] = await c.db.all<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM outbox WHERE sentAt IS NULL AND createdAt < ?',
      [settledBefore],
    );
    const notOnce = tickets.filter((t) => Number(t.offeredEvents) !== 1 || Number(t.offers) !== 1).length;
    const numbers = numberProblems(tickets.map((t) => t.number));
    const latencies = tickets.flatMap((t) => (t.offered ? [epochMs(t.offered) - epochMs(t.created)] : []));
    const accepted = sent.reduce((s, r) => s + r.requests - r.non2xx - r.errors, 0);
    const failed = sent.reduce((s, r) => s + r.non2xx + r.errors, 0);
    // autocannon stops at the deadline without waiting for answers in flight: those tickets exist, unacknowledged.
    const ok =
      tickets.length > 0 &&
      tickets.length >= accepted &&
      notOnce === 0 &&
      numbers.gaps === 0 &&
      numbers.repeats === 0 &&
      numbers.unparsed === 0 &&
      Number(unrelayed) === 0 &&
      left === 0;
    return {
      path: PATH,
      measured:
        `${num(tickets.length)} tickets at ${num(sent[0].rps + sent[1].rps)} tickets/s (two APIs, ${c.mode.latencySeconds} s): ` +
        `${notOnce} not offered exactly once, ${numbers.gaps} number gaps, ${numbers.repeats} repeated numbers, ${num(Number(unrelayed))} outbox rows unrelayed after 5 s; ` +
        `intake → offered p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}; intake p99 ${ms(Math.max(sent[0].p99, sent[1].p99))}`,
      baseline: '—',
      ratio: null,
      bar: 'every ticket offered exactly once, numbers gap-free, every outbox row relayed once',
      verdict: ok ? 'pass' : 'fail',
      note: [
        failed > 0 ? `${failed} intake requests failed` : '',
        tickets.length < accepted ? `${accepted} intakes answered 2xx but only ${tickets.length} tickets exist` : '',
        left > 0 ? `${left} tickets still waiting for dispatch after 120 s` : '',
        'no WeChat is configured in the bench, so no subscription message is sent; notifications are deduplicated by a unique key (server/test covers it)',
      ]
        .filter(Boolean)
        .join('; '),
      data: {
        tickets: tickets.length,
        accepted,
        notOnce,
        ...numbers,
        unrelayed: Number(unrelayed),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      },
    };
  } finally {
    for (const cannon of cannons) cannon.close();
    await second.stop();
  }
}
