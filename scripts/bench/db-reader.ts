/** Reads the server's database from the bench process (exact timestamps, waiting for the queue to drain). */
import mysql from 'mysql2/promise';
import BetterSqlite3 from 'better-sqlite3';
import type { BenchWorld } from './setup';

export interface DbReader {
  all<T>(sql: string, params?: Array<string | number>): Promise<T[]>;
  close(): Promise<void>;
}

export async function openReader(world: BenchWorld): Promise<DbReader> {
  if (world.databaseUrl) {
    const conn = await mysql.createConnection({ uri: world.databaseUrl, dateStrings: true });
    return {
      all: async <T>(sql: string, params: Array<string | number> = []) => (await conn.query(sql, params))[0] as T[],
      close: () => conn.end(),
    };
  }
  const db = new BetterSqlite3(world.sqliteFile, { readonly: true });
  db.pragma('busy_timeout = 5000');
  return {
    all: async <T>(sql: string, params: Array<string | number> = []) => db.prepare(sql).all(...params) as T[],
    close: async () => void db.close(),
  };
}

/** DATETIME(3) text (UTC) from either driver to epoch ms. */
export const epochMs = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

/** Waits until no ticket of the tenant(s) still waits for dispatch, so one row's backlog does not leak into the next. */
/** Tickets waiting for dispatch: not yet offered, and not handed to the dispatcher. */
export async function countUndispatched(db: DbReader): Promise<number> {
  const [{ n }] = await db.all<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM tickets WHERE status IN ('new', 'reopened') AND needsDispatcher = 0",
  );
  return Number(n);
}

export async function waitDispatched(db: DbReader, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const n = await countUndispatched(db);
    if (n === 0 || Date.now() > until) return n;
    await new Promise((r) => setTimeout(r, 250));
  }
}
