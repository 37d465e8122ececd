import type { EntityManager } from 'typeorm';
import { txBuffer } from '../../db/commit-listener';
import { sqlTime, placeholders } from '../../db/columns';

/**
 * Each engineer's pending offers (`users.pendingOffers`) and the time of their last offer (`users.lastOfferedAt`),
 * kept by the transactions that open and close offers, so a dispatch decision reads them from the user rows
 * instead of counting offers. Counting was a range of the offers index per engineer, and on hot pages InnoDB
 * checked every entry against the table: with a backlog of 20,000 tickets offered to three engineers a decision
 * took 10–50 ms and the drain slowed as it went.
 *
 * The changes of a transaction are gathered and written in one UPDATE just before COMMIT, rows in id order: the
 * rows of engineers who are offered many jobs at once stay locked only for the end of each transaction, and two
 * transactions never lock them in opposite orders.
 */
interface LoadChange {
  engineerId: number;
  delta: number;
  offeredAt: Date | null;
}

/** Offers to these engineers were opened at `at` (one each). */
export async function noteOffersOpened(em: EntityManager, engineerIds: readonly number[], at: Date): Promise<void> {
  await record(
    em,
    engineerIds.map((engineerId) => ({ engineerId, delta: 1, offeredAt: at })),
  );
}

/** Pending offers of these engineers were answered, withdrawn or expired (one id per offer). */
export async function noteOffersClosed(em: EntityManager, engineerIds: readonly number[]): Promise<void> {
  await record(
    em,
    engineerIds.map((engineerId) => ({ engineerId, delta: -1, offeredAt: null })),
  );
}

async function record(em: EntityManager, changes: LoadChange[]): Promise<void> {
  if (changes.length === 0) return;
  const buffer = txBuffer(em, 'offerLoad', writeLoads);
  if (buffer) buffer.push(...changes);
  else await writeLoads(em, changes);
}

/** One UPDATE for all the changes: net delta and latest offer per engineer, in id order. */
async function writeLoads(em: EntityManager, changes: LoadChange[]): Promise<void> {
  const net = new Map<number, { delta: number; offeredAt: Date | null }>();
  for (const c of changes) {
    const n = net.get(c.engineerId) ?? { delta: 0, offeredAt: null };
    n.delta += c.delta;
    if (c.offeredAt && (!n.offeredAt || c.offeredAt > n.offeredAt)) n.offeredAt = c.offeredAt;
    net.set(c.engineerId, n);
  }
  const rows = [...net].filter(([, n]) => n.delta !== 0 || n.offeredAt).sort(([a], [b]) => a - b);
  if (rows.length === 0) return;
  const later = em.connection.options.type === 'better-sqlite3' ? 'MAX' : 'GREATEST';
  const params: Array<number | string> = [];
  const deltaCases = rows.map(([id, n]) => {
    params.push(id, n.delta);
    return 'WHEN ? THEN ?';
  });
  const offered = rows.filter(([, n]) => n.offeredAt);
  const timeCases = offered.map(([id, n]) => {
    const at = sqlTime(n.offeredAt as Date);
    params.push(id, at, at);
    return `WHEN ? THEN ${later}(COALESCE(lastOfferedAt, ?), ?)`;
  });
  params.push(...rows.map(([id]) => id));
  await em.query(
    `UPDATE users SET pendingOffers = pendingOffers + CASE id ${deltaCases.join(' ')} ELSE 0 END` +
      (timeCases.length > 0 ? `, lastOfferedAt = CASE id ${timeCases.join(' ')} ELSE lastOfferedAt END` : '') +
      ` WHERE id IN (${placeholders(rows)})`,
    params,
  );
}

/**
 * Sets every engineer's counters from the offers themselves (the migration's back-fill, SQLite at start), optionally
 * for one tenant.
 */
export function recountOfferLoadsSql(tenantId?: number): { sql: string; params: number[] } {
  return {
    sql:
      `UPDATE users SET
         pendingOffers = (SELECT COUNT(*) FROM offers o WHERE o.tenantId = users.tenantId AND o.engineerId = users.id AND o.status = 'pending'),
         lastOfferedAt = (SELECT MAX(l.createdAt) FROM offers l WHERE l.tenantId = users.tenantId AND l.engineerId = users.id)` +
      (tenantId === undefined ? '' : ' WHERE users.tenantId = ?'),
    params: tenantId === undefined ? [] : [tenantId],
  };
}
