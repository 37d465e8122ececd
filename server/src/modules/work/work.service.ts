import type { EntityManager } from 'typeorm';
import {
  ACTIVE_JOB_STATUSES,
  DONE_JOB_STATUSES,
  type DeclineInput,
  type JobListQuery,
  type Page,
  type ResolveInput,
  type StaffTicket,
  type StaffTicketResponse,
  type TicketAction,
} from '@baoxiu/shared';
import { AppError, illegalTransition } from '../../lib/errors';
import { pageWindow, toPage } from '../../lib/pagination';
import type { Deps } from '../../deps';
import { actorOf, type StaffActor } from '../auth/actor';
import { User } from '../auth/user.entity';
import { Offer } from '../dispatch/offer.entity';
import { afterOfferClosed, withdrawPendingOffers } from '../dispatch/dispatch.service';
import { noteOffersClosed } from '../dispatch/offer-load';
import { claimPhotos } from '../uploads/uploads.service';
import { isOnDuty } from '../dispatch/shifts.service';
import { consumeOnResolve } from '../parts/consume';
import { requireAcceptedQuote } from '../parts/quotes.service';
import { Ticket } from '../tickets/ticket.entity';
import { applyTransition, findTicketByNumber } from '../tickets/ticket.transitions';
import { presentStaffTicket, presentStaffTickets } from '../tickets/tickets.presenter';
import { holdsJob, isLiveOffer, seesJob, takenByOther } from '../tickets/tickets.policy';

/**
 * Another module's part of a resolve, run inside its transaction after the transition (PM's checklist, wired in
 * buildDeps so tickets/ imports no feature that imports it back).
 */
export type ResolveHook = (em: EntityManager, ticket: Ticket, input: ResolveInput, now: Date) => Promise<void>;

export async function listJobs(deps: Deps, actor: StaffActor, q: JobListQuery): Promise<Page<StaffTicket>> {
  const em = deps.db.ds.manager;
  const qb = em.createQueryBuilder(Ticket, 't').where('t.tenantId = :tenantId', { tenantId: actor.tenantId });
  if (q.status === 'offered') {
    qb.innerJoin(Offer, 'o', 'o.ticketId = t.id AND o.engineerId = :me AND o.status = :pending', {
      me: actor.userId,
      pending: 'pending',
    }).andWhere('t.status = :offered', { offered: 'offered' });
  } else {
    const statuses = q.status === 'active' ? ACTIVE_JOB_STATUSES : DONE_JOB_STATUSES;
    qb.andWhere('t.engineerId = :me AND t.status IN (:...statuses)', { me: actor.userId, statuses });
  }
  const { skip, take } = pageWindow(q);
  const [rows, total] = await qb.orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'DESC').skip(skip).take(take).getManyAndCount();
  return toPage(await presentStaffTickets(deps, em, rows, { engineerId: actor.userId }), q, total);
}

/** A job is visible to the engineer holding it and to engineers it was ever offered to; others get 404. */
async function loadJob(em: EntityManager, actor: StaffActor, number: string): Promise<{ ticket: Ticket; offer: Offer | null }> {
  const ticket = await findTicketByNumber(em, actor.tenantId, number, 'JOB_NOT_FOUND');
  const offer = await em.findOne(Offer, { where: { ticketId: ticket.id, engineerId: actor.userId }, order: { id: 'DESC' } });
  if (!seesJob(ticket, offer, actor.userId)) throw new AppError('JOB_NOT_FOUND', { number });
  return { ticket, offer };
}

export async function getJob(deps: Deps, actor: StaffActor, number: string): Promise<StaffTicketResponse> {
  const { ticket } = await loadJob(deps.db.ds.manager, actor, number);
  return presentStaffTicket(deps, deps.db.ds.manager, ticket, { engineerId: actor.userId });
}

function liveOffer(ticket: Ticket, offer: Offer | null): Offer | null {
  return isLiveOffer(ticket, offer) ? offer : null;
}

