import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { ConfigError, type Config } from './config';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './lib/private-files';
import type { Deps } from './deps';
import { openDatabase, type Database } from './db/database';
import { onNote } from './db/commit-listener';
import { MemoryKv, RedisKv } from './lib/kv';
import { systemClock, type Clock } from './lib/clock';
import { createLogger, type Logger } from './lib/logger';
import { MemoryQueue } from './queue/memory-queue';
import { BullmqQueue } from './queue/bullmq-queue';
import { OutboxRelay } from './queue/outbox';
import type { JobQueue } from './queue/queue';
import { sweepDispatch } from './modules/dispatch/dispatch.jobs';
import { sweepNotifications } from './modules/notifications/notifications.jobs';
import { newKpiSeen, sweepKpis } from './modules/reports/kpi.rollup';
import { IntakeBatcher } from './modules/intake/intake.batch';
import { newRosterCache } from './modules/dispatch/dispatch.roster';
import { newCountsInFlight } from './modules/desk/ticket-list';
import { isJobName, JOBS, jobPriority, runJob } from './jobs';
import { createApp } from './app';
import { createWechat } from './wechat/setup';
import { newAssetCodeCache, touchAssets } from './modules/assets/scan-cache';
import { createMetrics } from './metrics/metrics';
import { startMetricsServer } from './metrics/metrics.http';
import { sweepUnclaimedUploads } from './modules/uploads/uploads.service';
import { TicketBus } from './modules/desk/desk.bus';
import { createSlaState } from './modules/sla/sla.state';
import { syncStatutoryHolidays } from './modules/sla/holidays.service';
import { sweepEscalations } from './modules/escalation/escalation.service';
import { markSettledForSlaSweep } from './modules/sla/sla.backfill';
import { ensureCatalog } from './modules/billing/catalog.service';
import { finalizeDue } from './modules/billing/invoices.service';
import { requireModule } from './modules/billing/entitlements';
import { meterOne, meterStorage } from './modules/billing/metering';
import { ApiCallMeter } from './modules/billing/api-calls';
import { KbPublicIndex } from './modules/kb/kb.index';
import { sweepPm } from './modules/pm/pm.generate';
import { resolvePmChecklist } from './modules/pm/pm.checklist';
import { parseLowStockNote } from './modules/parts/low-stock.note';

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

/** JWT secret: from the environment in production (every API and worker must share it); generated once and kept in DATA_DIR otherwise. */
function resolveJwtSecret(config: Config): string {
  if (config.jwtSecret) return config.jwtSecret;
  if (config.env === 'production') {
    throw new ConfigError(
      'JWT_SECRET must be set when NODE_ENV=production, the same value for every API and worker process ' +
        '(e.g. `openssl rand -base64 32`); 生产环境必须设置 JWT_SECRET',
    );
  }
  const file = path.join(config.dataDir, 'jwt-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    ensurePrivateDir(config.dataDir);
    const secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: PRIVATE_FILE_MODE });
    return secret;
  }
}

/** OPERATOR_TOKEN: required in production with billing on; otherwise generated once into DATA_DIR and printed. */
function resolveOperatorToken(config: Config, log: Logger): string {
  if (config.billing.operatorToken) return config.billing.operatorToken;
  if (config.env === 'production' && config.billing.enabled)
    throw new ConfigError(
      "OPERATOR_TOKEN must be set when NODE_ENV=production and BILLING=on (the operator API's bearer secret, at least 24 characters), or set BILLING=off",
    );
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
  const jwtSecret = resolveJwtSecret(config);
  const log = opts.log ?? createLogger(config.logLevel);
  const db =
    opts.db ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      sqliteFile: path.join(config.dataDir, 'baoxiu.sqlite'),
    }));
  const queue: JobQueue = config.redisUrl
    ? new BullmqQueue(config.redisUrl, config.queuePrefix, log, config.workerLockMs)
    : new MemoryQueue(log);
  const kv = config.redisUrl ? new RedisKv(config.redisUrl, config.queuePrefix, log) : new MemoryKv();
  const clock = opts.clock ?? systemClock;
  const relay = new OutboxRelay(db, queue, clock, log, opts.relayIntervalMs, jobPriority);
  const wechat = createWechat(config, kv, log);
  const deps: Deps = {
    config,
    db,
    queue,
    relay,
    kv,
    clock,
    log,
    jwtSecret,
    wechat: wechat.client,
    wechatMode: wechat.mode,
    intake: new IntakeBatcher({ db, clock, log }),
    rosters: newRosterCache(),
    assetCodes: newAssetCodeCache(),
    kpiSeen: newKpiSeen(),
    countsInFlight: newCountsInFlight(),
    metrics: createMetrics({ db, queue, clock }),
    ticketBus: new TicketBus(config.redisUrl, config.queuePrefix, log),
    sla: createSlaState(),
    operatorToken: resolveOperatorToken(config, log),
    requireModule: (tenantId, module) => requireModule(deps, tenantId, module),
    meterOne,
    apiCalls: new ApiCallMeter({ db, clock, log }),
    kbIndex: new KbPublicIndex({ db, clock }),
    onResolve: resolvePmChecklist,
  };
  // Every post-commit hook, in one place: each runs only after a commit that noted its kind.
  db.onCommit(
    [
      onNote('scan-cache', 'assetChanged', (assetIds) => touchAssets(deps, assetIds)),
      onNote('outbox-relay', 'outboxWritten', () => deps.relay.kick()),
      // Not awaited: the committing request does not wait for Redis to tell the desks.
      onNote('desk-stream', 'ticketChanged', (tickets) => {
        void deps.ticketBus.publish([...tickets]);
      }),
      // The console's GET /api/stock/low lists them; the log says so once per crossing.
      onNote('low-stock', 'lowStock', (parts) => {
        for (const p of parts) log.warn(parseLowStockNote(p), 'part at or below its minimum stock');
      }),
    ],
    (err, hook) => log.error({ err, hook }, 'post-commit hook failed; the transaction stays committed'),
  );
  return deps;
}

