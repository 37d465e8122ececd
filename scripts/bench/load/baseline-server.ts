/**
 * Baselines measured in the same run as the real paths (QUALITY.md):
 *   BASELINE=scan    bare Koa handler doing one Redis GET (an in-memory Map without Redis)
 *   BASELINE=intake  bare node:http handler doing one mysql2 INSERT + one Redis call
 *                    (embedded: one better-sqlite3 INSERT + an in-memory counter)
 */
import http from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Koa from 'koa';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import BetterSqlite3 from 'better-sqlite3';

const env = process.env;
const port = Number(env.PORT);
const prefix = `${env.QUEUE_PREFIX ?? 'bench'}:baseline`;

/** Redis when configured, else a Map: the same store choice the server makes. */
function store(): {
  get(k: string): Promise<string | null>;
  set(k: string, v: string): Promise<void>;
  incr(k: string): Promise<number>;
  close(): Promise<void>;
} {
  if (env.REDIS_URL) {
    const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
    return {
      get: (k) => redis.get(k),
      set: async (k, v) => void (await redis.set(k, v, 'EX', 3600)),
      incr: (k) => redis.incr(k),
      close: async () => void (await redis.quit()),
    };
  }
  const map = new Map<string, string>();
  return {
    get: async (k) => map.get(k) ?? null,
    set: async (k, v) => void map.set(k, v),
    incr: async (k) => {
      const n = Number(map.get(k) ?? 0) + 1;
      map.set(k, String(n));
      return n;
    },
    close: async () => undefined,
  };
}

const kv = store();

/** About the size of the real scan answer: an asset, its site and no open tickets. */
const SAMPLE_ASSET = JSON.stringify({
  asset: {
    code: 'F93BYAK8MDXF',
    name: '格力中央空调 1 号机组',
    model: null,
    category: '空调',
    location: '3F',
    site: { name: '浦东科技园 A 座', address: '上海市浦东新区张江路 100 号' },
    inWarranty: true,
    warrantyUntil: '2027-01-01',
  },
  openTickets: [],
});

async function scanBaseline(): Promise<http.Server> {
  await kv.set(`${prefix}:asset`, SAMPLE_ASSET);
  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.path === '/ready') {
      ctx.body = 'ok';
      return;
    }
    ctx.type = 'application/json';
    ctx.body = await kv.get(`${prefix}:asset`);
  });
  return http.createServer(app.callback());
}

type Insert = (row: Array<string | number>) => Promise<void>;

async function inserter(): Promise<{ insert: Insert; close(): Promise<void> }> {
  const ddl = (auto: string, text: string) => `CREATE TABLE IF NOT EXISTS bench_baseline_tickets (
    id INTEGER PRIMARY KEY ${auto}, tenantId INT NOT NULL, assetCode VARCHAR(16) NOT NULL, description ${text} NOT NULL,
    contactPhone VARCHAR(32) NOT NULL, trackingToken VARCHAR(32) NOT NULL UNIQUE, createdAt VARCHAR(30) NOT NULL)`;
  const sql =
    'INSERT INTO bench_baseline_tickets (tenantId, assetCode, description, contactPhone, trackingToken, createdAt) VALUES (?, ?, ?, ?, ?, ?)';
  if (env.DATABASE_URL) {
    // Same pool size as the server's TypeORM pool.
    const pool = mysql.createPool({ uri: env.DATABASE_URL, connectionLimit: 30 });
    await pool.query(ddl('AUTO_INCREMENT', 'TEXT'));
    return { insert: async (row) => void (await pool.execute(sql, row)), close: () => pool.end() };
  }
  const db = new BetterSqlite3(path.join(env.DATA_DIR ?? '.', 'baseline.sqlite'));
  db.pragma('journal_mode = WAL'); // the server's pragmas
  db.pragma('busy_timeout = 5000');
  db.exec(ddl('AUTOINCREMENT', 'TEXT'));
  const stmt = db.prepare(sql);
  return { insert: async (row) => void stmt.run(row), close: async () => void db.close() };
}

async function intakeBaseline(): Promise<http.Server> {
  const db = await inserter();
  return http.createServer((req, res) => {
    if (req.url === '/ready') {
      res.end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      (async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { assetCode: string; description: string; contactPhone: string };
        const token = randomBytes(18).toString('base64url');
        await db.insert([1, body.assetCode, body.description, body.contactPhone, token, new Date().toISOString()]);
        await kv.incr(`${prefix}:tickets`);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ticket: { trackingToken: token, status: 'new' } }));
      })().catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
  });
}

async function main(): Promise<void> {
  const server = env.BASELINE === 'scan' ? await scanBaseline() : await intakeBaseline();
  server.keepAliveTimeout = 5_000;
  server.listen(port, '127.0.0.1');
  const stop = () => {
    server.close(() => void kv.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`baseline failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
