import type { EntityManager } from 'typeorm';
import {
  ACTIVE_JOB_STATUSES,
  canTransition,
  nextStatus,
  type ErrorCode,
  type TicketAction,
  type TicketEventType,
  type TicketStatus,
} from '@baoxiu/shared';
import { AppError, illegalTransition } from '../../lib/errors';
import { Ticket } from './ticket.entity';
import { ticketIdFromFollowToken } from './follow';
import { TicketEvent } from './ticket-event.entity';
import { noteAssetChanged, noteTicketChanged } from '../../db/commit-listener';
import { insertRows } from '../../db/insert-rows';
import { enqueueFanout, notifies } from './notify.events';
import { recordSlaTransition } from '../sla/ledger.service';

import { SYSTEM, type Actor } from '../auth/actor';
import { mayActAsReporter } from './tickets.policy';

export { SYSTEM, type Actor };

const EVENT_OF: Record<TicketAction, TicketEventType> = {
  offer: 'offered',
  assign: 'assigned',
  escalate: 'escalated',
  accept: 'accepted',
  decline: 'declined',
  travel: 'en_route',
  arrive: 'on_site',
  wait_customer: 'waiting_customer',
  resume: 'resumed',
  resolve: 'resolved',
  confirm: 'closed',
  reopen: 'reopened',
  cancel: 'cancelled',
};

export async function findTicketByNumber(em: EntityManager, tenantId: number, number: string, code: ErrorCode): Promise<Ticket> {
  const ticket = await em.findOneBy(Ticket, { tenantId, number });
  if (!ticket) throw new AppError(code, { number });
  return ticket;
}

export type Viewer = 'reporter' | 'follower';

/**
 * Resolves a tracking link: the reporter's own token, or (when a secret is given) a follow token of
 * someone with the same problem. Reporter-only actions pass no secret, so a follow token is refused.
 */
export async function findTicketByToken(
  em: EntityManager,
  token: string,
  followSecret?: string,
): Promise<{ ticket: Ticket; viewer: Viewer }> {
  const own = await em.findOneBy(Ticket, { trackingToken: token });
  if (own) return { ticket: own, viewer: 'reporter' };
  const followedId = followSecret ? ticketIdFromFollowToken(followSecret, token) : null;
  const followed = followedId ? await em.findOneBy(Ticket, { id: followedId }) : null;
  if (followed) return { ticket: followed, viewer: 'follower' };
  throw new AppError('TICKET_NOT_FOUND');
}

/** For confirm / reopen / rating: a genuine follow token is a 403, anything else unknown a 404. */
export async function findReporterTicket(em: EntityManager, token: string, secret: string): Promise<Ticket> {
  const { ticket, viewer } = await findTicketByToken(em, token, secret);
  if (!mayActAsReporter(viewer)) throw new AppError('FORBIDDEN', { reason: 'follow links are read-only' });
  return ticket;
}

export async function recordEvent(
  em: EntityManager,
  ticket: Ticket,
  e: { type: TicketEventType; from: TicketStatus | null; to: TicketStatus | null; actor: Actor; note?: string | null; at: Date },
): Promise<void> {
  const inserted = await em.insert(TicketEvent, {
    tenantId: ticket.tenantId,
    ticketId: ticket.id,
    type: e.type,
    fromStatus: e.from,
    toStatus: e.to,
    actorType: e.actor.type,
    actorId: e.actor.id,
    note: e.note ? e.note.slice(0, 1000) : null,
    createdAt: e.at,
  });
  await enqueueFanout(em, inserted.identifiers[0].id as number, e.type, e.at);
  // Every ticket change is recorded here, so this is where the scan page learns its open repairs changed.
  noteAssetChanged(em, ticket.assetId);
}

/** The 'created' events of a batch of new tickets, in one INSERT ('created' tells nobody, so no fan-out rows). */
export async function recordCreated(
  em: EntityManager,
  tickets: Array<
    Pick<Ticket, 'id' | 'tenantId' | 'assetId' | 'number' | 'status' | 'needsDispatcher' | 'updatedAt'> & {
      createdBy?: 'reporter' | 'system';
    }
  >,
  at: Date,
): Promise<void> {
  if (notifies('created')) throw new Error("recordCreated writes no fan-out: 'created' must not notify, or use recordEvent");
  await insertRows(
    em,
    TicketEvent,
    tickets.map((t) => ({
      tenantId: t.tenantId,
      ticketId: t.id,
      type: 'created' as const,
      fromStatus: null,
      toStatus: 'new' as const,
      actorType: t.createdBy ?? ('reporter' as const),
      actorId: null,
      note: null,
      createdAt: at,
    })),
  );
  for (const t of tickets) {
    noteAssetChanged(em, t.assetId);
    noteTicketChanged(em, t.id, t);
  }
}