/** Consumes jobs: each payload is checked against its job's schema before the handler sees it. */
export function startWorker(deps: Deps, sweepIntervalMs = 5_000): () => void {
  // Test hook, honoured only when NODE_ENV=test: the reliability suite slows every job down so it can kill a worker mid-job.
  const testDelayMs = deps.config.env === 'test' ? Number(process.env.BAOXIU_TEST_JOB_DELAY_MS ?? 0) : 0;
  deps.queue.process(async (name, payload) => {
    if (!isJobName(name)) throw new Error(`unknown job ${name}`);
    if (testDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, testDelayMs));
    await runJob(JOBS[name], deps, payload);
  }, deps.config.workerConcurrency);
  if (sweepIntervalMs <= 0) return () => undefined;
  let sweeping = false;
  let rollingUp = false;
  let invoicedAt = 0;
  let storageAt = 0;
  // PM visits: at start, then once a minute (idempotent: the occurrence's unique key decides, whichever worker runs).
  let generating = false;
  let generatedAt = 0;
  const generatePm = () => {
    if (generating || Date.now() - generatedAt < 60_000) return;
    generating = true;
    generatedAt = Date.now();
    sweepPm(deps)
      .catch((err: unknown) => deps.log.warn({ err }, 'PM generation sweep failed'))
      .finally(() => {
        generating = false;
      });
  };
  generatePm();
  const timer = setInterval(() => {
    generatePm();
    if (!sweeping) {
      sweeping = true;
      Promise.all([sweepDispatch(deps), sweepNotifications(deps), sweepUnclaimedUploads(deps), sweepEscalations(deps)])
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
      // Storage is a level read from the uploads in one grouped query: every five minutes.
      const storage = deps.config.billing.enabled && Date.now() - storageAt > 300_000;
      if (storage) storageAt = Date.now();
      Promise.all([sweepKpis(deps), invoicing ? finalizeDue(deps) : null, storage ? meterStorage(deps) : null])
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
  await syncStatutoryHolidays(deps);
  await ensureCatalog(deps);
  // SQLite has no migrations: tickets settled before SLA outcomes were recorded are handed to the sweep here (MySQL: migration 1796174100000).
  if (deps.db.kind === 'sqlite') {
    const marked = await markSettledForSlaSweep(deps, deps.clock.now());
    if (marked > 0) deps.log.info({ tickets: marked }, 'settled tickets without SLA outcomes handed to the sweep');
  }
  deps.relay.start();
  const stopSweeper = config.role !== 'api' ? startWorker(deps, opts.sweepIntervalMs) : () => undefined;
  let server: http.Server | null = null;
  if (config.role !== 'worker') {
    await opts.beforeListen?.(deps);
    deps.apiCalls.start();
    server = http.createServer(createApp(deps).callback());
    server.keepAliveTimeout = 5_000;
    await listen(server, config.port, config.host);
  }
  const metricsServer = config.metrics.port ? await startMetricsServer(deps, config.metrics.port) : null;
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (server) {
        const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
        server.closeIdleConnections();
        // Open desk streams never go idle: end them, or close() waits for ever.
        await deps.ticketBus.close();
        await closed;
      }
      metricsServer?.close();
      metricsServer?.closeAllConnections(); // a scraper's keep-alive connection must not hold the shutdown
      stopSweeper();
      if (!server) await deps.ticketBus.close(); // with an API it was closed above, before the connections
      await deps.apiCalls.stop();
      await deps.relay.stop();
      await deps.queue.close();
      await deps.kv.close();
      await deps.db.close();
    })();
    return stopping;
  };
  return { deps, server, stop };
}
