import path from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { ensurePrivateDir, ensurePrivateFile } from '../lib/private-files';
import { KB_SQLITE_DDL } from '../modules/kb/kb.fts';
import { recountOpenJobsSql } from '../modules/engineers/open-jobs';
import { recountOfferLoadsSql } from '../modules/dispatch/offer-load';
import { beginNotice, endNotice, flushBuffers, runHooks, type CommitHook, type CommitNotice } from './commit-listener';

export type DbKind = 'sqlite' | 'mysql';

export interface Database {
  kind: DbKind;
  ds: DataSource;
  /**
   * The one way to open a transaction: runs fn in it; serialised on SQLite, retried on MySQL deadlocks. After
   * the commit, the hooks hear what the transaction noted (see commit-listener.ts) before the caller resumes.
   */
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T>;
  /** The post-commit hooks (scan cache, relay kick …), all set at once by buildDeps; a failing hook goes to onError. */
  onCommit(hooks: readonly CommitHook[], onError: (err: unknown, hook: string) => void): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  sqliteFile?: string;
  logging?: boolean;
}

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code ?? (err as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Network and protocol codes of mysql2 (also copied onto TypeORM's QueryFailedError) meaning the server is out of reach. */
const CONNECTION_LOST = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

/** The database cannot be reached right now (as opposed to a query that is wrong). */
export function isConnectionLost(err: unknown): boolean {
  if (CONNECTION_LOST.has(errorCode(err) ?? '')) return true;
  // mysql2 refuses to queue a query on a socket it already knows is closed, without a code.
  const message = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  return typeof message === 'string' && /connection is in closed state/i.test(message);
}

/** MariaDB reports column defaults differently: TypeORM must know which server it talks to. */
export async function detectMysqlFlavour(url: string): Promise<'mysql' | 'mariadb'> {
  const conn = await mysql.createConnection(url);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    const version = String((rows as Array<{ v: unknown }>)[0]?.v ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

export function mysqlDataSource(url: string, flavour: 'mysql' | 'mariadb', logging = false): DataSource {
  return new DataSource({
    type: flavour,
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    logging,
    extra: { connectionLimit: 30 },
  });
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const ds = mysqlDataSource(opts.databaseUrl, await detectMysqlFlavour(opts.databaseUrl), opts.logging);
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    return wrap('mysql', ds);
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(file));
    ensurePrivateFile(file);
  }
  const ds = new DataSource({
    type: 'better-sqlite3',
    database: file,
    entities: ENTITIES,
    synchronize: true,
    logging: opts.logging ?? false,
    prepareDatabase: (db: { pragma(s: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
    },
  });
  await ds.initialize();
  // What the entities cannot describe: the knowledge base's FTS5 table.
  for (const ddl of KB_SQLITE_DDL) await ds.query(ddl);
  // synchronize adds `users.openJobs` as 0 to a file written before the counter: count it once per start (MySQL's
  // migration back-fills it). A file already kept by guardedUpdate gets the same numbers.
  const recount = recountOpenJobsSql();
  await ds.query(recount.sql, recount.params);
  // The same for the offer counters (users.pendingOffers, lastOfferedAt; MySQL: migration 1796190000000).
  const offers = recountOfferLoadsSql();
  await ds.query(offers.sql, offers.params);
  return wrap('sqlite', ds);
}

function wrap(kind: DbKind, ds: DataSource): Database {
  let chain: Promise<unknown> = Promise.resolve();
  let hooks: readonly CommitHook[] = [];
  let onHookError: (err: unknown, hook: string) => void = () => undefined;
  /** One attempt: the callback's notes are kept only if it commits. */
  async function attempt<T>(fn: (em: EntityManager) => Promise<T>): Promise<{ result: T; notice: CommitNotice }> {
    const box: { notice?: CommitNotice } = {};
    const result = await ds.transaction(async (em) => {
      const notice = (box.notice = beginNotice(em));
      try {
        const result = await fn(em);
        await flushBuffers(em, notice);
        return result;
      } finally {
        endNotice(em);
      }
    });
    if (!box.notice) throw new Error('transaction callback never ran');
    return { result, notice: box.notice };
  }
  async function committed<T>(run: Promise<{ result: T; notice: CommitNotice }>): Promise<T> {
    const { result, notice } = await run;
    await runHooks(hooks, notice, onHookError);
    return result;
  }
  return {
    kind,
    ds,
    onCommit(list, onError) {
      hooks = list;
      onHookError = onError;
    },
    async transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
      if (kind === 'sqlite') {
        // One shared connection: a second BEGIN would nest inside the first, so transactions queue up.
        const run = chain.then(() => attempt(fn));
        chain = run.catch(() => undefined);
        return committed(run);
      }
      for (let n = 1; ; n += 1) {
        try {
          return await committed(attempt(fn));
        } catch (err) {
          if (n >= 4 || !MYSQL_RETRYABLE.has(errorCode(err) ?? '')) throw err;
          await new Promise((r) => setTimeout(r, 5 * n + Math.random() * 20));
        }
      }
    },
    async ping() {
      try {
        await ds.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (ds.isInitialized) await ds.destroy();
    },
  };
}
