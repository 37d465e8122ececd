import type { EntityManager } from 'typeorm';
import { OPEN_STATUSES } from '@baoxiu/shared';
import { sqlTime, placeholders } from '../../db/columns';

/**
 * Marks a tenant's open tickets (or one site's) due for the sweep now: their clocks are replayed under a
 * new policy or calendar on its next pass. Not a visible change (no version bump). `slaNextAt` is the SLA
 * module's hand-off to the escalation sweep, written here by SQL as sla.backfill.ts does: the SLA clock sits
 * below the tickets module (which records transitions into it), so it does not import the ticket entity.
 */
export async function markSlaDue(em: EntityManager, tenantId: number, now: Date, siteId?: number): Promise<void> {
  const open = placeholders(OPEN_STATUSES);
  const params: unknown[] = [sqlTime(now), tenantId, ...OPEN_STATUSES];
  let where = `tenantId = ? AND status IN (${open})`;
  if (siteId !== undefined) {
    where += ' AND siteId = ?';
    params.push(siteId);
  }
  await em.query(`UPDATE tickets SET slaNextAt = ? WHERE ${where}`, params);
}
