/** Intake → offered: tickets filed at a fixed rate, each timed from its commit to its offer through the real queue. */
import type { Cannon } from '../load/cannon';
import type { Running } from '../processes';
import type { BenchMode } from '../options';
import { countUndispatched, epochMs, waitDispatched, type DbReader } from '../db-reader';
import { dispatchJob } from '../../../server/src/modules/dispatch/dispatch.jobs';
import { ms, num, percentile, type Row } from '../report';

export interface LatencyContext {
  cannon: Cannon;
  api: Running;
  db: DbReader;
  mode: BenchMode;
  /** A tenant of its own in auto mode whose engineers can all take every job. */
  tenantId: number;
  assetCodes: string[];
  queue: string;
  /** BullMQ's Redis and key prefix, for the per-stage trace (absent with the in-process queue). */
  redis?: { url: string; prefix: string };
}

/** A ticket of the row: its commit and its first offer, both stamped by the server's clock. */
interface TicketTimes {
  id: number | string;
  created: string;
  offered: string | null;
}

interface Stages {
  relay: number[];
  queueWait: number[];
  toOffer: number[];
  commit: number[];
}

/**
 * Where each ticket's time went, from the server's own stamps: created → the relay's add to the queue (BullMQ's
 * job timestamp), → a worker picking it up (processedOn), → the offer stamped, → the job done (finishedOn).
 */
async function traceStages(c: LatencyContext, rows: readonly TicketTimes[]): Promise<Stages | null> {
  if (!c.redis) return null;
  const { Redis } = await import('ioredis');
  const redis = new Redis(c.redis.url, { maxRetriesPerRequest: 1 });
  try {
    const pipeline = redis.pipeline();
    // A new ticket's first dispatch job: cycle 1, under the id its builder gives it.
    for (const r of rows)
      pipeline.hmget(
        `${c.redis.prefix}:jobs:${dispatchJob({ id: Number(r.id), dispatchCycle: 1 }).jobId}`,
        'timestamp',
        'processedOn',
        'finishedOn',
      );
    const answers = (await pipeline.exec()) ?? [];
    const stages: Stages = { relay: [], queueWait: [], toOffer: [], commit: [] };
    rows.forEach((r, i) => {
      const [added, processed, finished] = ((answers[i]?.[1] as Array<string | null>) ?? []).map(Number);
      if (!r.offered || !added || !processed || !finished) return;
      const created = epochMs(r.created);
      const offered = epochMs(r.offered);
      stages.relay.push(added - created);
      stages.queueWait.push(processed - added);
      stages.toOffer.push(offered - processed);
      stages.commit.push(finished - offered);
    });
    return stages.relay.length > 0 ? stages : null;
  } finally {
    redis.disconnect();
  }
}

function describeStages(s: Stages | null): string {
  if (!s) return '';
  const part = (label: string, xs: number[]) => `${label} p50 ${ms(percentile(xs, 50))} / p99 ${ms(percentile(xs, 99))}`;
  return (
    'per stage: ' +
    [
      part('created → relayed to the queue', s.relay),
      part('→ picked up by a worker', s.queueWait),
      part('→ offer stamped', s.toOffer),
      part('→ job committed', s.commit),
    ].join(', ')
  );
}

/**
 * pacing 'even' (the judged row): one ticket every 1/rate s. 'bursts': autocannon's fixed rate, which sends each
 * second's tickets together at the start of the second (an extra row: how a burst of a second's intake drains).
 */
