/**
 * Preventive maintenance generation, in process with the worker's own `sweepPm` on the bench database: one plan
 * over 10,000 assets (monthly, holidays ignored), its lead time a year, so one sweep writes a year of visits — each
 * occurrence row with its preventive ticket (numbered, metered, its dispatch job in the outbox; a visit has no SLA clocks). Then the same sweep
 * again, which must create none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../../server/src/db/database';
import { loadConfig } from '../../../server/src/config';
import { buildDeps } from '../../../server/src/system';
import { ManualClock } from '../../../server/src/lib/clock';
import { Tenant } from '../../../server/src/modules/tenants/tenant.entity';
import { Asset } from '../../../server/src/modules/assets/asset.entity';
import { createSite } from '../../../server/src/modules/assets/sites.service';
import { createPlan } from '../../../server/src/modules/pm/pm.plans';
import { sweepPm } from '../../../server/src/modules/pm/pm.generate';
import { syncStatutoryHolidays } from '../../../server/src/modules/sla/holidays.service';
import { num, type Row } from '../report';

export const PM_BAR_S = 10;

export async function pmRows(db: Database, opts: { assets: number }): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-bench-pm-'));
  const clock = new ManualClock('2026-01-05T02:00:00Z');
  const deps = await buildDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' }), { db, clock });
  try {
    await syncStatutoryHolidays(deps); // as startSystem does: the holiday years the calendars need
    const now = clock.now();
    const tag = randomBytes(3).toString('hex');
    const tenantId = (
      await db.ds.getRepository(Tenant).insert({
        slug: `pm-bench-${tag}`,
        name: 'PM bench',
        dispatchMode: 'manual',
        offerTimeoutSeconds: 300,
        timezone: 'Asia/Shanghai',
        createdAt: now,
      })
    ).identifiers[0].id as number;
    const site = await createSite(deps, tenantId, { name: '园区' });
    const BATCH = 1_000;
    for (let start = 0; start < opts.assets; start += BATCH) {
      await db.ds.getRepository(Asset).insert(
        Array.from({ length: Math.min(BATCH, opts.assets - start) }, (_, j) => ({
          tenantId,
          siteId: site.id,
          code: `PM${tag}${String(start + j).padStart(7, '0')}`.toUpperCase().slice(0, 16),
          name: `空调 ${start + j}`,
          model: null,
          serial: null,
          category: '空调',
          location: null,
          warrantyUntil: null,
          customFields: {},
          externalId: null,
          createdAt: now,
          updatedAt: now,
        })),
      );
    }
    await createPlan(deps, tenantId, {
      name: '空调月度保养',
      target: { siteId: site.id, category: '空调' },
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=10',
      startsOn: '2026-01-05',
      basedOn: 'schedule',
      leadDays: 365,
      holidayPolicy: 'ignore',
      checklist: [{ label: '清洗滤网', kind: 'check', required: true }],
    });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const first = await sweepPm(deps);
    const firstS = (performance.now() - t0) / 1000;
    // The bench process's own CPU over the sweep (JS and SQLite's in-process work; MariaDB's is in its server): on a
    // shared machine the wall time also holds the time other processes had the cores.
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const t1 = performance.now();
    const again = await sweepPm(deps);
    const againS = (performance.now() - t1) / 1000;
    // Retire the bench tenant's visits: the server under test starts on this database later, and its worker would
    // otherwise dispatch these 120,000 preventive tickets while the intake → offered, race and scale-out rows run
    // (the latency row first waits for every undispatched ticket). Their outbox rows are marked relayed.
    const stamp = new Date().toISOString().replace('T', ' ').slice(0, 23);
    await db.ds.query("UPDATE tickets SET status = 'cancelled' WHERE tenantId = ? AND status = 'new'", [tenantId]);
    await db.ds.query('UPDATE outbox SET sentAt = ? WHERE sentAt IS NULL', [stamp]);
    const expected = opts.assets * 12;
    const right = first.created === expected && again.created === 0;
    return [
      {
        path: `PM generation: a year of visits for ${num(opts.assets)} assets`,
        measured: `${firstS.toFixed(1)} s for ${num(first.created)} visits (${num(Math.round(first.created / firstS))}/s, CPU ${cpuS.toFixed(1)} s); re-run ${againS.toFixed(2)} s, ${num(again.created)} created`,
        baseline: '—',
        ratio: null,
        bar: `≤ ${PM_BAR_S} s, re-run creates none`,
        verdict: right ? (firstS <= PM_BAR_S ? 'pass' : 'fail') : 'error',
        note: right
          ? 'each visit: occurrence row + preventive ticket (number, created event, meter, dispatch job in the outbox; no SLA clocks)'
          : `expected ${num(expected)} visits and none on the re-run`,
        data: { seconds: firstS, cpuSeconds: cpuS, created: first.created, rerunSeconds: againS, rerunCreated: again.created },
      },
    ];
  } finally {
    await deps.queue.close();
    await deps.kv.close();
  }
}
