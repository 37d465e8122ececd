import { In, type EntityManager } from 'typeorm';
import { enqueue } from '../../queue/outbox';
import { Ticket } from '../tickets/ticket.entity';
import { Asset } from '../assets/asset.entity';
import { Tenant } from '../tenants/tenant.entity';
import { Offer, type OfferKind } from './offer.entity';
import { rankCandidates } from './dispatch.scoring';
import { noteOffersClosed, noteOffersOpened } from './offer-load';
import { loadCandidates, type RosterCache } from './dispatch.roster';
import { dispatchJob, expireJob } from './dispatch.jobs';
import { applyTransition, recordEvent, SYSTEM, type Actor } from '../tickets/ticket.transitions';

/** Queues the dispatch of a ticket for its current cycle, in the caller's transaction. */
export async function enqueueDispatch(em: EntityManager, ticket: Ticket, now: Date): Promise<void> {
  await enqueue(em, now, dispatchJob(ticket));
}

/** Withdraws whatever offers are still open on a ticket (accepted elsewhere, reassigned, cancelled). */
export async function withdrawPendingOffers(em: EntityManager, ticketId: number, now: Date, exceptId?: number): Promise<void> {
  // Read first: the engineers' pending counters go down by the offers withdrawn (none: no UPDATE either).
  const open = (await em.find(Offer, { where: { ticketId, status: 'pending' }, select: { id: true, engineerId: true } })).filter(
    (o) => o.id !== exceptId,
  );
  if (open.length === 0) return;
  await em.update(Offer, { id: In(open.map((o) => o.id)), status: 'pending' }, { status: 'withdrawn', respondedAt: now });
  await noteOffersClosed(
    em,
    open.map((o) => o.engineerId),
  );
}

/** Puts a batch of offers out (one engineer in auto mode, all eligible in pool mode, the chosen one on assign). */
export async function makeOffers(
  em: EntityManager,
  ticket: Ticket,
  o: { engineerIds: number[]; kind: OfferKind; timeoutSeconds: number; now: Date; actor: Actor; changes?: Partial<Ticket> },
): Promise<Ticket> {
  const round = ticket.dispatchRound + 1;
  const expiresAt = new Date(o.now.getTime() + o.timeoutSeconds * 1000);
  const action = o.kind === 'assign' ? 'assign' : 'offer';
  await applyTransition(em, ticket, action, o.actor, {
    now: o.now,
    changes: { ...o.changes, dispatchRound: round, offerExpiresAt: expiresAt, needsDispatcher: false, engineerId: null },
    note: `engineers=${o.engineerIds.join(',')}`,
  });
  await em.insert(
    Offer,
    o.engineerIds.map((engineerId) => ({
      tenantId: ticket.tenantId,
      ticketId: ticket.id,
      engineerId,
      cycle: ticket.dispatchCycle,
      round,
      kind: o.kind,
      status: 'pending' as const,
      reason: null,
      createdAt: o.now,
      expiresAt,
      respondedAt: null,
    })),
  );
  // The engineers' counters are written just before COMMIT (offer-load.ts): concurrent dispatches in a tenant all
  // offer to the same few engineers, and a lock on their rows taken here serialised them (82 ms a job at 100 tickets/s).
  await noteOffersOpened(em, o.engineerIds, o.now);
  await enqueue(em, o.now, expireJob(ticket.id, round, expiresAt));
  return ticket;
}

/** Hands the ticket to the dispatcher's queue: nobody (else) could take it. */
export async function escalate(em: EntityManager, ticket: Ticket, reason: string, now: Date): Promise<Ticket> {
  await withdrawPendingOffers(em, ticket.id, now);
  return applyTransition(em, ticket, 'escalate', SYSTEM, {
    now,
    changes: { needsDispatcher: true, offerExpiresAt: null, engineerId: null },
    note: reason,
  });
}

/** Offers the ticket to the next candidates of this cycle, or escalates when there are none left. */
export async function offerNext(em: EntityManager, rosters: RosterCache, ticket: Ticket, now: Date): Promise<Ticket> {
  const tenant = await em.findOneByOrFail(Tenant, { id: ticket.tenantId });
  if (tenant.dispatchMode === 'manual') return escalate(em, ticket, 'manual_dispatch', now);
  // The ticket carries its site and category from intake; the asset is read only when the category was unknown then.
  const category = ticket.category ?? (await em.findOneByOrFail(Asset, { id: ticket.assetId })).category;
  // A ticket never offered (round 0) has nobody to exclude: no need to ask.
  const asked =
    ticket.dispatchRound === 0
      ? []
      : await em.find(Offer, {
          where: { ticketId: ticket.id, cycle: ticket.dispatchCycle },
          select: { engineerId: true },
        });
  const needs = { category, siteId: ticket.siteId };
  const ranked = rankCandidates(await loadCandidates(em, rosters, tenant, needs, now), needs, new Set(asked.map((a) => a.engineerId)));
  if (ranked.length === 0) return escalate(em, ticket, asked.length > 0 ? 'candidates_exhausted' : 'no_candidates', now);
  const pool = tenant.dispatchMode === 'pool';
  return makeOffers(em, ticket, {
    engineerIds: pool ? ranked.map((c) => c.id) : [ranked[0].id],
    kind: pool ? 'pool' : 'auto',
    timeoutSeconds: tenant.offerTimeoutSeconds,
    now,
    actor: SYSTEM,
  });
}

/** After a refusal or a timeout: auto mode asks the next engineer; pool and assignments go to the dispatcher. */
export async function afterOfferClosed(
  em: EntityManager,
  rosters: RosterCache,
  ticket: Ticket,
  kind: OfferKind,
  reason: string,
  now: Date,
): Promise<void> {
  if (kind === 'auto') {
    await offerNext(em, rosters, ticket, now);
    return;
  }
  const stillOpen = await em.countBy(Offer, { ticketId: ticket.id, round: ticket.dispatchRound, status: 'pending' });
  if (stillOpen === 0) await escalate(em, ticket, reason, now);
}

/** Handles an offer's deadline; a stale or early call changes nothing, so the job may run any number of times. */
export async function expireOffers(em: EntityManager, rosters: RosterCache, ticketId: number, round: number, now: Date): Promise<boolean> {
  const ticket = await em.findOneBy(Ticket, { id: ticketId });
  if (!ticket || ticket.status !== 'offered' || ticket.dispatchRound !== round) return false;
  if (!ticket.offerExpiresAt || ticket.offerExpiresAt.getTime() > now.getTime()) return false;
  const pending = await em.findBy(Offer, { ticketId, round, status: 'pending' });
  await em.update(Offer, { ticketId, round, status: 'pending' }, { status: 'expired', respondedAt: now });
  await noteOffersClosed(
    em,
    pending.map((p) => p.engineerId),
  );
  await recordEvent(em, ticket, {
    type: 'offer_expired',
    from: 'offered',
    to: 'offered',
    actor: SYSTEM,
    at: now,
    note: `engineers=${pending.map((p) => p.engineerId).join(',')}`,
  });
  await afterOfferClosed(em, rosters, ticket, pending[0]?.kind ?? 'auto', 'offer_timeout', now);
  return true;
}
