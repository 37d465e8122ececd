import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Config } from './config';
import type { Deps } from './deps';
import { openDatabase, type Database } from './db/database';
import { MemoryKv, RedisKv } from './lib/kv';
import { systemClock, type Clock } from './lib/clock';
import { createLogger, type Logger } from './lib/logger';
import { MemoryQueue } from './queue/memory-queue';
import { BullmqQueue } from './queue/bullmq-queue';
import { OutboxRelay } from './queue/outbox';
import type { JobQueue } from './queue/queue';
import { sweepDispatch } from './modules/dispatch/dispatch.jobs';
import { sweepNotifications } from './modules/notifications/notifications.jobs';
import { sweepKpis } from './modules/reports/kpi.rollup';
import { JOBS, jobPriority } from './queue/jobs';
import { createApp } from './app';
import { createWechat } from './wechat/setup';
import { touchAssets } from './modules/assets/scan-cache';
import { ensureCatalog } from './modules/billing/catalog.service';
import { finalizeDue } from './modules/billing/invoices.service';

export interface SystemOptions {
  clock?: Clock;
  log?: Logger;
  db?: Database;
  /** Relay poll interval; tests shorten it. */
  relayIntervalMs?: number;
  /** Sweeper interval; 0 disables it (tests drive time themselves). */
  sweepIntervalMs?: number;
  /** Runs before the API accepts connections (the demo seed), so "ready" means ready to sign in. */
  beforeListen?: (deps: Deps) => Promise<void>;
}

export interface System {
  deps: Deps;
  server: http.Server | null;
  stop(): Promise<void>;
}

/** JWT secret: from the environment in production; generated once and kept in DATA_DIR otherwise. */
function resolveJwtSecret(config: Config): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = path.join(config.dataDir, 'jwt-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** OPERATOR_TOKEN: required in production with billing on; otherwise generated once into DATA_DIR and printed. */
function resolveOperatorToken(config: Config, log: Logger): string {
  if (config.billing.operatorToken) return config.billing.operatorToken;
  if (config.env === 'production' && config.billing.enabled) throw new Error('OPERATOR_TOKEN is required when NODE_ENV=production and BILLING=on');
  const file = path.join(config.dataDir, 'operator-token');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const token = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, token, { mode: 0o600 });
    log.info({ file }, `operator token generated (Authorization: Bearer ${token}); it is kept in ${file}`);
    return token;
  }
}

export async function buildDeps(config: Config, opts: SystemOptions = {}): Promise<Deps> {
  const log = opts.log ?? createLogger(config.logLevel);
  const db = opts.db ?? (await openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'baoxiu.sqlite'),
  }));
  const queue: JobQueue = config.redisUrl ? new BullmqQueue(config.redisUrl, config.queuePrefix, log, config.workerLockMs) : new MemoryQueue(log);
  const kv = config.redisUrl ? new RedisKv(config.redisUrl, config.queuePrefix, log) : new MemoryKv();
  const clock = opts.clock ?? systemClock;
  const relay = new OutboxRelay(db, queue, clock, log, opts.relayIntervalMs, jobPriority);
  const wechat = createWechat(config, kv, log);
  const deps: Deps = { config, db, queue, relay, kv, clock, log, jwtSecret: resolveJwtSecret(config), wechat: wechat.client, wechatMode: wechat.mode, operatorToken: resolveOperatorToken(config, log) };
  db.onCommit((notice) => touchAssets(deps, notice));
  return deps;
}

/** Consumes jobs: each payload is checked against its job's schema before the handler sees it. */
export function startWorker(deps: Deps, sweepIntervalMs = 5_000): () => void {
  // Test hook, honoured only when NODE_ENV=test: the reliability suite slows every job down so it can kill a worker mid-job.
  const testDelayMs = deps.config.env === 'test' ? Number(process.env.BAOXIU_TEST_JOB_DELAY_MS ?? 0) : 0;
  deps.queue.process(async (name, payload) => {
    const job = JOBS[name];
    if (!job) throw new Error(`unknown job ${name}`);
    if (testDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, testDelayMs));
    await job.handle(deps, job.payloadSchema.parse(payload));
  }, deps.config.workerConcurrency);
  if (sweepIntervalMs <= 0) return () => undefined;
  let sweeping = false;
  let rollingUp = false;
  let invoicedAt = 0;
  const timer = setInterval(() => {
    if (!sweeping) {
      sweeping = true;
      Promise.all([sweepDispatch(deps), sweepNotifications(deps)])
        .catch((err: unknown) => deps.log.warn({ err }, 'dispatch sweep failed'))
        .finally(() => {
          sweeping = false;
        });
    }
    // Apart from the dispatch sweep: a long KPI pass (a first backfill) must not hold up offer timeouts.
    if (!rollingUp) {
      rollingUp = true;
      // Invoices at period end: a pass a minute is plenty (it is idempotent, and cheap when nothing is due).
      const invoicing = deps.config.billing.enabled && Date.now() - invoicedAt > 60_000;
      if (invoicing) invoicedAt = Date.now();
      Promise.all([sweepKpis(deps), invoicing ? finalizeDue(deps) : null])
        .catch((err: unknown) => deps.log.warn({ err }, 'KPI rollup / invoice sweep failed'))
        .finally(() => {
          rollingUp = false;
        });
    }
  }, sweepIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/**
 * Starts what config.role asks for: the API, the worker, or both (the embedded default).
 * stop() drains: no new connections, in-flight requests finish, running jobs finish, then close.
 */
export async function startSystem(config: Config, opts: SystemOptions = {}): Promise<System> {
  const deps = await buildDeps(config, opts);
  await ensureCatalog(deps);
  deps.relay.start();
  const stopSweeper = config.role !== 'api' ? startWorker(deps, opts.sweepIntervalMs) : () => undefined;
  let server: http.Server | null = null;
  if (config.role !== 'worker') {
    await opts.beforeListen?.(deps);
    server = http.createServer(createApp(deps).callback());
    server.keepAliveTimeout = 5_000;
    await listen(server, config.port, config.host);
  }
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (server) {
        const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
      }
      stopSweeper();
      await deps.relay.stop();
      await deps.queue.close();
      await deps.kv.close();
      await deps.db.close();
    })();
    return stopping;
  };
  return { deps, server, stop };
}
