import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES } from '@baoxiu/shared';
import { Ticket } from '../tickets/ticket.entity';

/**
 * Marks a tenant's open tickets (or one site's) due for the sweep now: their clocks are replayed under a
 * new policy or calendar on its next pass. Not a visible change (no version bump).
 */
export async function markSlaDue(em: EntityManager, tenantId: number, now: Date, siteId?: number): Promise<void> {
  const qb = em
    .createQueryBuilder()
    .update(Ticket)
    .set({ slaNextAt: now })
    .where('tenantId = :tenantId AND status IN (:...open)', { tenantId, open: OPEN_STATUSES });
  if (siteId !== undefined) qb.andWhere('siteId = :siteId', { siteId });
  await qb.execute();
}
