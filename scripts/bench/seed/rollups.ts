/** The KPI rollup of freshly seeded tenants, built the way the worker's sweep would (kpi.rollup.ts). */
import { openDatabase } from '../../../server/src/db/database';
import { backfillKpis } from '../../../server/src/modules/reports/kpi.rollup';
import type { SeedTarget } from '../seed-tickets';

export interface RollupBuild {
  days: number;
  ms: number;
}

/** Rebuilds every day of these tenants' tickets before today and records them as swept, so the worker starts from now. */
export async function buildKpiRollups(target: SeedTarget, tenantIds: number[], now = new Date()): Promise<RollupBuild> {
  const started = Date.now();
  const db = await openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  try {
    let days = 0;
    for (const id of tenantIds) days += await backfillKpis(db, id, now);
    return { days, ms: Date.now() - started };
  } finally {
    await db.close();
  }
}
