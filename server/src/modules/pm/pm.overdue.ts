import type { PmOverdueItem, PmOverduePage, PmOverdueQuery } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { daysBetween, isoDayInZone } from '../../lib/time';
import { getTenant } from '../tenants/tenants.service';
import { placeholders } from '../../db/columns';

/** A visit is done (or called off) once its ticket is resolved, closed or cancelled; anything else past due is overdue. */
const SETTLED = ['resolved', 'closed', 'cancelled'];

/**
 * The console's overdue PM: visits due before today (tenant zone) whose ticket is not settled, oldest due first,
 * a page at a time, optionally for one site or plan. A visit generated late (back-filled) is here from the start.
 */
export async function listOverdue(deps: Deps, tenantId: number, q: PmOverdueQuery): Promise<PmOverduePage> {
  const tenant = await getTenant(deps, tenantId);
  const today = isoDayInZone(deps.clock.now(), tenant.timezone);
  const where = ['o.tenantId = ?', 'o.dueOn < ?', `(t.id IS NULL OR t.status NOT IN (${placeholders(SETTLED)}))`];
  const params: unknown[] = [tenantId, today, ...SETTLED];
  if (q.siteId !== undefined) {
    where.push('a.siteId = ?');
    params.push(q.siteId);
  }
  if (q.planId !== undefined) {
    where.push('o.planId = ?');
    params.push(q.planId);
  }
  const from = `FROM pm_occurrences o JOIN pm_plans p ON p.id = o.planId JOIN assets a ON a.id = o.assetId
    JOIN sites s ON s.id = a.siteId LEFT JOIN tickets t ON t.id = o.ticketId WHERE ${where.join(' AND ')}`;
  const [{ n }] = await deps.db.ds.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n ${from}`, params);
  const rows = await deps.db.ds.query<
    Array<{
      planId: number | string;
      planName: string;
      assetId: number | string;
      assetName: string;
      assetCode: string;
      siteId: number | string;
      site: string;
      dueOn: string;
      number: string | null;
      status: string | null;
      late: number | string | boolean;
    }>
  >(
    `SELECT o.planId AS planId, p.name AS planName, o.assetId AS assetId, a.name AS assetName, a.code AS assetCode, a.siteId AS siteId,
            s.name AS site, o.dueOn AS dueOn, t.number AS number, t.status AS status, o.late AS late
     ${from} ORDER BY o.dueOn ASC, o.id ASC LIMIT ? OFFSET ?`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize],
  );
  const items: PmOverdueItem[] = rows.map((r) => ({
    planId: Number(r.planId),
    planName: r.planName,
    assetId: Number(r.assetId),
    assetName: r.assetName,
    assetCode: r.assetCode,
    siteId: Number(r.siteId),
    site: r.site,
    dueOn: r.dueOn,
    ticketNumber: r.number,
    status: r.status,
    daysOverdue: daysBetween(r.dueOn, today),
    late: Boolean(Number(r.late)),
  }));
  return { items, page: q.page, pageSize: q.pageSize, total: Number(n) };
}
