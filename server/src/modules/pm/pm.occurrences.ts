import { MAX_PM_OCCURRENCES, type PmOccurrence, type PmOccurrenceList, type PmRangeQuery } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isoDayInZone } from '../../lib/time';
import { getTenant } from '../tenants/tenants.service';
import { PmPlanRow } from './pm.entity';
import { duesOf, targetAssets, type SpecCache } from './pm.schedule';
import { requireRange } from './recurrence';

/**
 * The console's calendar: visits generated in [from, to] (with their ticket numbers) and, from today on, the
 * visits active plans will generate. One row per plan, asset and due date.
 */
export async function listOccurrences(deps: Deps, tenantId: number, q: PmRangeQuery): Promise<PmOccurrenceList> {
  requireRange(q.from, q.to);
  const em = deps.db.ds.manager;
  const tenant = await getTenant(deps, tenantId);
  const today = isoDayInZone(deps.clock.now(), tenant.timezone);
  const generated = await em.query<
    Array<{ planId: number | string; assetId: number | string; dueOn: string; number: string | null; late: number | string | boolean }>
  >(
    `SELECT o.planId AS planId, o.assetId AS assetId, o.dueOn AS dueOn, t.number AS number, o.late AS late
     FROM pm_occurrences o LEFT JOIN tickets t ON t.id = o.ticketId
     WHERE o.tenantId = ? AND o.dueOn >= ? AND o.dueOn <= ?`,
    [tenantId, q.from, q.to],
  );
  const out = new Map<string, PmOccurrence>();
  for (const g of generated) {
    const row: PmOccurrence = { planId: Number(g.planId), assetId: Number(g.assetId), dueOn: g.dueOn };
    if (g.number) row.ticketNumber = g.number;
    if (Number(g.late)) row.late = true;
    out.set(`${row.planId}:${row.assetId}:${row.dueOn}`, row);
  }
  const from = q.from > today ? q.from : today;
  if (from <= q.to) {
    const plans = await em.getRepository(PmPlanRow).find({ where: { tenantId, active: true }, order: { id: 'ASC' } });
    const cache: SpecCache = new Map();
    for (const plan of plans) {
      const assets = await targetAssets(em, plan);
      if (out.size > MAX_PM_OCCURRENCES) break;
      for (const d of await duesOf(deps, em, cache, plan, assets, tenant.timezone, today, from, q.to)) {
        const key = `${d.planId}:${d.assetId}:${d.dueOn}`;
        if (!out.has(key)) out.set(key, { planId: d.planId, assetId: d.assetId, dueOn: d.dueOn });
      }
    }
  }
  const items = [...out.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.planId - b.planId || a.assetId - b.assetId);
  return items.length > MAX_PM_OCCURRENCES ? { items: items.slice(0, MAX_PM_OCCURRENCES), truncated: true } : { items };
}
