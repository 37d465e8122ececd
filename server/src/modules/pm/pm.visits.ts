import type { PmVisit } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { Ticket } from '../tickets/ticket.entity';
import { PmOccurrenceRow, PmPlanRow } from './pm.entity';

/** A preventive ticket's visit: its plan's checklist (the item ids resolve answers name) and any results. */
export async function getVisit(deps: Deps, tenantId: number, number: string): Promise<PmVisit> {
  const em = deps.db.ds.manager;
  const ticket = await em.findOneBy(Ticket, { tenantId, number });
  const occurrence = ticket ? await em.findOneBy(PmOccurrenceRow, { tenantId, ticketId: ticket.id }) : null;
  const plan = occurrence ? await em.findOneBy(PmPlanRow, { tenantId, id: occurrence.planId }) : null;
  if (!ticket || !occurrence || !plan) throw new AppError('TICKET_NOT_FOUND', { number });
  const corrective = occurrence.correctiveTicketId ? await em.findOneBy(Ticket, { tenantId, id: occurrence.correctiveTicketId }) : null;
  return {
    ticketNumber: ticket.number,
    planId: plan.id,
    planName: plan.name,
    assetId: occurrence.assetId,
    dueOn: occurrence.dueOn,
    checklist: plan.checklist,
    results: occurrence.results,
    correctiveTicketNumber: corrective?.number ?? null,
  };
}
