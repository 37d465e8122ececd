import { OPEN_STATUSES, SLA_TARGETS, type SlaAtRiskItem, type SlaAtRiskQuery, type SlaAtRiskResponse } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { Ticket } from '../tickets/ticket.entity';
import { presentClock, clocksOfTickets } from '../sla/sla.view';

const BATCH = 500;
export const AT_RISK_LIMIT = 200;

/**
 * The desk's "breaching soon" list: every running clock of the tenant's open tickets with at most
 * `withinMinutes` business minutes left (overdue ones included), most urgent first.
 */
export async function atRisk(deps: Deps, tenantId: number, q: SlaAtRiskQuery): Promise<SlaAtRiskResponse> {
  const em = deps.db.ds.manager;
  const limitMs = q.withinMinutes * 60_000;
  const items: Array<SlaAtRiskItem & { remainingMs: number }> = [];
  let afterId = 0;
  for (;;) {
    const tickets = await em
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(['t.id', 't.tenantId', 't.number', 't.status', 't.urgency', 't.category', 't.siteId'])
      .where('t.tenantId = :tenantId AND t.status IN (:...open) AND t.id > :afterId', { tenantId, open: OPEN_STATUSES, afterId })
      .orderBy('t.id', 'ASC')
      .take(BATCH)
      .getMany();
    if (tickets.length === 0) break;
    afterId = tickets[tickets.length - 1].id;
    const clocks = await clocksOfTickets(deps, em, tickets);
    for (const t of tickets) {
      for (const target of SLA_TARGETS) {
        const r = clocks.get(t.id)?.readings[target];
        const view = presentClock(r ?? null);
        if (!r?.running || !view || r.remainingMs > limitMs) continue;
        items.push({
          number: t.number,
          status: t.status,
          urgency: t.urgency,
          siteId: t.siteId,
          target,
          dueAt: view.dueAt,
          state: view.state,
          remainingSeconds: view.remainingSeconds,
          remainingMs: r.remainingMs,
        });
      }
    }
    if (tickets.length < BATCH) break;
  }
  items.sort((a, b) => a.remainingMs - b.remainingMs);
  return {
    items: items.slice(0, AT_RISK_LIMIT).map(({ remainingMs: _, ...item }) => item),
    withinMinutes: q.withinMinutes,
    truncated: items.length > AT_RISK_LIMIT,
  };
}
