import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../src/db/database';

export type WriteCounts = Record<string, number>;

/** Columns the outbox relay updates in the background after every commit; not a write of the request. */
const RELAY_ONLY_UPDATES = new Set(['outbox']);

/**
 * Installs triggers that count every committed INSERT, UPDATE and DELETE per table, so "the database is
 * unchanged" is one cheap query per request rather than a dump of every row. A rolled-back write rolls
 * its count back with it. Only for scratch databases: the triggers stay until the database is dropped.
 */
export async function installWriteCounter(db: Database, uploadDir: string): Promise<() => Promise<WriteCounts>> {
  const tables = db.ds.entityMetadatas.map((m) => m.tableName);
  const q = (name: string) => (db.kind === 'mysql' ? `\`${name}\`` : `"${name}"`);
  await db.ds.query(`CREATE TABLE fuzz_writes (tbl VARCHAR(64) NOT NULL PRIMARY KEY, n INT NOT NULL)`);
  for (const table of tables) {
    await db.ds.query(`INSERT INTO fuzz_writes (tbl, n) VALUES ('${table}', 0)`);
    const ops = RELAY_ONLY_UPDATES.has(table) ? ['INSERT', 'DELETE'] : ['INSERT', 'UPDATE', 'DELETE'];
    for (const op of ops) {
      const bump = `UPDATE fuzz_writes SET n = n + 1 WHERE tbl = '${table}'`;
      const name = q(`fw_${table}_${op.toLowerCase()}`);
      await db.ds.query(
        db.kind === 'mysql'
          ? `CREATE TRIGGER ${name} AFTER ${op} ON ${q(table)} FOR EACH ROW ${bump}`
          : `CREATE TRIGGER ${name} AFTER ${op} ON ${q(table)} BEGIN ${bump}; END`,
      );
    }
  }
  return async () => {
    const rows = (await db.ds.query('SELECT tbl, n FROM fuzz_writes ORDER BY tbl')) as Array<{ tbl: string; n: number | string }>;
    const counts: WriteCounts = Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]));
    counts['files in uploads'] = countFiles(uploadDir);
    return counts;
  };
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1), 0);
}

/** The tables (and the upload folder) whose counts differ. */
export function changedBetween(before: WriteCounts, after: WriteCounts): string[] {
  return Object.keys(after).filter((k) => before[k] !== after[k]);
}
