import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from './config';
import { detectMysqlFlavour, openDatabase, mysqlDataSource } from './db/database';
import { exitOnFailure } from './run';

/**
 * One-shot schema step run before the API and workers start (the compose `migrate` service), so
 * several processes never race on the same migrations. On SQLite it creates the schema from the entities.
 */
async function migrate(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) {
    const db = await openDatabase({ sqliteFile: path.join(config.dataDir, 'baoxiu.sqlite') });
    await db.close();
    process.stdout.write(`SQLite schema ready in ${config.dataDir}\n`);
    return;
  }
  const ds = mysqlDataSource(config.databaseUrl, await detectMysqlFlavour(config.databaseUrl));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    process.stdout.write(ran.length ? `Applied ${ran.map((m) => m.name).join(', ')}\n` : 'Schema up to date\n');
  } finally {
    await ds.destroy();
  }
}

migrate().catch(exitOnFailure);
