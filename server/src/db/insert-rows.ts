import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { placeholders } from './columns';

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
  /**
   * Told, per statement, the ids its rows probably got: from the first id MySQL reports (consecutive ids for a
   * multi-row INSERT unless innodb_autoinc_lock_mode = 2 interleaves another writer's), or back from the last id
   * SQLite reports. A hint to read the rows back by primary key: callers check what they read (not with orIgnore).
   */
  onIds?: (first: number, last: number) => void;
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
 * A value identical (===) to the one above it in its column is converted once (a batch's rows share their `now`);
 * a nullable column without a default that is NULL in every row of a statement is left out of it (the database
 * writes the same NULL, and there are fewer values to send and parse: a system ticket leaves a dozen empty).
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
  // Left out when NULL throughout a statement: what the database then writes is NULL as well.
  const omittable = columns.map((c) => c.isNullable && c.default === undefined && !c.isPrimary && !c.isGenerated);
  const verb = kind === 'sqlite' ? (opts.orIgnore ? 'INSERT OR IGNORE' : 'INSERT') : opts.orIgnore ? 'INSERT IGNORE' : 'INSERT';
  const table = driver.escape(meta.tableName);
  const per = rowsPerStatement(kind, columns.length, opts.chunk);
  const width = columns.length;
  const lastRaw = new Array<unknown>(width);
  const lastValue = new Array<unknown>(width);
  let seen = false;
  for (let i = 0; i < rows.length; i += per) {
    const batch = rows.slice(i, i + per);
    // Row-major converted values of the batch, and which columns hold a non-NULL value somewhere.
    const values = new Array<unknown>(batch.length * width);
    const used = new Array<boolean>(width).fill(false);
    batch.forEach((row, r) => {
      const record = row as Record<string, unknown>;
      let count = 0;
      for (const _ in record) count += 1;
      if (count !== width) throw new Error(`insertRows: every ${meta.name} row must set the same properties`);
      for (let k = 0; k < width; k += 1) {
        const raw = record[keys[k]];
        let value: unknown;
        if (seen && raw === lastRaw[k]) value = lastValue[k];
        else {
          value = driver.preparePersistentValue(raw, columns[k]) as unknown;
          // An undefined binding is an error on SQLite and "NULL" on MySQL: say NULL on both.
          if (value === undefined) value = null;
          lastRaw[k] = raw;
          lastValue[k] = value;
        }
        if (value !== null) used[k] = true;
        values[r * width + k] = value;
      }
      seen = true;
    });
    const kept = columns.flatMap((_, k) => (used[k] || !omittable[k] ? [k] : []));
    const params = new Array<unknown>(batch.length * kept.length);
    let n = 0;
    for (let r = 0; r < batch.length; r += 1) for (const k of kept) params[n++] = values[r * width + k];
    const one = `(${placeholders(kept)})`;
    const head = `${verb} INTO ${table} (${kept.map((k) => driver.escape(columns[k].databaseName)).join(', ')}) VALUES `;
    const result: unknown = await em.query(head + batch.map(() => one).join(', '), params);
    if (opts.onIds && !opts.orIgnore) {
      const span = idSpan(result, batch.length);
      if (span) opts.onIds(span[0], span[1]);
    }
  }
  return rows.length;
}

/** The id span of a plain INSERT of n rows from what the driver answered (MySQL's header, SQLite's last row id). */
function idSpan(result: unknown, n: number): [number, number] | null {
  if (typeof result === 'number' || typeof result === 'bigint') {
    const last = Number(result);
    return [last - n + 1, last];
  }
  if (typeof result === 'object' && result !== null && 'insertId' in result) {
    const first = Number(result.insertId);
    return first > 0 ? [first, first + n - 1] : null;
  }
  return null;
}