/** First accept wins: the conditional UPDATE lets exactly one engineer through; the rest get OFFER_TAKEN. */
export async function acceptJob(deps: Deps, actor: StaffActor, number: string): Promise<StaffTicketResponse> {
  return deps.db.transaction(async (em) => {
    const { ticket, offer: latest } = await loadJob(em, actor, number);
    const offer = liveOffer(ticket, latest);
    if (!offer) {
      if (takenByOther(ticket, actor.userId) || latest?.status === 'withdrawn') throw new AppError('OFFER_TAKEN', { number });
      if (latest?.status === 'expired') throw new AppError('OFFER_EXPIRED', { number });
      throw illegalTransition('accept', ticket.status);
    }
    const now = deps.clock.now();
    // A pool offer goes to many; whoever claims it must be on duty now (their shifts, leave, override or switch).
    if (offer.kind === 'pool' && !(await isOnDuty(em, actor.tenantId, actor.userId, now)))
      throw new AppError('ENGINEER_OFF_DUTY', { number });
    await applyTransition(em, ticket, 'accept', actorOf(actor), {
      now,
      changes: { engineerId: actor.userId, acceptedAt: now, offerExpiresAt: null, needsDispatcher: false },
      onConflict: 'OFFER_TAKEN',
    });
    await em.update(Offer, { id: offer.id }, { status: 'accepted', respondedAt: now });
    await noteOffersClosed(em, [offer.engineerId]);
    await withdrawPendingOffers(em, ticket.id, now, offer.id);
    await em.update(User, { id: actor.userId }, { lastAssignedAt: now });
    return presentStaffTicket(deps, em, ticket, { engineerId: actor.userId });
  });
}

export async function declineJob(deps: Deps, actor: StaffActor, number: string, input: DeclineInput): Promise<StaffTicketResponse> {
  return deps.db.transaction(async (em) => {
    const { ticket, offer: latest } = await loadJob(em, actor, number);
    const offer = liveOffer(ticket, latest);
    if (!offer) throw illegalTransition('decline', ticket.status);
    const now = deps.clock.now();
    await em.update(Offer, { id: offer.id }, { status: 'declined', reason: input.reason, respondedAt: now });
    await noteOffersClosed(em, [offer.engineerId]);
    await applyTransition(em, ticket, 'decline', actorOf(actor), { now, note: input.reason });
    await afterOfferClosed(em, deps.rosters, ticket, offer.kind, 'declined', now);
    return presentStaffTicket(deps, em, ticket, { engineerId: actor.userId });
  });
}

/** travel / arrive / wait for the customer / resume / resolve: only the engineer holding the job moves it on. */
export async function progressJob(
  deps: Deps,
  actor: StaffActor,
  number: string,
  action: Extract<TicketAction, 'travel' | 'arrive' | 'wait_customer' | 'resume' | 'resolve'>,
  input?: ResolveInput,
): Promise<StaffTicketResponse> {
  const done = await deps.db.transaction(async (em) => {
    const { ticket } = await loadJob(em, actor, number);
    if (!holdsJob(ticket, actor.userId)) throw illegalTransition(action, ticket.status);
    const now = deps.clock.now();
    // Chargeable work waits for an accepted quote (where the tenant asks for one); the parts used leave stock in this
    // transaction: unknown part 422, out of stock 409, and the resolve rolls back.
    if (action === 'resolve') await requireAcceptedQuote(em, ticket, input?.signatureUploadId);
    const changes: Partial<Ticket> =
      action === 'arrive'
        ? { arrivedAt: now }
        : action === 'resolve' && input
          ? { resolvedAt: now, resolutionNotes: input.notes, partsUsed: [] }
          : {};
    await applyTransition(em, ticket, action, actorOf(actor), { now, changes, note: input?.notes });
    if (input) await claimPhotos(em, { tenantId: ticket.tenantId, ticketId: ticket.id, purpose: 'resolution' }, input.photoIds);
    if (input?.signatureUploadId)
      await claimPhotos(em, { tenantId: ticket.tenantId, ticketId: ticket.id, purpose: 'signature' }, [input.signatureUploadId]);
    if (action === 'resolve' && input) await deps.onResolve(em, ticket, input, now);
    // Stock last: the part's row and its balance stay locked (MySQL) from here to the commit, so concurrent takers of
    // the same part queue up behind the short tail of this transaction, not behind the whole resolve.
    if (action === 'resolve' && input && input.partsUsed.length > 0) {
      const partsUsed = await consumeOnResolve(
        em,
        { tenantId: ticket.tenantId, ticketId: ticket.id, engineer: { id: actor.userId, name: actor.name }, now },
        input.partsUsed,
      );
      await em.update(Ticket, { id: ticket.id }, { partsUsed });
      ticket.partsUsed = partsUsed;
    }
    return ticket;
  });
  // Read after the commit: the stock locks (and the rest) are not held while the answer is put together.
  return presentStaffTicket(deps, deps.db.ds.manager, done, { engineerId: actor.userId });
}
