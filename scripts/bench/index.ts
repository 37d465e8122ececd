/**
 * npm run bench [-- --quick] [-- --tickets N]
 * Starts the real server (MySQL + Redis when DATABASE_URL / REDIS_URL are set, else embedded) on a
 * scratch database, drives it with autocannon from a separate process, measures every row of
 * QUALITY.md's performance table next to its baseline from the same run, and prints the table.
 * Writes bench/results/latest.json; a full run also rewrites the table in docs/benchmarks.md.
 */
import 'reflect-metadata';
import path from 'node:path';
import { openDatabase } from '../../server/src/db/database';
import { BENCH_CASES, parseMode, type BenchCase } from './options';
import { createWorld, machineFacts, sampleLoad } from './setup';
import { REPO_ROOT, startApiServer, type ServerUnderTest } from './processes';
import { Cannon } from './load/cannon';
import { openReader, type DbReader } from './db-reader';
import { demoAssetCodes, seedBenchTenants, tokenFor, type BenchTenants } from './world';
import { intakeRows, scanRows } from './cases/throughput';
import { intakeToOfferedRow } from './cases/latency';
import { listRows } from './cases/lists';
import { kpiRows } from './cases/kpis';
import { acceptRaceRow } from './cases/race';
import { partsRaceRow } from './cases/parts';
import { dispatchRows } from './cases/dispatch';
import { labelRows } from './cases/labels';
import { deskStreamRow, exportRows } from './cases/desk';
import { slaAttainmentRows, slaDeadlineRows, slaSweepRows } from './cases/sla';
import { kbRows } from './cases/kb';
import { pmRows } from './cases/pm';
import { billingRows } from './cases/billing';
import { ensureMiniappBuilt, h5Row, weappRow } from './cases/miniapp';
import { lighthouseRow } from './cases/lighthouse';
import { scaleOutRow } from './cases/scale-out';
import { textTable, writeDocs, writeJson, type BenchReport, type Row } from './report';

