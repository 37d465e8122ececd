import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/** The same server URL with another database name. */
export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates a uniquely named database for fn (a test, a migration diff) and drops it afterwards. */
export async function withScratchDatabase<T>(url: string, prefix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const { url: scratchUrl, drop } = await createScratchDatabase(url, prefix);
  try {
    return await fn(scratchUrl);
  } finally {
    await drop();
  }
}

export async function createScratchDatabase(url: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await mysql.createConnection(withDatabaseName(url, ''));
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: withDatabaseName(url, name),
    drop: async () => {
      const conn = await mysql.createConnection(withDatabaseName(url, ''));
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
