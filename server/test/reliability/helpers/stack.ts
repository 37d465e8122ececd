import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import { loadConfig } from '../../../src/config';
import { buildDeps } from '../../../src/system';
import type { Deps } from '../../../src/deps';
import { createScratchDatabase } from '../../../src/db/scratch';
import { Ticket } from '../../../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../../../src/modules/tickets/ticket-event.entity';
import { Offer } from '../../../src/modules/dispatch/offer.entity';
import { freePort, hasRedisServer, TestRedis } from '../../helpers/redis-server';
import { makeAsset, makeEngineers, makeTenant, type TestTenant } from '../../helpers/factories';
import { ServerProcess } from './processes';

/** Real processes need MariaDB and a redis-server binary; CI provides both. */
export const reliabilitySkipReason = !process.env.DATABASE_URL
  ? 'the reliability suite needs DATABASE_URL (MariaDB) — CI sets it; e.g. DATABASE_URL=mysql://root@127.0.0.1:3306/test'
  : !hasRedisServer
    ? 'the reliability suite needs the redis-server binary (apt-get install redis-server)'
    : null;

/** `describe` when the suite can run, otherwise `describe.skip` under a title that says why. */
export function describeReliability(title: string, fn: () => void): void {
  if (reliabilitySkipReason) {
    // Jest does not print the titles of a wholly skipped file: say it on the console as well.
    process.stderr.write(`[reliability] "${title}" skipped: ${reliabilitySkipReason}\n`);
    describe.skip(`${title} — skipped: ${reliabilitySkipReason}`, fn);
  } else {
    describe(title, fn);
  }
}

export interface Stack {
  /** The test's own handle on the scratch database, for seeding and SQL checks (its queue is never started). */
  deps: Deps;
  databaseUrl: string;
  redis: TestRedis;
  /** BullMQ's key prefix of this stack: its queue is `<prefix>:jobs`. */
  queuePrefix: string;
  /** Starts an API or worker process on this stack; every one is killed by stop(). */
  spawn(name: string, role: 'api' | 'worker', env?: Record<string, string>): Promise<ServerProcess>;
  /** Every process started on this stack, for `explained`. */
  processes(): ServerProcess[];
  stop(): Promise<void>;
}

/** A scratch MariaDB database, a Redis of its own (append-only file, as docker-compose runs it) and a shared JWT secret. */
export async function startStack(opts: { apiDatabaseUrl?: (url: string) => string } = {}): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-rel-'));
  const scratch = await createScratchDatabase(process.env.DATABASE_URL as string, 'bx_rel');
  const redis = new TestRedis(await freePort(), ['--appendonly', 'yes', '--dir', dataDir]);
  await redis.start();
  const jwtSecret = randomBytes(24).toString('base64url');
  const prefix = `bxr${randomBytes(4).toString('hex')}`;
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: scratch.url, JWT_SECRET: jwtSecret, LOG_LEVEL: 'silent' });
  const deps = await buildDeps(config); // runs the migrations before any process starts
  const processes: ServerProcess[] = [];
  return {
    deps,
    databaseUrl: scratch.url,
    redis,
    queuePrefix: prefix,
    async spawn(name, role, env = {}) {
      const port = role === 'api' ? String(await freePort()) : '0';
      const proc = ServerProcess.start(name, role, {
        NODE_ENV: 'test',
        PORT: port,
        HOST: '127.0.0.1',
        DATA_DIR: path.join(dataDir, name),
        JWT_SECRET: jwtSecret,
        DATABASE_URL: opts.apiDatabaseUrl?.(scratch.url) ?? scratch.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: prefix,
        // Workers log their "ready" line at info; the API stays at warn so 10,000 request lines do not slow it down.
        LOG_LEVEL: role === 'worker' ? 'info' : 'warn',
        SEED_DEMO: 'false',
        H5_DIR: path.join(dataDir, 'no-h5'),
        RATE_LIMIT_TICKETS_PER_IP: '0',
        RATE_LIMIT_TICKETS_PER_ASSET: '0',
        RATE_LIMIT_UPLOADS_PER_IP: '0',
        ...env,
      });
      processes.push(proc);
      if (role === 'api') await proc.waitReady();
      else await proc.waitForLine(/"msg":"ready"/);
      return proc;
    },
    processes: () => processes,
    async stop() {
      await Promise.all(processes.map((p) => p.kill()));
      await deps.queue.close();
      await deps.kv.close();
      await deps.db.close();
      await redis.stop();
      await scratch.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tenant in auto-dispatch mode with one asset and `engineers` engineers on duty who can take anything. */
export async function seedTenant(deps: Deps, engineers: number): Promise<{ tenant: TestTenant; assetCode: string }> {
  const tenant = await makeTenant(deps, { dispatchMode: 'auto', offerTimeoutSeconds: 3_600 });
  const asset = await makeAsset(deps, tenant.id, tenant.siteIds[0], { category: null });
  await makeEngineers(deps, tenant.id, engineers);
  return { tenant, assetCode: asset.code };
}

/** How often each ticket was offered: its 'offered' events and its offer rows. */
export async function dispatchCounts(deps: Deps, numbers: string[]) {
  const ds = deps.db.ds;
  const tickets = await ds.getRepository(Ticket).findBy({ number: In(numbers) });
  const ids = tickets.map((t) => t.id);
  const events = ids.length ? await ds.getRepository(TicketEvent).findBy({ ticketId: In(ids), type: 'offered' }) : [];
  const offers = ids.length ? await ds.getRepository(Offer).findBy({ ticketId: In(ids) }) : [];
  const per = (rows: Array<{ ticketId: number }>) => tickets.map((t) => rows.filter((r) => r.ticketId === t.id).length);
  return { tickets, offeredEvents: per(events), offers: per(offers) };
}
