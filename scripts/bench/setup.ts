/** The bench's own throwaway world: a scratch database (or SQLite dir), a Redis key prefix, a JWT secret. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createScratchDatabase } from '../../server/src/db/scratch';
import type { ServerEnv } from './processes';
import type { SeedTarget } from './seed-tickets';

export interface BenchWorld extends ServerEnv {
  kind: 'mysql' | 'sqlite';
  seedTarget: SeedTarget;
  sqliteFile: string;
  cleanup(): Promise<void>;
}

export async function createWorld(databaseUrl: string | undefined, redisUrl: string | undefined): Promise<BenchWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-bench-'));
  const scratch = databaseUrl ? await createScratchDatabase(databaseUrl, 'bx_bench') : null;
  const queuePrefix = `bxbench${randomBytes(3).toString('hex')}`;
  const sqliteFile = path.join(dataDir, 'baoxiu.sqlite');
  return {
    kind: scratch ? 'mysql' : 'sqlite',
    dataDir,
    databaseUrl: scratch?.url,
    redisUrl,
    jwtSecret: randomBytes(32).toString('base64url'),
    queuePrefix,
    sqliteFile,
    seedTarget: scratch ? { databaseUrl: scratch.url } : { sqliteFile },
    async cleanup() {
      await scratch?.drop();
      if (redisUrl) await dropRedisKeys(redisUrl, queuePrefix);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The run's queue and counter keys, so a shared Redis is left as it was found. */
async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  database: string;
  redis: string;
  loadAverage: number[];
  date: string;
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')[0];
  } catch {
    return 'not found';
  }
}

export async function machineFacts(world: BenchWorld): Promise<MachineFacts> {
  let database = 'SQLite (better-sqlite3, embedded)';
  if (world.databaseUrl) {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection(world.databaseUrl);
    const [rows] = await conn.query('SELECT VERSION() AS v');
    database = `MySQL protocol: ${String((rows as Array<{ v: string }>)[0].v)}`;
    await conn.end();
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    database,
    redis: world.redisUrl
      ? version('redis-server', ['--version']).replace(/^Redis server v=([\d.]+).*/, '$1')
      : 'none (in-process queue and counters)',
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString(),
  };
}

/** The 1-minute load average every 5 s of the run: the machine is shared, and this says how much. */
export function sampleLoad(): { stop(): { min: number; mean: number; max: number; samples: number } } {
  const samples: number[] = [os.loadavg()[0]];
  const timer = setInterval(() => samples.push(os.loadavg()[0]), 5_000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const r = (x: number) => Math.round(x * 10) / 10;
      return {
        min: r(Math.min(...samples)),
        mean: r(samples.reduce((a, b) => a + b, 0) / samples.length),
        max: r(Math.max(...samples)),
        samples: samples.length,
      };
    },
  };
}
