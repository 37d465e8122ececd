/** Bulk writes straight through the driver (no ORM): thousands of rows per statement, big transactions. */
import path from 'node:path';
import mysql from 'mysql2/promise';
import BetterSqlite3 from 'better-sqlite3';
import { placeholders } from '../../../server/src/db/columns';

export type Cell = string | number | null;

export interface RowWriter {
  kind: 'mysql' | 'sqlite';
  /** Inserts rows in statements of at most `chunk` rows. */
  insert(table: string, columns: readonly string[], rows: Cell[][]): Promise<void>;
  /** Ids of a tenant's rows in insertion order. */
  ids(table: string, tenantId: number): Promise<number[]>;
  /** Id of the tenant with this slug, or null. */
  tenantId(slug: string): Promise<number | null>;
  exec(sql: string, params: Cell[]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<void>;
}

const quote = (kind: 'mysql' | 'sqlite', name: string) => (kind === 'mysql' ? `\`${name}\`` : `"${name}"`);

/** mysql2 on one connection; unique checks off for the load, as a bulk loader would (the data is unique by construction). */
export async function mysqlWriter(url: string, chunk = 2_000): Promise<RowWriter> {
  const conn = await mysql.createConnection({ uri: url, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
  await conn.query('SET unique_checks = 0, foreign_key_checks = 0');
  return {
    kind: 'mysql',
    async insert(table, columns, rows) {
      const cols = columns.map((c) => quote('mysql', c)).join(', ');
      for (let i = 0; i < rows.length; i += chunk) {
        await conn.query(`INSERT INTO ${quote('mysql', table)} (${cols}) VALUES ?`, [rows.slice(i, i + chunk)]);
      }
    },
    async ids(table, tenantId) {
      const [rows] = await conn.query(`SELECT id FROM ${quote('mysql', table)} WHERE tenantId = ? ORDER BY id`, [tenantId]);
      return (rows as Array<{ id: number }>).map((r) => Number(r.id));
    },
    async tenantId(slug) {
      const [rows] = await conn.query('SELECT id FROM tenants WHERE slug = ?', [slug]);
      const row = (rows as Array<{ id: number }>)[0];
      return row ? Number(row.id) : null;
    },
    async exec(sql, params) {
      await conn.query(sql, params);
    },
    async begin() {
      await conn.query('START TRANSACTION');
    },
    async commit() {
      await conn.query('COMMIT');
    },
    async close() {
      await conn.query('SET unique_checks = 1, foreign_key_checks = 1');
      await conn.end();
    },
  };
}

/** better-sqlite3 on the server's file: one prepared statement per table, run in explicit transactions. */
export function sqliteWriter(file: string): RowWriter {
  const db = new BetterSqlite3(path.resolve(file));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    kind: 'sqlite',
    async insert(table, columns, rows) {
      const key = `${table}:${columns.join(',')}`;
      let stmt = statements.get(key);
      if (!stmt) {
        const cols = columns.map((c) => quote('sqlite', c)).join(', ');
        stmt = db.prepare(`INSERT INTO ${quote('sqlite', table)} (${cols}) VALUES (${placeholders(columns)})`);
        statements.set(key, stmt);
      }
      for (const row of rows) stmt.run(row);
    },
    async ids(table, tenantId) {
      const rows = db.prepare(`SELECT id FROM ${quote('sqlite', table)} WHERE tenantId = ? ORDER BY id`).all(tenantId);
      return (rows as Array<{ id: number }>).map((r) => r.id);
    },
    async tenantId(slug) {
      const row = db.prepare('SELECT id FROM tenants WHERE slug = ?').get(slug) as { id: number } | undefined;
      return row ? row.id : null;
    },
    async exec(sql, params) {
      db.prepare(sql).run(params);
    },
    async begin() {
      db.exec('BEGIN');
    },
    async commit() {
      db.exec('COMMIT');
    },
    async close() {
      db.close();
    },
  };
}