export async function intakeToOfferedRow(c: LatencyContext, pacing: 'even' | 'bursts' = 'even'): Promise<Row> {
  // The scan and intake rows ran without a worker: their tickets are dispatched first (timed, for context).
  const drainStart = Date.now();
  const queued = await countUndispatched(c.db);
  const backlog = await waitDispatched(c.db, 600_000);
  const drainSeconds = (Date.now() - drainStart) / 1000;
  const [{ last }] = await c.db.all<{ last: number | string | null }>('SELECT MAX(id) AS last FROM tickets');
  const afterId = Number(last ?? 0);
  const sent = await c.cannon.run({
    pacing,
    origin: c.api.origin,
    method: 'POST',
    path: '/api/public/tickets',
    rate: c.mode.latencyRate,
    connections: 50,
    seconds: c.mode.latencySeconds,
    warmupSeconds: 0,
    headers: { 'content-type': 'application/json' },
    uniqueKeyHeader: 'idempotency-key',
    keyPrefix: `bench-latency-${pacing}`,
    bodies: c.assetCodes.map((assetCode) =>
      JSON.stringify({ assetCode, description: '压测：门禁刷卡无反应', contactPhone: '13900000001' }),
    ),
  });
  // Where a backlog sits when sending stops: not yet relayed from the outbox, or relayed and waiting for a worker.
  const [{ n: unrelayed }] = await c.db.all<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM outbox WHERE sentAt IS NULL AND jobName = 'ticket.dispatch'",
  );
  const [{ n: waiting }] = await c.db.all<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM tickets WHERE tenantId = ? AND status = 'new' AND needsDispatcher = 0",
    [c.tenantId],
  );
  const left = await waitDispatched(c.db, 60_000);
  // Both instants come from the server's clock: the 'created' and the first 'offered' event of each ticket.
  const rows = await c.db.all<TicketTimes>(
    `SELECT t.id AS id, t.createdAt AS created, MIN(e.createdAt) AS offered FROM tickets t
     LEFT JOIN ticket_events e ON e.ticketId = t.id AND e.type = 'offered'
     WHERE t.tenantId = ? AND t.id > ? GROUP BY t.id, t.createdAt`,
    [c.tenantId, afterId],
  );
  const latencies = rows.flatMap((r) => (r.offered ? [epochMs(r.offered) - epochMs(r.created)] : []));
  const missing = rows.length - latencies.length;
  const stages = await traceStages(c, rows);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const ok = missing === 0 && latencies.length > 0 && p99 <= 250;
  return {
    path:
      pacing === 'even'
        ? `intake → engineer offered (${c.queue}), ${c.mode.latencyRate} tickets/s for ${c.mode.latencySeconds} s, evenly paced`
        : `extra: intake → engineer offered, ${c.mode.latencyRate} tickets/s in bursts (each second's tickets sent at once, autocannon's rate)`,
    measured:
      `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...latencies))} over ${num(latencies.length)} tickets ` +
      `(${num(sent.rps)} tickets/s achieved)`,
    baseline: '—',
    ratio: null,
    bar: pacing === 'even' ? 'p99 ≤ 250 ms at 100 tickets/s' : '— (the bar is judged at an even pace; shown for bursts)',
    verdict: pacing === 'bursts' ? 'n/a' : ok ? 'pass' : 'fail',
    note:
      [
        missing > 0 ? `${missing} tickets not offered within 60 s` : '',
        left > 0 ? `${left} tickets still waiting for dispatch` : '',
        backlog > 0 ? `started with a backlog of ${backlog}` : '',
        queued > 0
          ? `before sending, the worker dispatched the ${num(queued)} tickets the intake rows had filed in ${drainSeconds.toFixed(0)} s (${num(queued / Math.max(drainSeconds, 0.001))} tickets/s)`
          : '',
        `when sending stopped ${num(Number(waiting))} tickets were still waiting for dispatch, ` +
          `${num(Number(unrelayed))} of their jobs not yet relayed from the outbox`,
        sent.non2xx + sent.errors > 0 ? `${sent.non2xx + sent.errors} intake requests failed` : '',
        describeStages(stages),
      ]
        .filter(Boolean)
        .join('; ') || undefined,
    data: {
      p50,
      p99,
      count: latencies.length,
      missing,
      sentRps: sent.rps,
      intakeP99: sent.p99,
      waiting: Number(waiting),
      unrelayed: Number(unrelayed),
      ...(stages
        ? {
            relayP99: percentile(stages.relay, 99),
            queueWaitP99: percentile(stages.queueWait, 99),
            toOfferP99: percentile(stages.toOffer, 99),
            commitP99: percentile(stages.commit, 99),
          }
        : {}),
    },
  };
}
