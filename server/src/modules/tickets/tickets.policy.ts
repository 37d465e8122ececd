import type { Ticket } from './ticket.entity';
import type { Viewer } from './ticket.transitions';

/** The resource rules on tickets, as pure predicates; services call them and throw the matching AppError. */

/** The engineer currently holding the job (accepted it or was assigned it). */
export function holdsJob(ticket: Pick<Ticket, 'engineerId'>, engineerId: number): boolean {
  return ticket.engineerId === engineerId;
}

/** An engineer sees a job they hold or were ever offered; to anyone else it does not exist. */
export function seesJob(ticket: Pick<Ticket, 'engineerId'>, offerToThem: { id: number } | null, engineerId: number): boolean {
  return offerToThem !== null || holdsJob(ticket, engineerId);
}

/** The engineer's latest offer, if it is the live one: the ticket is on offer, in this round, and they have not answered. */
export function isLiveOffer(ticket: Pick<Ticket, 'status' | 'dispatchRound'>, offer: { status: string; round: number } | null): boolean {
  return ticket.status === 'offered' && offer?.status === 'pending' && offer.round === ticket.dispatchRound;
}

/** Another engineer holds the job now. */
export function takenByOther(ticket: Pick<Ticket, 'engineerId'>, engineerId: number): boolean {
  return ticket.engineerId !== null && ticket.engineerId !== engineerId;
}

/** Confirm, reopen and rate belong to the reporter; a follow link (same problem, someone else's request) is read-only. */
export function mayActAsReporter(viewer: Viewer): boolean {
  return viewer === 'reporter';
}
