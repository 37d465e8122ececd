import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { loadConfig } from '../../src/config';
import { startSystem, type System } from '../../src/system';
import { openDatabase } from '../../src/db/database';
import { createScratchDatabase } from '../../src/db/scratch';
import { ManualClock, type Clock } from '../../src/lib/clock';
import { createLogger } from '../../src/lib/logger';

export type Driver = 'sqlite' | 'mysql';

/** SQLite always; MariaDB + Redis as well when the environment provides them (CI always does). */
export const DRIVERS: Driver[] = process.env.DATABASE_URL ? ['sqlite', 'mysql'] : ['sqlite'];

export interface TestSystem extends System {
  http: TestAgent;
  baseUrl: string;
  clock: Clock;
  driver: Driver;
}

export interface TestSystemOptions {
  clock?: ManualClock;
  /** Override the Redis used on MySQL runs (the outage test brings its own); null = in-process queue. */
  redisUrl?: string | null;
  sweepIntervalMs?: number;
  env?: Record<string, string>;
}

/** A whole system on a fresh database: SQLite in a temp dir, or a scratch MariaDB database. */
export async function startTestSystem(driver: Driver, opts: TestSystemOptions = {}): Promise<TestSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-test-'));
  const scratch = driver === 'mysql' ? await createScratchDatabase(process.env.DATABASE_URL as string, 'bx_t') : null;
  const redisUrl = opts.redisUrl !== undefined ? opts.redisUrl : driver === 'mysql' ? process.env.REDIS_URL : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_BASE_URL: 'https://bx.example.test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: `bxt${randomBytes(4).toString('hex')}`,
    H5_DIR: path.join(dataDir, 'h5'),
    // Suites file many tickets from one address; the rate-limit test sets its own limits.
    RATE_LIMIT_TICKETS_PER_IP: '0',
    RATE_LIMIT_TICKETS_PER_ASSET: '0',
    RATE_LIMIT_UPLOADS_PER_IP: '0',
    RATE_LIMIT_KB_EVENTS_PER_DEVICE: '0',
    RATE_LIMIT_KB_SUGGESTIONS_PER_IP: '0',
    // A cheaper scrypt than production's 2^17 (suites create many users); the rehash test sets its own costs.
    PASSWORD_SCRYPT_LOG2N: '14',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...opts.env,
  });
  const log = createLogger(config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: path.join(dataDir, 'test.sqlite') });
  const clock = opts.clock ?? new ManualClock(new Date());
  const system = await startSystem(config, { db, log, clock, relayIntervalMs: 100, sweepIntervalMs: opts.sweepIntervalMs ?? 0 });
  const address = system.server?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ...system,
    http: request(baseUrl),
    baseUrl,
    clock,
    driver,
    async stop() {
      await system.stop();
      await scratch?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until check returns a value (dispatch runs on the queue, asynchronously). */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
