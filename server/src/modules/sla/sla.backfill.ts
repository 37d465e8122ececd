import type { Deps } from '../../deps';
import { sqlTime } from '../../db/columns';

/** How far back (by filing time) tickets closed without recorded SLA outcomes are given to the sweep. */
export const SLA_BACKFILL_DAYS = 400;

/** DATETIME(3) text as both drivers store and compare it (UTC). */

/**
 * Outcomes of history: tickets resolved or closed before the SlaAttainment migration (which marked only open
 * tickets) have clock events but no recorded outcome. Setting their `slaNextAt` to now hands them to the escalation
 * sweep, which replays their clocks and records met / breached (it decides settled tickets the same way, and fires
 * no level for them: their clocks are stopped). Filed within SLA_BACKFILL_DAYS, at most once in effect: a swept
 * ticket has an outcome or (no target applies any more) a null next instant and is matched again only by this.
 * MySQL runs it once as migration 1796174100000; SQLite (synchronize, no migrations) at every start, where it
 * finds nothing once the sweep has passed. Answers the tickets marked.
 */
export async function markSettledForSlaSweep(deps: Pick<Deps, 'db'>, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - SLA_BACKFILL_DAYS * 86_400_000);
  const runner = deps.db.ds.createQueryRunner();
  try {
    // A structured result: the changed rows' count on both drivers.
    const result = (await runner.query(
      `UPDATE tickets SET slaNextAt = ?
       WHERE status IN ('resolved', 'closed') AND slaNextAt IS NULL
         AND slaResponseOutcome IS NULL AND slaArrivalOutcome IS NULL AND slaResolutionOutcome IS NULL
         AND createdAt >= ? AND EXISTS (SELECT 1 FROM sla_clock_events e WHERE e.ticketId = tickets.id)`,
      [sqlTime(now), sqlTime(cutoff)],
      true,
    )) as { affected?: number };
    return result.affected ?? 0;
  } finally {
    await runner.release();
  }
}
