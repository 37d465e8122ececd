import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * SQLite's bound-variable limit (better-sqlite3 is built with SQLITE_MAX_VARIABLE_NUMBER=32766; older SQLite builds
 * had 999, so a statement never binds more than this). MySQL's prepared-statement limit is 65,535.
 */
const MAX_VARIABLES = { sqlite: 32_766, mysql: 65_535 } as const;

/** Rows per statement unless the columns make fewer fit under the variable limit. */
export const INSERT_CHUNK = 500;

export interface InsertRowsOptions {
  /** Skip rows that hit a unique key (SQLite `INSERT OR IGNORE`, MySQL `INSERT IGNORE`). */
  orIgnore?: boolean;
  /** Rows per statement (default 500), lowered to fit the driver's variable limit. */
  chunk?: number;
}

/** Rows per statement for `columns` bound values each: at most `chunk`, never over the driver's variable limit. */
export function rowsPerStatement(kind: 'sqlite' | 'mysql', columns: number, chunk = INSERT_CHUNK): number {
  return Math.max(1, Math.min(chunk, Math.floor(MAX_VARIABLES[kind] / Math.max(1, columns))));
}

/**
 * Writes rows of an entity with direct multi-row INSERTs (`INSERT INTO t (…) VALUES (?, …), (?, …)`), in chunks that
 * respect the variable limit. Values go through the driver's own conversion (dates, booleans, simple-json,
 * transformers), as TypeORM's query builder would; but the builder's per-value named parameters cost O(n²) for a
 * large `.values([...])` (it searches the growing parameter map for each one), which made PM generation slow.
 * Every row must set the same properties (the first row names the columns). Nothing is read back: callers that
 * need generated ids read them by a unique column. Returns the number of rows given (not those inserted).
 */
export async function insertRows<E extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<E>,
  rows: ReadonlyArray<Partial<E>>,
  opts: InsertRowsOptions = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const meta = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const kind = em.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  const keys = Object.keys(rows[0]);
  const columns = keys.map((key) => {
    const column = meta.findColumnWithPropertyPath(key);
    if (!column) throw new Error(`insertRows: ${meta.name} has no column for property "${key}"`);
    return column;
  });
  const head = `${kind === 'sqlite' ? (opts.orIgnore ? 'INSERT OR IGNORE' : 'INSERT') : opts.orIgnore ? 'INSERT IGNORE' : 'INSERT'} INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  const one = `(${columns.map(() => '?').join(', ')})`;
  const per = rowsPerStatement(kind, columns.length, opts.chunk);
  for (let i = 0; i < rows.length; i += per) {
    const batch = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const row of batch) {
      const record = row as Record<string, unknown>;
      if (Object.keys(record).length !== keys.length) throw new Error(`insertRows: every ${meta.name} row must set the same properties`);
      for (const [k, column] of columns.entries()) {
        const value = driver.preparePersistentValue(record[keys[k]], column) as unknown;
        // An undefined binding is an error on SQLite and "NULL" on MySQL: say NULL on both.
        params.push(value === undefined ? null : value);
      }
    }
    await em.query(head + batch.map(() => one).join(', '), params);
  }
  return rows.length;
}
