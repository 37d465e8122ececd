import type { EntityManager } from 'typeorm';
import { AppError } from '../../lib/errors';
import { isUniqueViolation } from '../../db/database';
import { TicketCounter } from './ticket-counter.entity';

export const formatTicketNumber = (day: string, n: number) => `BX-${day}-${String(n).padStart(4, '0')}`;

/**
 * Takes `count` consecutive numbers of a tenant's day and returns the first. The counter row stays
 * locked until the transaction ends, which serialises intakes of a tenant: intake takes the numbers of
 * a whole batch at once, so the lock is taken once per batch, not once per ticket.
 */
export async function takeTicketNumbers(em: EntityManager, tenantId: number, day: string, count: number): Promise<number> {
  const n = Number(count);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const last = await bumpCounter(em, tenantId, day, n);
    if (last !== null) return last - n + 1;
    try {
      await em.insert(TicketCounter, { tenantId, day, value: n });
      return 1;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new AppError('CONFLICT', { reason: 'ticket number' });
}

/**
 * Adds n to the counter and returns its new value in one statement (null when the row does not exist yet):
 * on MySQL the value usually rides back in the OK packet through LAST_INSERT_ID(expr); SQLite has RETURNING.
 */
async function bumpCounter(em: EntityManager, tenantId: number, day: string, n: number): Promise<number | null> {
  if (em.connection.options.type === 'better-sqlite3') {
    const rows = await em.query<Array<{ value: number }>>(
      'UPDATE ticket_counters SET value = value + ? WHERE tenantId = ? AND day = ? RETURNING value',
      [n, tenantId, day],
    );
    return rows.length === 1 ? Number(rows[0].value) : null;
  }
  const result = await em.query<{ affectedRows: number; insertId: number }>(
    'UPDATE ticket_counters SET value = LAST_INSERT_ID(value + ?) WHERE tenantId = ? AND day = ?',
    [n, tenantId, day],
  );
  if (result.affectedRows !== 1) return null;
  if (Number(result.insertId) > 0) return Number(result.insertId);
  // MariaDB does not always put LAST_INSERT_ID(expr) in the OK packet (the fuzz caught an insertId of 0 after
  // a changed row): read the row, which this transaction holds locked.
  const [row] = await em.query<Array<{ value: number | string }>>('SELECT value FROM ticket_counters WHERE tenantId = ? AND day = ?', [
    tenantId,
    day,
  ]);
  return Number(row.value);
}
