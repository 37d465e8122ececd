import { requireRefusedQuote } from '../parts/quotes.service';
import type { AssignInput, CancelInput, StaffTicketResponse } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { actorOf, type StaffActor } from '../auth/actor';
import { Tenant } from '../tenants/tenant.entity';
import { getEngineer } from '../engineers/engineers.service';
import { makeOffers, withdrawPendingOffers } from '../dispatch/dispatch.service';
import { applyTransition, findTicketByNumber } from '../tickets/ticket.transitions';
import { presentStaffTicket } from '../tickets/tickets.presenter';

/** The ticket list (keyset cursor, bounded offset, capped and cached total) lives in its own module. */
export { listTickets } from './ticket-list';

/** The staff detail (asset, site, timeline with names, offers, rating) is in desk.detail.ts. */

/** Assign or reassign: the chosen engineer gets a direct offer; a previous holder is released. */
export async function assignTicket(deps: Deps, actor: StaffActor, number: string, input: AssignInput): Promise<StaffTicketResponse> {
  const engineer = await getEngineer(deps, actor.tenantId, input.engineerId);
  return deps.db.transaction(async (em) => {
    const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
    const tenant = await em.findOneByOrFail(Tenant, { id: actor.tenantId });
    const now = deps.clock.now();
    await withdrawPendingOffers(em, ticket.id, now);
    await makeOffers(em, ticket, {
      engineerIds: [engineer.id],
      kind: 'assign',
      timeoutSeconds: tenant.offerTimeoutSeconds,
      now,
      actor: actorOf(actor),
      changes: { dispatchCycle: ticket.dispatchCycle + 1, acceptedAt: null, arrivedAt: null },
    });
    return presentStaffTicket(deps, em, ticket);
  });
}

export async function cancelTicket(deps: Deps, actor: StaffActor, number: string, input: CancelInput): Promise<StaffTicketResponse> {
  return deps.db.transaction(async (em) => {
    const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
    const now = deps.clock.now();
    if (input.code === 'quote_refused') await requireRefusedQuote(em, ticket.id);
    await applyTransition(em, ticket, 'cancel', actorOf(actor), {
      now,
      note: input.code ? `[${input.code}] ${input.reason}` : input.reason,
      changes: { offerExpiresAt: null, needsDispatcher: false },
    });
    await withdrawPendingOffers(em, ticket.id, now);
    return presentStaffTicket(deps, em, ticket);
  });
}
