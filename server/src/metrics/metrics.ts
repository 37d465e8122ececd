import { IsNull } from 'typeorm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/database';
import type { Clock } from '../lib/clock';
import type { JobQueue } from '../queue/queue';
import { OutboxRow } from '../queue/outbox.entity';

/** The process's Prometheus metrics (names and labels listed in docs/metrics.md). One registry per system. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  loginFailures: Counter<'route' | 'code'>;
  wechatSends: Counter<'outcome'>;
  createdToOffered: Histogram;
}

export interface MetricSources {
  db: Database;
  queue: JobQueue;
  clock: Clock;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DISPATCH_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];

async function oldestUnrelayed(db: Database): Promise<Date | null> {
  const row = await db.ds
    .getRepository(OutboxRow)
    .findOne({ where: { sentAt: IsNull() }, order: { id: 'ASC' }, select: { id: true, createdAt: true } });
  return row?.createdAt ?? null;
}

export function createMetrics(src: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Outbox rows carry the app clock's time; queue timestamps are the wall clock's (Redis / the in-process timers).
  const ageSeconds = (at: number | null, now: number) => (at === null ? 0 : Math.max(0, (now - at) / 1000));

  new Gauge({
    name: 'baoxiu_queue_jobs',
    help: 'Jobs in the queue by state (waiting includes prioritized)',
    labelNames: ['queue', 'kind', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // A queue out of reach shows as missing series (and /readyz says so), not as an empty queue.
      const s = await src.queue.stats().catch(() => null);
      if (!s) return;
      for (const state of ['waiting', 'delayed', 'active'] as const) this.set({ queue: s.name, kind: src.queue.kind, state }, s[state]);
    },
  });
  new Gauge({
    name: 'baoxiu_queue_oldest_waiting_age_seconds',
    help: 'Age of the oldest job ready to run but not yet taken by a worker (0 when none waits)',
    labelNames: ['queue', 'kind'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const s = await src.queue.stats().catch(() => null);
      if (s) this.set({ queue: s.name, kind: src.queue.kind }, ageSeconds(s.oldestWaitingAt, Date.now()));
    },
  });
  new Gauge({
    name: 'baoxiu_outbox_lag_seconds',
    help: 'Age of the oldest outbox row not yet relayed to the queue (0 when all are relayed)',
    registers: [registry],
    async collect() {
      this.reset();
      const at = await oldestUnrelayed(src.db).catch(() => undefined);
      if (at !== undefined) this.set(ageSeconds(at ? at.getTime() : null, src.clock.now().getTime()));
    },
  });

  return {
    registry,
    httpDuration: new Histogram({
      name: 'baoxiu_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    loginFailures: new Counter({
      name: 'baoxiu_login_failures_total',
      help: 'Refused sign-ins (password, WeChat sign-in and bind) by route and error code',
      labelNames: ['route', 'code'] as const,
      registers: [registry],
    }),
    wechatSends: new Counter({
      name: 'baoxiu_wechat_sends_total',
      help: 'WeChat subscription messages by outcome (sent, refused, retrying, failed, unknown, skipped)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    createdToOffered: new Histogram({
      name: 'baoxiu_dispatch_created_to_offered_seconds',
      help: "From a new ticket's creation to its first offer to an engineer",
      buckets: DISPATCH_SECONDS,
      registers: [registry],
    }),
  };
}
