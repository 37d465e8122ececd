import type { EntityManager } from 'typeorm';
import { AppError } from '../../lib/errors';
import { isUniqueViolation } from '../../db/database';
import { TicketCounter } from './ticket-counter.entity';

export const formatTicketNumber = (day: string, n: number) => `BX-${day}-${String(n).padStart(4, '0')}`;

/**
 * Takes `count` consecutive numbers of a tenant's day and returns the first. The counter row stays
 * locked until the transaction ends, which serialises intakes of a tenant: callers take numbers as the
 * last step of their transaction (intake does, for a whole batch at once), so the lock is held briefly.
 */
export async function takeTicketNumbers(em: EntityManager, tenantId: number, day: string, count: number): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const bumped = await em
      .createQueryBuilder()
      .update(TicketCounter)
      .set({ value: () => `value + ${Number(count)}` })
      .where('tenantId = :tenantId AND day = :day', { tenantId, day })
      .execute();
    if (bumped.affected === 1) {
      const row = await em.findOneByOrFail(TicketCounter, { tenantId, day });
      return row.value - count + 1;
    }
    try {
      await em.insert(TicketCounter, { tenantId, day, value: count });
      return 1;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new AppError('CONFLICT', { reason: 'ticket number' });
}
