import type { RatingInput, ReopenInput, TrackedTicketResponse } from '@baoxiu/shared';
import { AppError, illegalTransition } from '../../lib/errors';
import type { Deps } from '../../deps';
import { enqueueDispatch } from '../dispatch/dispatch.service';
import { applyTransition, findReporterTicket, findTicketByToken, guardedUpdate, recordEvent, type Actor } from './tickets.repo';
import { presentTracked } from './tickets.presenter';

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
      type: 'rated', from: ticket.status, to: ticket.status, actor: REPORTER, at: now, note: `score=${input.score}`,
    });
    return presentTracked(deps, em, ticket);
  });
}
