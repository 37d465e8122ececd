/** Scan landing and intake under autocannon, each next to its bare baseline measured in the same run. */
import type { Cannon, CannonJob, CannonResult } from '../load/cannon';
import { startBaseline, type BaselineKind, type Running, type ServerEnv } from '../processes';
import type { BenchMode } from '../options';
import { ms, num, type Row } from '../report';

export interface ThroughputContext {
  cannon: Cannon;
  api: Running;
  env: ServerEnv;
  mode: BenchMode;
  assetCodes: string[];
}

const show = (r: CannonResult) => `${num(r.rps)} req/s (p50 ${ms(r.p50)}, p99 ${ms(r.p99)})`;
const failures = (r: CannonResult) => r.non2xx + r.errors + r.timeouts;
const failNote = (r: CannonResult, what: string) =>
  failures(r) > 0
    ? `${num(failures(r))} of ${num(r.requests)} ${what} requests failed (non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts})`
    : undefined;

async function withBaseline<T>(kind: BaselineKind, env: ServerEnv, fn: (b: Running) => Promise<T>): Promise<T> {
  const b = await startBaseline(kind, env);
  try {
    return await fn(b);
  } finally {
    await b.stop();
  }
}

function intakeBodies(codes: string[]): string[] {
  return codes.map((assetCode, i) =>
    JSON.stringify({
      assetCode,
      description: `压测：空调不制冷 ${i}`,
      contactPhone: '13900000000',
      urgency: 'normal',
    }),
  );
}

export async function scanRows(c: ThroughputContext): Promise<Row[]> {
  const job = (origin: string): CannonJob => ({
    origin,
    method: 'GET',
    path: '/',
    paths: c.assetCodes.map((code) => `/api/public/assets/${code}`),
    connections: c.mode.connections,
    seconds: c.mode.loadSeconds,
    warmupSeconds: c.mode.warmupSeconds,
  });
  const base = await withBaseline('scan', c.env, (b) => c.cannon.run(job(b.origin)));
  const real = await c.cannon.run(job(c.api.origin));
  const ratio = real.rps / base.rps;
  return [
    {
      path: 'scan landing `GET /api/public/assets/:code` — throughput',
      measured: show(real),
      baseline: `${show(base)} bare Koa + 1 ${c.env.redisUrl ? 'Redis' : 'in-memory'} GET`,
      ratio,
      bar: '≥ 60 % of baseline',
      verdict: ratio >= 0.6 && failures(real) === 0 ? 'pass' : 'fail',
      note: failNote(real, 'scan'),
      data: { real, baseline: base },
    },
    {
      path: 'scan landing — p99 at 50 connections',
      measured: ms(real.p99),
      baseline: ms(base.p99),
      ratio: real.p99 / Math.max(base.p99, 0.01),
      bar: 'p99 ≤ 15 ms',
      verdict: real.p99 <= 15 ? 'pass' : 'fail',
      data: { p99: real.p99, baselineP99: base.p99 },
    },
  ];
}

export async function intakeRows(c: ThroughputContext): Promise<Row[]> {
  const bodies = intakeBodies(c.assetCodes);
  const job = (origin: string, rate?: number, prefix = 'max'): CannonJob => ({
    origin,
    method: 'POST',
    path: '/api/public/tickets',
    bodies,
    rate,
    headers: { 'content-type': 'application/json' },
    uniqueKeyHeader: 'idempotency-key',
    keyPrefix: `bench-${prefix}`,
    connections: c.mode.connections,
    seconds: c.mode.loadSeconds,
    warmupSeconds: c.mode.warmupSeconds,
  });
  const store = c.env.databaseUrl ? 'mysql2 INSERT' : 'better-sqlite3 INSERT';
  const kv = c.env.redisUrl ? 'Redis INCR' : 'in-memory INCR';
  const [base, baseAtRate] = await withBaseline('intake', c.env, async (b) => [
    await c.cannon.run(job(b.origin)),
    await c.cannon.run(job(b.origin, c.mode.intakeRate, 'rate')),
  ]);
  const real = await c.cannon.run(job(c.api.origin));
  const atRate = await c.cannon.run(job(c.api.origin, c.mode.intakeRate, 'rate'));
  const ratio = real.rps / base.rps;
  return [
    {
      path: 'intake `POST /api/public/tickets` — throughput',
      measured: show(real),
      baseline: `${show(base)} bare node:http + 1 ${store} + 1 ${kv}`,
      ratio,
      bar: '≥ 50 % of baseline',
      verdict: ratio >= 0.5 && failures(real) === 0 ? 'pass' : 'fail',
      note: failNote(real, 'intake'),
      data: { real, baseline: base },
    },
    {
      path: `intake — p99 at ${c.mode.intakeRate} req/s`,
      measured: `${ms(atRate.p99)} (p50 ${ms(atRate.p50)}, ${num(atRate.rps)} req/s sent)`,
      baseline: `${ms(baseAtRate.p99)} (p50 ${ms(baseAtRate.p50)})`,
      ratio: atRate.p99 / Math.max(baseAtRate.p99, 0.01),
      bar: `p99 ≤ 50 ms at ${c.mode.intakeRate} req/s`,
      verdict: atRate.p99 <= 50 && failures(atRate) === 0 ? 'pass' : 'fail',
      note: failNote(atRate, 'intake'),
      data: { real: atRate, baseline: baseAtRate },
    },
  ];
}
