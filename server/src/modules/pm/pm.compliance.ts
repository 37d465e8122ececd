import type { PmCompliance, PmRangeQuery } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isoDayInZone, rawInstant } from '../../lib/time';
import { getTenant } from '../tenants/tenants.service';
import { requireRange } from './recurrence';

const DONE = new Set(['resolved', 'closed']);

/**
 * PM compliance over visits due in [from, to]: done by the due date (resolved on or before it, on the tenant's
 * calendar day) as a share of those due, per site and asset category; and the visits past due and not done.
 * Cancelled visits are not counted as due.
 */
export async function pmCompliance(deps: Deps, tenantId: number, q: PmRangeQuery): Promise<PmCompliance> {
  requireRange(q.from, q.to);
  const tenant = await getTenant(deps, tenantId);
  const today = isoDayInZone(deps.clock.now(), tenant.timezone);
  const rows = await deps.db.ds.query<
    Array<{
      planId: number | string;
      assetId: number | string;
      dueOn: string;
      siteId: number | string;
      site: string;
      category: string | null;
      number: string | null;
      status: string | null;
      resolvedAt: Date | string | null;
    }>
  >(
    `SELECT o.planId AS planId, o.assetId AS assetId, o.dueOn AS dueOn, a.siteId AS siteId, s.name AS site, a.category AS category,
            t.number AS number, t.status AS status, t.resolvedAt AS resolvedAt
     FROM pm_occurrences o JOIN assets a ON a.id = o.assetId JOIN sites s ON s.id = a.siteId LEFT JOIN tickets t ON t.id = o.ticketId
     WHERE o.tenantId = ? AND o.dueOn >= ? AND o.dueOn <= ? ORDER BY o.dueOn, o.planId, o.assetId`,
    [tenantId, q.from, q.to],
  );
  const groups = new Map<string, PmCompliance['rows'][number]>();
  const overdue: PmCompliance['overdue'] = [];
  for (const r of rows) {
    if (r.status === 'cancelled') continue;
    const key = `${Number(r.siteId)}:${r.category ?? ''}`;
    const g = groups.get(key) ?? {
      siteId: Number(r.siteId),
      site: r.site,
      category: r.category,
      due: 0,
      doneOnTime: 0,
      doneLate: 0,
      compliancePct: null,
    };
    g.due += 1;
    const doneOn = r.status && DONE.has(r.status) && r.resolvedAt ? isoDayInZone(rawInstant(r.resolvedAt), tenant.timezone) : null;
    if (doneOn !== null && doneOn <= r.dueOn) g.doneOnTime += 1;
    else if (doneOn !== null) g.doneLate += 1;
    else if (r.dueOn < today) {
      overdue.push({ planId: Number(r.planId), assetId: Number(r.assetId), dueOn: r.dueOn, ticketNumber: r.number, status: r.status });
    }
    groups.set(key, g);
  }
  const out = [...groups.values()].map((g) => ({
    ...g,
    compliancePct: g.due === 0 ? null : Math.round((g.doneOnTime / g.due) * 1000) / 10,
  }));
  out.sort((a, b) => a.siteId - b.siteId || (a.category ?? '').localeCompare(b.category ?? ''));
  return { from: q.from, to: q.to, rows: out, overdue };
}
