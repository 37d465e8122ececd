import type { AssignInput, CancelInput } from '@baoxiu/shared';
import { withTx, type Deps } from '../../deps';
import { iso } from '../../lib/time';
import type { StaffActor } from '../auth/auth.middleware';
import { Tenant } from '../tenants/tenant.entity';
import { getEngineer } from '../engineers/engineers.service';
import { makeOffers, withdrawPendingOffers } from '../dispatch/dispatch.service';
import { TicketEvent } from './ticket-event.entity';
import { applyTransition, findTicketByNumber, type Actor } from './tickets.repo';
import { presentStaffTicket } from './tickets.presenter';

const asActor = (a: StaffActor): Actor => ({ type: a.type, id: a.userId });

/** The ticket list (keyset cursor, bounded offset, capped and cached total) lives in its own module. */
export { listTickets } from './ticket-list';

export async function getTicketWithHistory(deps: Deps, actor: StaffActor, number: string) {
  const em = deps.db.ds.manager;
  const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
  const events = await em.find(TicketEvent, { where: { ticketId: ticket.id }, order: { id: 'ASC' } });
  return {
    ...(await presentStaffTicket(deps, em, ticket)),
    events: events.map((e) => ({
      type: e.type, at: iso(e.createdAt), from: e.fromStatus, to: e.toStatus, actorType: e.actorType,
      actorId: e.actorId, note: e.note,
    })),
  };
}

/** Assign or reassign: the chosen engineer gets a direct offer; a previous holder is released. */
export async function assignTicket(deps: Deps, actor: StaffActor, number: string, input: AssignInput) {
  const engineer = await getEngineer(deps, actor.tenantId, input.engineerId);
  return withTx(deps, async (em) => {
    const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
    const tenant = await em.findOneByOrFail(Tenant, { id: actor.tenantId });
    const now = deps.clock.now();
    await withdrawPendingOffers(em, ticket.id, now);
    await makeOffers(em, ticket, {
      engineerIds: [engineer.id], kind: 'assign', timeoutSeconds: tenant.offerTimeoutSeconds, now, actor: asActor(actor),
      changes: { dispatchCycle: ticket.dispatchCycle + 1, acceptedAt: null, arrivedAt: null },
    });
    return presentStaffTicket(deps, em, ticket);
  });
}

export async function cancelTicket(deps: Deps, actor: StaffActor, number: string, input: CancelInput) {
  return withTx(deps, async (em) => {
    const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
    const now = deps.clock.now();
    await applyTransition(em, ticket, 'cancel', asActor(actor), {
      now, note: input.reason, changes: { offerExpiresAt: null, needsDispatcher: false },
    });
    await withdrawPendingOffers(em, ticket.id, now);
    return presentStaffTicket(deps, em, ticket);
  });
}