const ACTIVE_JOB = new Set<TicketStatus>(ACTIVE_JOB_STATUSES);

/** The engineer whose open jobs a ticket in this state counts for (null: nobody's). */
function jobHolder(engineerId: number | null | undefined, status: TicketStatus): number | null {
  // A ticket read without its engineer would silently skip the counter: loud instead.
  if (engineerId === undefined) throw new Error('guardedUpdate needs the ticket with its engineerId');
  return engineerId !== null && ACTIVE_JOB.has(status) ? engineerId : null;
}

/**
 * Keeps `users.openJobs` equal to the count of active-job tickets per engineer, in the ticket's transaction. Only a
 * ticket entering or leaving an engineer's active jobs writes (accept, resolve, cancel, reassign, unassign…): the
 * accepting engineer's row is written on accept anyway (lastAssignedAt), and no offer writes an engineer's row.
 * Both rows in one statement, so two engineers' rows are always locked in index order (no deadlock on swaps).
 */
async function moveOpenJob(em: EntityManager, from: number | null, to: number | null): Promise<void> {
  if (from === to) return;
  if (from !== null && to !== null) {
    await em.query('UPDATE users SET openJobs = openJobs + CASE WHEN id = ? THEN -1 ELSE 1 END WHERE id IN (?, ?)', [from, from, to]);
  } else {
    await em.query('UPDATE users SET openJobs = openJobs + ? WHERE id = ?', [from !== null ? -1 : 1, from ?? to]);
  }
}

/** Bumps the version without a status change (ratings, flags), guarded like a transition. */
export async function guardedUpdate(
  em: EntityManager,
  ticket: Ticket,
  changes: Partial<Ticket>,
  now: Date,
  onConflict: ErrorCode = 'CONFLICT',
): Promise<Ticket> {
  const set = { ...changes, version: ticket.version + 1, updatedAt: now };
  const result = await em
    .createQueryBuilder()
    .update(Ticket)
    .set(set)
    .where('id = :id AND status = :status AND version = :version', {
      id: ticket.id,
      status: ticket.status,
      version: ticket.version,
    })
    .execute();
  if (result.affected !== 1) throw new AppError(onConflict, { number: ticket.number });
  // The row matched (status, version), so `ticket` is what it was: the open-job counters move with the change.
  await moveOpenJob(
    em,
    jobHolder(ticket.engineerId, ticket.status),
    jobHolder(set.engineerId !== undefined ? set.engineerId : ticket.engineerId, set.status ?? ticket.status),
  );
  Object.assign(ticket, set);
  // Every change of a ticket row goes through here (or intake's insert): the desk's stream hears it after COMMIT.
  noteTicketChanged(em, ticket.id, ticket);
  return ticket;
}

/**
 * Moves a ticket along the state machine with a conditional UPDATE on (status, version):
 * of two concurrent callers exactly one succeeds, the other gets `onConflict`.
 */
export async function applyTransition(
  em: EntityManager,
  ticket: Ticket,
  action: TicketAction,
  actor: Actor,
  opts: { now: Date; changes?: Partial<Ticket>; note?: string | null; onConflict?: ErrorCode },
): Promise<Ticket> {
  if (!canTransition(action, ticket.status, actor.type)) throw illegalTransition(action, ticket.status);
  const from = ticket.status;
  const to = nextStatus(action);
  // Every status change may start, pause, meet or reset a clock: the escalation sweep replays the ticket now.
  await guardedUpdate(em, ticket, { ...opts.changes, status: to, slaNextAt: opts.now }, opts.now, opts.onConflict);
  await recordEvent(em, ticket, { type: EVENT_OF[action], from, to, actor, note: opts.note, at: opts.now });
  await recordSlaTransition(em, ticket, from, to, opts.now);
  return ticket;
}
