import { z } from 'zod';
import { LessThanOrEqual, In } from 'typeorm';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { Ticket } from '../tickets/ticket.entity';
import type { JobDefinition } from '../../queue/jobs';
import { DISPATCH_JOB, EXPIRE_JOB, expireOffers, offerNext } from './dispatch.service';

// The definition type and the registry of all jobs live in queue/jobs.ts.
export type { JobDefinition } from '../../queue/jobs';

/** A lost version race means another worker already moved the ticket on: nothing left to do. */
async function ignoreConflict(run: Promise<unknown>): Promise<void> {
  try {
    await run;
  } catch (err) {
    if (err instanceof AppError && err.code === 'CONFLICT') return;
    throw err;
  }
}

export const dispatchTicketJob: JobDefinition<{ ticketId: number; cycle: number }> = {
  name: DISPATCH_JOB,
  payloadSchema: z.object({ ticketId: z.number().int(), cycle: z.number().int() }),
  async handle(deps, { ticketId, cycle }) {
    await ignoreConflict(
      deps.db.transaction(async (em) => {
        const t = await em.findOneBy(Ticket, { id: ticketId });
        // Idempotent: only a ticket still waiting in this cycle, not yet offered or escalated, is dispatched.
        if (!t || t.dispatchCycle !== cycle || t.needsDispatcher || !['new', 'reopened'].includes(t.status)) return;
        await offerNext(em, deps.rosters, t, deps.clock.now());
      }),
    );
  },
};

export const expireOfferJob: JobDefinition<{ ticketId: number; round: number }> = {
  name: EXPIRE_JOB,
  payloadSchema: z.object({ ticketId: z.number().int(), round: z.number().int() }),
  async handle(deps, { ticketId, round }) {
    await ignoreConflict(deps.db.transaction((em) => expireOffers(em, deps.rosters, ticketId, round, deps.clock.now())));
  },
};

export const DISPATCH_JOBS: Record<string, JobDefinition<never>> = {
  [dispatchTicketJob.name]: dispatchTicketJob as JobDefinition<never>,
  [expireOfferJob.name]: expireOfferJob as JobDefinition<never>,
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
    where: { status: In(['new', 'reopened']), needsDispatcher: false, updatedAt: LessThanOrEqual(new Date(now.getTime() - STUCK_AFTER_MS)) },
    select: { id: true, dispatchCycle: true },
    take: 200,
  });
  for (const t of stuck) await dispatchTicketJob.handle(deps, { ticketId: t.id, cycle: t.dispatchCycle });
  return overdue.length + stuck.length;
}
