/** Intake → offered: tickets filed at a fixed rate, each timed from its commit to its offer through the real queue. */
import type { Cannon } from '../load/cannon';
import type { Running } from '../processes';
import type { BenchMode } from '../options';
import { countUndispatched, epochMs, waitDispatched, type DbReader } from '../db-reader';
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
}

export async function intakeToOfferedRow(c: LatencyContext): Promise<Row> {
  // The scan and intake rows ran without a worker: their tickets are dispatched first (timed, for context).
  const drainStart = Date.now();
  const queued = await countUndispatched(c.db);
  const backlog = await waitDispatched(c.db, 600_000);
  const drainSeconds = (Date.now() - drainStart) / 1000;
  const sent = await c.cannon.run({
    origin: c.api.origin,
    method: 'POST',
    path: '/api/public/tickets',
    rate: c.mode.latencyRate,
    connections: 50,
    seconds: c.mode.latencySeconds,
    warmupSeconds: 0,
    headers: { 'content-type': 'application/json' },
    uniqueKeyHeader: 'idempotency-key',
    keyPrefix: 'bench-latency',
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
  const rows = await c.db.all<{ created: string; offered: string | null }>(
    `SELECT t.createdAt AS created, MIN(e.createdAt) AS offered FROM tickets t
     LEFT JOIN ticket_events e ON e.ticketId = t.id AND e.type = 'offered'
     WHERE t.tenantId = ? GROUP BY t.id, t.createdAt`,
    [c.tenantId],
  );
  const latencies = rows.flatMap((r) => (r.offered ? [epochMs(r.offered) - epochMs(r.created)] : []));
  const missing = rows.length - latencies.length;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const ok = missing === 0 && latencies.length > 0 && p99 <= 250;
  return {
    path: `intake → engineer offered (${c.queue}), ${c.mode.latencyRate} tickets/s for ${c.mode.latencySeconds} s`,
    measured:
      `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...latencies))} over ${num(latencies.length)} tickets ` +
      `(${num(sent.rps)} tickets/s achieved)`,
    baseline: '—',
    ratio: null,
    bar: 'p99 ≤ 250 ms at 100 tickets/s',
    verdict: ok ? 'pass' : 'fail',
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
    },
  };
}