const t0 = Date.now();
const say = (s: string) => process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${s}\n`);

let skipped = new Set<BenchCase>();
let currentCase: BenchCase = 'dispatch';
/** Names the case that the next guarded() call runs (so --only can skip it). */
const running = (c: BenchCase) => {
  currentCase = c;
};

/** A case that throws still yields its rows, marked as an error, so the table always lists every bar. */
async function guarded(paths: string[], fn: () => Promise<Row[]>, errors: string[]): Promise<Row[]> {
  if (skipped.size > 0 && skipped.has(currentCase)) {
    return paths.map((p) => ({ path: p, measured: '—', baseline: '—', ratio: null, bar: '—', verdict: 'skipped', note: 'not in --only' }));
  }
  try {
    const rows = await fn();
    for (const r of rows) say(`  ${r.verdict.padEnd(5)} ${r.path}: ${r.measured}${r.baseline !== '—' ? ` | baseline ${r.baseline}` : ''}`);
    return rows;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    errors.push(`${paths[0]}: ${err instanceof Error ? (err.stack ?? message) : message}`);
    return paths.map((p) => ({ path: p, measured: '—', baseline: '—', ratio: null, bar: '—', verdict: 'error', note: message }));
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const mode = parseMode(argv);
  if (mode.only) skipped = new Set(BENCH_CASES.filter((c) => !mode.only?.has(c)));
  const started = Date.now();
  const load = sampleLoad();
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  const stack = `${databaseUrl ? 'mysql' : 'sqlite'}${redisUrl ? '+redis' : ''}` as BenchReport['stack'];
  say(`Baoxiu bench (${mode.quick ? 'quick' : 'full'}) on ${stack}: ${mode.tickets.toLocaleString('en')} seeded tickets`);
  const world = await createWorld(databaseUrl, redisUrl);
  const errors: string[] = [];
  const rows: Record<string, Row[]> = {};
  let api: ServerUnderTest | null = null;
  let cannon: Cannon | null = null;
  let reader: DbReader | null = null;
  try {
    const machine = await machineFacts(world);
    say('Seeding the bench tenants…');
    const tenants: BenchTenants = await seedBenchTenants(world, mode);
    say(
      `  ${tenants.big.tickets.toLocaleString('en')} tickets in ${(tenants.big.ms / 1000).toFixed(1)} s; ` +
        `${tenants.crowd.engineerIds.length.toLocaleString('en')} engineers in the dispatch tenant; ` +
        `KPI rollup of ${tenants.kpiRollup.days.toLocaleString('en')} tenant-days built in ${(tenants.kpiRollup.ms / 1000).toFixed(1)} s`,
    );

    say('Dispatch decision (in-process, before the server starts)…');
    running('dispatch');
    rows.dispatch = await guarded(
      ['dispatch decision', 'whole offerNext'],
      async () => {
        const db = await openDatabase(world.seedTarget);
        try {
          return await dispatchRows(db, tenants.crowd, mode.dispatchRepeats);
        } finally {
          await db.close();
        }
      },
      errors,
    );

    say('SLA deadline (in-process)…');
    running('sla');
    rows.sla = await guarded(
      ['SLA deadline', 'SLA escalation sweep', 'SLA attainment'],
      async () => {
        const db = await openDatabase(world.seedTarget);
        try {
          return [
            ...slaDeadlineRows(mode.quick ? 20_000 : 200_000),
            ...(await slaSweepRows(db, { tickets: 100_000, due: 1_000 })),
            ...(await slaAttainmentRows(db, tenants.big, mode.quick ? 60 : 300)),
          ];
        } finally {
          await db.close();
        }
      },
      errors,
    );
    say('Billing preview and invoice finalization (in-process)…');
    running('billing');
    rows.billing = await guarded(
      ['billing preview', 'billing finalize'],
      async () => {
        const db = await openDatabase(world.seedTarget);
        try {
          return await billingRows(db, { tickets: 1_000_000, tenants: mode.quick ? 1_000 : 10_000, repeats: mode.quick ? 100 : 500 });
        } finally {
          await db.close();
        }
      },
      errors,
    );

    say('Knowledge-base suggestions (in-process)…');
    running('kb');
    rows.kb = await guarded(
      ['KB suggestions'],
      async () => {
        const db = await openDatabase(world.seedTarget);
        try {
          return await kbRows(db, { articles: 10_000, repeats: mode.quick ? 200 : 1_000 });
        } finally {
          await db.close();
        }
      },
      errors,
    );

    say('Preventive maintenance generation (in-process)…');
    running('pm');
    rows.pm = await guarded(
      ['PM generation'],
      async () => {
        const db = await openDatabase(world.seedTarget);
        try {
          return await pmRows(db, { assets: mode.quick ? 1_000 : 10_000 });
        } finally {
          await db.close();
        }
      },
      errors,
    );

    say('Starting the server under test…');
    api = await startApiServer(world);
    const server = api;
    cannon = new Cannon();
    reader = await openReader(world);
    const codes = await demoAssetCodes(api.origin);
    const ctx = { cannon, api, env: world, mode, assetCodes: codes };
    // First, while the build is on disk: other engineers rebuild miniapp/dist, and a build clears it meanwhile.
    say('Mini-program sizes…');
    running('miniapp');
    rows.miniapp = await guarded(
      ['miniapp weapp', 'miniapp H5', 'QR landing Lighthouse'],
      async () => {
        const built = ensureMiniappBuilt(mode.buildMiniapp);
        const notBuilt = (p: string, bar: string, target: string): Row => ({
          path: p,
          measured: '—',
          baseline: '—',
          ratio: null,
          bar,
          verdict: 'not built',
          note: `run \`npm run build${target} -w miniapp\` (a full bench builds it)`,
        });
        const h5 = built.h5
          ? [await h5Row(server.origin, codes[0]), await lighthouseRow(server.origin, codes[0], mode.quick ? 1 : 3)]
          : [
              notBuilt('miniapp H5: first-load JS (gzip)', '≤ 300 KB', ':h5'),
              notBuilt('QR landing /r/:code in Lighthouse', 'performance ≥ 90', ':h5'),
            ];
        return [built.weapp ? weappRow() : notBuilt('miniapp weapp: main package size', '≤ 1 MB', ''), ...h5];
      },
      errors,
    );
    say('Scan landing vs bare Koa…');
    running('scan');
    rows.scan = await guarded(['scan landing throughput', 'scan landing p99'], () => scanRows(ctx), errors);
    say('Intake vs bare node:http…');
    running('intake');
    rows.intake = await guarded(['intake throughput', 'intake p99'], () => intakeRows(ctx), errors);
    say(server.apiAlone ? 'Starting the worker; intake → offered (after the intake tickets are dispatched)…' : 'Intake → offered…');
    await server.startWorker();
    const queue = redisUrl ? 'BullMQ on Redis' : 'in-process queue';
    const db = reader;
    running('latency');
    const latencyContext = {
      cannon: ctx.cannon,
      api: server,
      db,
      mode,
      tenantId: tenants.latency.tenantId,
      assetCodes: tenants.latency.assetCodes,
      queue,
      redis: redisUrl ? { url: redisUrl, prefix: world.queuePrefix } : undefined,
    };
    rows.latency = await guarded(
      ['intake → engineer offered', 'extra: intake → engineer offered in bursts'],
      async () => [await intakeToOfferedRow(latencyContext, 'even'), await intakeToOfferedRow(latencyContext, 'bursts')],
      errors,
    );
    say('Accept race…');
    running('race');
    rows.race = await guarded(
      ['accept race'],
      async () => [
        await acceptRaceRow({
          api: server,
          db,
          repeats: mode.raceRepeats,
          tenantId: tenants.race.tenantId,
          assetCode: tenants.race.assetCodes[0],
          engineerTokens: tenants.race.engineerIds.map((id) => tokenFor(world, tenants.race.tenantId, id, 'engineer')),
        }),
      ],
      errors,
    );
    say('Parts race: 50 resolves consume the same part at once…');
    running('parts');
    rows.parts = await guarded(
      ['parts race'],
      async () => [
        await partsRaceRow({
          api: server,
          assetCodes: tenants.parts.assetCodes,
          engineerId: tenants.parts.engineerIds[0],
          resolves: 50,
          stock: 30,
          engineerToken: tokenFor(world, tenants.parts.tenantId, tenants.parts.engineerIds[0], 'engineer'),
          dispatcherToken: tokenFor(world, tenants.parts.tenantId, tenants.parts.dispatcherId, 'dispatcher'),
        }),
      ],
      errors,
    );
    say(`Desk live stream: ${mode.deskClients} SSE clients…`);
    running('desk');
    rows.desk = await guarded(
      ['desk live stream'],
      async () => [
        await deskStreamRow({
          api: server,
          token: tokenFor(world, tenants.latency.tenantId, tenants.latency.dispatcherId, 'dispatcher'),
          assetCodes: tenants.latency.assetCodes,
          clients: mode.deskClients,
          changes: mode.deskChanges,
        }),
      ],
      errors,
    );
    say('Desk export (streamed XLSX and CSV)…');
    running('export');
    rows.export = await guarded(
      ['desk export XLSX', 'desk export CSV'],
      () =>
        exportRows({
          api: server,
          token: tokenFor(world, tenants.big.tenantId, tenants.big.dispatcherId, 'dispatcher'),
          tickets: tenants.big.tickets,
        }),
      errors,
    );
    say('Ticket lists at scale…');
    running('lists');
    rows.lists = await guarded(
      ['ticket lists'],
      () =>
        listRows({
          cannon: ctx.cannon,
          api: server,
          mode,
          big: tenants.big,
          token: tokenFor(world, tenants.big.tenantId, tenants.big.dispatcherId, 'dispatcher'),
        }),
      errors,
    );
    say('Dashboard KPIs at scale…');
    running('kpis');
    rows.kpis = await guarded(
      [`dashboard KPIs: one period over ${tenants.big.tickets.toLocaleString('en')} tickets`],
      () =>
        kpiRows({
          cannon: ctx.cannon,
          api: server,
          mode,
          big: tenants.big,
          rollup: tenants.kpiRollup,
          token: tokenFor(world, tenants.big.tenantId, tenants.big.dispatcherId, 'dispatcher'),
        }),
      errors,
    );
    say('Scale-out: a second API and a second worker…');
    running('scale');
    rows.scale = await guarded(
      ['scale-out'],
      async () => [
        await scaleOutRow({
          env: world,
          api: server,
          db,
          mode,
          tenantId: tenants.scale.tenantId,
          assetCodes: tenants.scale.assetCodes,
        }),
      ],
      errors,
    );
    await api.stop();
    api = null;
    cannon.close();
    cannon = null;
    say('Label PDFs…');
    running('labels');
    rows.labels = await guarded(
      mode.labelSizes.map((n) => `label PDF ${n}`),
      () => labelRows(mode.labelSizes),
      errors,
    );

    const table: Row[] = [
      ...rows.scan,
      ...rows.intake,
      ...rows.latency,
      ...rows.dispatch.slice(0, 1),
      ...rows.race,
      ...rows.parts,
      ...rows.scale,
      ...rows.kpis.slice(0, 1),
      ...rows.labels,
      ...rows.miniapp,
      ...rows.sla,
      ...rows.dispatch.slice(1),
      ...rows.lists,
      ...rows.kpis.slice(1),
      ...rows.desk,
      ...rows.export,
      ...rows.billing,
      ...rows.kb,
      ...rows.pm,
    ];
    const report: BenchReport = {
      command: `${stack.startsWith('mysql') ? 'DATABASE_URL=mysql://… ' : ''}${redisUrl ? 'REDIS_URL=redis://… ' : ''}npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
      mode,
      machine,
      stack,
      seconds: (Date.now() - started) / 1000,
      load: load.stop(),
      rows: table,
    };
    process.stdout.write(`\n${textTable(table)}\n\n`);
    writeJson(path.join(REPO_ROOT, 'bench/results/latest.json'), report);
    say(`Wrote bench/results/latest.json (${Math.round(report.seconds)} s; load average mean ${report.load.mean}, max ${report.load.max})`);
    if (!mode.quick && !mode.only) {
      writeDocs(path.join(REPO_ROOT, 'docs/benchmarks.md'), report);
      say('Updated the table in docs/benchmarks.md');
    }
  } finally {
    cannon?.close();
    await reader?.close();
    await api?.stop();
    await world.cleanup();
  }
  if (errors.length > 0) {
    say(`\n${errors.length} case(s) failed to run:\n${errors.join('\n\n')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  say(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
