import { ACTIVE_JOB_STATUSES } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { Ticket } from '../tickets/ticket.entity';
import { placeholders } from '../../db/columns';

/** Open (accepted, travelling, on site, waiting) jobs per engineer, in one grouped query. */
export async function countOpenJobs(deps: Deps, tenantId: number, engineerIds?: number[]): Promise<Map<number, number>> {
  const qb = deps.db.ds
    .getRepository(Ticket)
    .createQueryBuilder('t')
    .select('t.engineerId', 'engineerId')
    .addSelect('COUNT(*)', 'n')
    .where('t.tenantId = :tenantId AND t.status IN (:...statuses)', { tenantId, statuses: ACTIVE_JOB_STATUSES })
    .andWhere('t.engineerId IS NOT NULL')
    .groupBy('t.engineerId');
  if (engineerIds && engineerIds.length > 0) qb.andWhere('t.engineerId IN (:...engineerIds)', { engineerIds });
  const rows = await qb.getRawMany<{ engineerId: number; n: string | number }>();
  return new Map(rows.map((r) => [Number(r.engineerId), Number(r.n)]));
}

/**
 * Sets every engineer's `users.openJobs` to the count of their tickets in an active job status (the migration's
 * back-fill, SQLite at start, the bench after seeding tickets directly). Optionally one tenant.
 */
export function recountOpenJobsSql(tenantId?: number): { sql: string; params: Array<string | number> } {
  const statuses = [...ACTIVE_JOB_STATUSES];
  return {
    sql:
      `UPDATE users SET openJobs = (SELECT COUNT(*) FROM tickets t
            WHERE t.tenantId = users.tenantId AND t.engineerId = users.id AND t.status IN (${placeholders(statuses)}))` +
      (tenantId === undefined ? '' : ' WHERE users.tenantId = ?'),
    params: tenantId === undefined ? statuses : [...statuses, tenantId],
  };
}
