/**
 * Writes a tenant of its own with a year of tickets, for measuring list endpoints and reports at scale:
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/baoxiu npm run seed:tickets -- --tickets 1000000
 *   npm run seed:tickets -- --tickets 100000          # embedded SQLite in $DATA_DIR (./data)
 * Options: --tickets N  --engineers N  --sites N  --assets N  --slug NAME  --mode auto|pool|manual  --events
 * The tenant's KPI rollup (kpi_daily) is built right after, as the worker's sweep would have kept it.
 */
import 'reflect-metadata';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/database';
import { DISPATCH_MODES, type DispatchMode } from '@baoxiu/shared';
import { seedTenant, SEED_PASSWORD, type SeededTenant, type SeedOptions } from './seed/seed';
import { mysqlWriter, sqliteWriter, type RowWriter } from './seed/writer';
import { buildKpiRollups } from './seed/rollups';

export interface SeedTarget {
  databaseUrl?: string;
  sqliteFile?: string;
}

/** Brings the schema up to date the way the server does (migrations / entities), then hands out a raw writer. */
export async function openSeedWriter(target: SeedTarget): Promise<RowWriter> {
  const db = await openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  await db.close();
  if (target.databaseUrl) return mysqlWriter(target.databaseUrl);
  if (!target.sqliteFile) throw new Error('a database URL or a SQLite file is needed');
  return sqliteWriter(target.sqliteFile);
}

export async function seedInto(target: SeedTarget, opts: SeedOptions): Promise<SeededTenant> {
  const writer = await openSeedWriter(target);
  try {
    if (await writer.tenantId(opts.slug)) throw new Error(`tenant "${opts.slug}" exists already: pick another --slug`);
    return await seedTenant(writer, opts);
  } finally {
    await writer.close();
  }
}

/** Prints progress on one line: rows done, rate, elapsed. */
export function progressPrinter(label: string): NonNullable<SeedOptions['onProgress']> {
  return (done, total, ms) => {
    if (done < 0) {
      process.stderr.write(`\n  ${label}: 'created' events written (${(ms / 1000).toFixed(1)} s)`);
      return;
    }
    const rate = Math.round(done / Math.max(ms / 1000, 0.001));
    process.stderr.write(
      `\r  ${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} tickets, ${rate.toLocaleString('en')}/s, ${(ms / 1000).toFixed(1)} s   `,
    );
  };
}

function numberArg(args: string[], name: string): number | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a whole number`);
  return v;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const tickets = numberArg(args, 'tickets') ?? 1_000_000;
  const slugAt = args.indexOf('--slug');
  const modeAt = args.indexOf('--mode');
  const mode = (modeAt >= 0 ? args[modeAt + 1] : 'auto') as DispatchMode;
  if (!DISPATCH_MODES.includes(mode)) throw new Error(`--mode must be one of ${DISPATCH_MODES.join(', ')}`);
  const slug = slugAt >= 0 ? args[slugAt + 1] : `bench-${tickets}-${Date.now().toString(36)}`;
  const target: SeedTarget = process.env.DATABASE_URL
    ? { databaseUrl: process.env.DATABASE_URL }
    : { sqliteFile: path.join(path.resolve(process.env.DATA_DIR ?? './data'), 'baoxiu.sqlite') };
  process.stderr.write(`Seeding tenant "${slug}" into ${target.databaseUrl ? 'MySQL' : target.sqliteFile}\n`);
  const seeded = await seedInto(target, {
    slug,
    tickets,
    dispatchMode: mode,
    events: args.includes('--events'),
    engineers: numberArg(args, 'engineers'),
    sites: numberArg(args, 'sites'),
    assets: numberArg(args, 'assets'),
    onProgress: progressPrinter(slug),
  });
  process.stderr.write('\n');
  const rollup = await buildKpiRollups(target, [seeded.tenantId]);
  process.stdout.write(
    `Seeded ${seeded.tickets.toLocaleString('en')} tickets, ${seeded.siteIds.length} sites, ${seeded.assetIds.length} assets, ` +
      `${seeded.engineerIds.length} engineers in ${(seeded.ms / 1000).toFixed(1)} s; ` +
      `KPI rollup of ${rollup.days} days built in ${(rollup.ms / 1000).toFixed(1)} s.\n` +
      `Sign in: tenant "${slug}", users admin / dispatcher / engineer1…, password "${SEED_PASSWORD}".\n`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
