import { ACTIVE_JOB_STATUSES } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { Ticket } from '../tickets/ticket.entity';

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
