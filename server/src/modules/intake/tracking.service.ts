import { OPEN_STATUSES, type RatingInput, type ReopenInput, type TrackedTicketResponse } from '@baoxiu/shared';
import { MoreThan } from 'typeorm';
import { AppError, illegalTransition } from '../../lib/errors';
import type { Deps } from '../../deps';
import { enqueueDispatch } from '../dispatch/dispatch.service';
import {
  applyTransition,
  findReporterTicket,
  findTicketByToken,
  guardedUpdate,
  recordEvent,
  type Actor,
} from '../tickets/ticket.transitions';
import { presentTracked } from '../tickets/tickets.presenter';
import { TicketEvent } from '../tickets/ticket-event.entity';

const REPORTER: Actor = { type: 'reporter', id: null };

export async function trackTicket(deps: Deps, token: string): Promise<TrackedTicketResponse> {
  const { ticket, viewer } = await findTicketByToken(deps.db.ds.manager, token, deps.jwtSecret);
  return presentTracked(deps, deps.db.ds.manager, ticket, viewer);
}

export async function confirmFix(deps: Deps, token: string): Promise<TrackedTicketResponse> {
  return deps.db.transaction(async (em) => {
    const ticket = await findReporterTicket(em, token, deps.jwtSecret);
    const now = deps.clock.now();
    await applyTransition(em, ticket, 'confirm', REPORTER, { now, changes: { closedAt: now } });
    return presentTracked(deps, em, ticket);
  });
}

/** "Not fixed": a new dispatch cycle starts, so earlier refusals do not keep anyone out. */
export async function reopenTicket(deps: Deps, token: string, input: ReopenInput): Promise<TrackedTicketResponse> {
  return deps.db.transaction(async (em) => {
    const ticket = await findReporterTicket(em, token, deps.jwtSecret);
    const now = deps.clock.now();
    await applyTransition(em, ticket, 'reopen', REPORTER, {
      now,
      note: input.reason,
      changes: { engineerId: null, dispatchCycle: ticket.dispatchCycle + 1, needsDispatcher: false, closedAt: null },
    });
    await enqueueDispatch(em, ticket, now);
    return presentTracked(deps, em, ticket);
  });
}

export async function rateTicket(deps: Deps, token: string, input: RatingInput): Promise<TrackedTicketResponse> {
  return deps.db.transaction(async (em) => {
    const ticket = await findReporterTicket(em, token, deps.jwtSecret);
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') throw illegalTransition('rate', ticket.status);
    if (ticket.rating !== null) throw new AppError('ALREADY_RATED');
    const now = deps.clock.now();
    await guardedUpdate(em, ticket, { rating: input.score, ratingComment: input.comment || null, ratedAt: now }, now, 'ALREADY_RATED');
    await recordEvent(em, ticket, {
      type: 'rated',
      from: ticket.status,
      to: ticket.status,
      actor: REPORTER,
      at: now,
      note: `score=${input.score}`,
    });
    return presentTracked(deps, em, ticket);
  });
}

/** One urge per ticket per this long, whoever holds the link (reporter or follower). */
export const URGE_INTERVAL_MS = 30 * 60 * 1000;

/**
 * 催单: an `urged` event, which the dispatcher hears of through the outbox. The ticket row is left alone, so
 * an urge never makes an engineer's concurrent accept or arrive lose its version check.
 */
export async function urgeTicket(deps: Deps, token: string): Promise<TrackedTicketResponse> {
  return deps.db.transaction(async (em) => {
    const { ticket, viewer } = await findTicketByToken(em, token, deps.jwtSecret);
    if (!OPEN_STATUSES.includes(ticket.status)) throw new AppError('TICKET_NOT_URGEABLE', { status: ticket.status });
    const now = deps.clock.now();
    const last = await em.findOne(TicketEvent, {
      where: { ticketId: ticket.id, type: 'urged', createdAt: MoreThan(new Date(now.getTime() - URGE_INTERVAL_MS)) },
      order: { id: 'DESC' },
    });
    if (last) {
      const retryAfterSeconds = Math.max(1, Math.ceil((last.createdAt.getTime() + URGE_INTERVAL_MS - now.getTime()) / 1000));
      throw new AppError('URGE_TOO_SOON', { retryAfterSeconds, urgedAt: last.createdAt.toISOString() });
    }
    await recordEvent(em, ticket, { type: 'urged', from: ticket.status, to: ticket.status, actor: REPORTER, at: now, note: viewer });
    return presentTracked(deps, em, ticket, viewer);
  });
}
