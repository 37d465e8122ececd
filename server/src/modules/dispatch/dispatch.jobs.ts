import { z } from 'zod';
import { LessThanOrEqual, In } from 'typeorm';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { Ticket } from '../tickets/ticket.entity';
import type { JobDefinition, JobSet, OutboxJob } from '../../queue/jobs';
import { expireOffers, offerNext } from './dispatch.service';

export const DISPATCH_JOB = 'ticket.dispatch';
export const EXPIRE_JOB = 'offer.expire';

/** This module's jobs, name → payload (merged into JobPayloads in src/jobs.ts). */
export type DispatchJobPayloads = {
  [DISPATCH_JOB]: { ticketId: number; cycle: number };
  [EXPIRE_JOB]: { ticketId: number; round: number };
};

/** The dispatch job of a ticket's current cycle (its id makes a repeat a no-op in the queue). */
export function dispatchJob(ticket: Pick<Ticket, 'id' | 'dispatchCycle'>): OutboxJob<typeof DISPATCH_JOB> {
  return {
    name: DISPATCH_JOB,
    jobId: `dispatch-${ticket.id}-${ticket.dispatchCycle}`,
    payload: { ticketId: ticket.id, cycle: ticket.dispatchCycle },
  };
}

/** The deadline of an offer round. */
export function expireJob(ticketId: number, round: number, runAt: Date): OutboxJob<typeof EXPIRE_JOB> {
  return { name: EXPIRE_JOB, jobId: `expire-${ticketId}-${round}`, payload: { ticketId, round }, runAt };
}

/** A lost version race means another worker already moved the ticket on: nothing left to do. */
async function ignoreConflict<T>(run: Promise<T>): Promise<T | undefined> {
  try {
    return await run;
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return undefined;
    throw err;
  }
}

export const dispatchTicketJob: JobDefinition<typeof DISPATCH_JOB> = {
  name: DISPATCH_JOB,
  payloadSchema: z.object({ ticketId: z.number().int(), cycle: z.number().int() }),
  async handle(deps, { ticketId, cycle }) {
    const offered = await ignoreConflict(
      deps.db.transaction(async (em) => {
        const t = await em.findOneBy(Ticket, { id: ticketId });
        // Idempotent: only a ticket still waiting in this cycle, not yet offered or escalated, is dispatched.
        if (!t || t.dispatchCycle !== cycle || t.needsDispatcher || !['new', 'reopened'].includes(t.status)) return null;
        const wasNew = t.status === 'new' && t.dispatchRound === 0;
        const now = deps.clock.now();
        const after = await offerNext(em, deps.rosters, t, now);
        return wasNew && after.status === 'offered' ? { createdAt: t.createdAt, at: now } : null;
      }),
    );
    // Observed after the commit only: a rolled-back or retried transaction offered nothing.
    if (offered) deps.metrics.createdToOffered.observe(Math.max(0, (offered.at.getTime() - offered.createdAt.getTime()) / 1000));
  },
};

export const expireOfferJob: JobDefinition<typeof EXPIRE_JOB> = {
  name: EXPIRE_JOB,
  // A re-offer after a timeout waits behind first offers: a mass of timeouts (offers out to busy engineers at once)
  // must not hold up the tickets filed since.
  deferred: true,
  payloadSchema: z.object({ ticketId: z.number().int(), round: z.number().int() }),
  async handle(deps, { ticketId, round }) {
    await ignoreConflict(deps.db.transaction((em) => expireOffers(em, deps.rosters, ticketId, round, deps.clock.now())));
  },
};

export const DISPATCH_JOBS: JobSet<keyof DispatchJobPayloads> = {
  [DISPATCH_JOB]: dispatchTicketJob,
  [EXPIRE_JOB]: expireOfferJob,
};

const STUCK_AFTER_MS = 30_000;

/**
 * Safety net run by workers every few seconds: offers past their deadline (a delayed job lost with
 * an in-process queue) and tickets never dispatched (a job lost before it ran) are handled again.
 */
export async function sweepDispatch(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const repo = deps.db.ds.getRepository(Ticket);
  const overdue = await repo.find({
    where: { status: 'offered', offerExpiresAt: LessThanOrEqual(now) },
    select: { id: true, dispatchRound: true },
    take: 200,
  });
  for (const t of overdue) await expireOfferJob.handle(deps, { ticketId: t.id, round: t.dispatchRound });
  const stuck = await repo.find({
    where: {
      status: In(['new', 'reopened']),
      needsDispatcher: false,
      updatedAt: LessThanOrEqual(new Date(now.getTime() - STUCK_AFTER_MS)),
    },
    select: { id: true, dispatchCycle: true },
    take: 200,
  });
  for (const t of stuck) await dispatchTicketJob.handle(deps, { ticketId: t.id, cycle: t.dispatchCycle });
  return overdue.length + stuck.length;
}
