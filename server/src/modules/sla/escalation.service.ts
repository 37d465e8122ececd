import { z } from 'zod';
import { In, type EntityManager } from 'typeorm';
import { OPEN_STATUSES, SLA_TARGETS, type DispatchMode, type SlaTargetKind } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isUniqueViolation } from '../../db/database';
import { enqueueMany } from '../../queue/outbox';
import type { JobDefinition, JobSet } from '../../queue/jobs';
import { Tenant } from '../tenants/tenant.entity';
import { Ticket } from '../tickets/ticket.entity';
import { replayClock } from './clock.replay';
import { SlaEscalation } from './escalation.entity';
import { fireMinutes, levelsOf } from './escalation';
import { applyLevel } from './escalation.actions';
import { minutesOf } from './policy';
import { SlaPolicy } from './policy.entity';
import { clocksOfTickets, type SlaTicket } from './sla.view';

export const ESCALATE_JOB = 'sla.escalate';

/** This module's jobs, name → payload (merged into JobPayloads in src/jobs.ts). */
export type SlaJobPayloads = {
  [ESCALATE_JOB]: DueLevel;
};

export type DueLevel = {
  ticketId: number;
  target: SlaTargetKind;
  level: number;
  clockStartedAt: number;
};

const jobIdOf = (d: DueLevel) => `sla-esc-${d.ticketId}-${d.target}-${d.clockStartedAt}-${d.level}`;

/** The dispatch modes of the tenants of some tickets (the mode picks the default levels). */
async function modesOf(em: EntityManager, tickets: readonly SlaTicket[]): Promise<Map<number, DispatchMode>> {
  const ids = [...new Set(tickets.map((t) => t.tenantId))];
  const rows = await em.find(Tenant, { where: { id: In(ids) }, select: { id: true, dispatchMode: true } });
  return new Map(rows.map((r) => [r.id, r.dispatchMode]));
}

/** The levels of some tickets' running clocks that are due now (fired or not). */
async function dueLevels(deps: Deps, em: EntityManager, tickets: readonly SlaTicket[]): Promise<DueLevel[]> {
  const now = deps.clock.now().getTime();
  const clocks = await clocksOfTickets(deps, em, tickets);
  const modes = await modesOf(em, tickets);
  const out: DueLevel[] = [];
  for (const t of tickets) {
    const c = clocks.get(t.id);
    const cal = c?.calendar;
    if (!c?.target || !cal) continue;
    for (const kind of SLA_TARGETS) {
      const reading = c.readings[kind];
      const marks = c.marks[kind];
      const minutes = minutesOf(c.target, kind);
      // A paused or met clock escalates no further: its pending levels are cancelled by this check.
      if (!reading?.running || !marks || minutes === null) continue;
      levelsOf(c.target, minutes, kind, modes.get(t.tenantId) ?? 'auto').forEach((level, i) => {
        const at = replayClock(cal, marks, fireMinutes(minutes, level), now);
        if (at?.dueAt !== null && at?.dueAt !== undefined && at.dueAt <= now) {
          out.push({ ticketId: t.id, target: kind, level: i, clockStartedAt: reading.startedAt });
        }
      });
    }
  }
  return out;
}

const SCOPE = { id: true, tenantId: true, urgency: true, category: true, siteId: true } as const;

/**
 * Worker sweep: every open ticket of a tenant with targets is replayed, and each due level not yet fired is
 * enqueued through the outbox with a deterministic job id. Levels that fell due while Redis was down are
 * found here when it returns (the outbox holds the jobs meanwhile).
 */
export async function sweepEscalations(deps: Deps, batch = 500): Promise<number> {
  const em = deps.db.ds.manager;
  const policies = await em.getRepository(SlaPolicy).find({ select: { tenantId: true, targets: true } });
  let queued = 0;
  for (const p of policies.filter((x) => x.targets.length > 0)) {
    let afterId = 0;
    for (;;) {
      const tickets = await em.getRepository(Ticket).createQueryBuilder('t').select(Object.keys(SCOPE).map((k) => `t.${k}`))
        .where('t.tenantId = :tenantId AND t.status IN (:...open) AND t.id > :afterId', { tenantId: p.tenantId, open: OPEN_STATUSES, afterId })
        .orderBy('t.id', 'ASC').take(batch).getMany();
      if (tickets.length === 0) break;
      afterId = tickets[tickets.length - 1].id;
      const due = await dueLevels(deps, em, tickets);
      const fired = due.length === 0 ? [] : await em.find(SlaEscalation, {
        where: { ticketId: In([...new Set(due.map((d) => d.ticketId))]) }, select: { ticketId: true, target: true, level: true, clockStartedAt: true },
      });
      const done = new Set(fired.map((f) => jobIdOf({ ...f, clockStartedAt: new Date(f.clockStartedAt).getTime() })));
      const todo = due.filter((d) => !done.has(jobIdOf(d)));
      if (todo.length > 0) {
        await deps.db.transaction((tx) => enqueueMany(tx, deps.clock.now(), todo.map((d) => ({ name: ESCALATE_JOB, jobId: jobIdOf(d), payload: { ...d } }))));
        queued += todo.length;
      }
      if (tickets.length < batch) break;
    }
  }
  return queued;
}

/**
 * Fires one level: re-checks that it is still due on a running clock of the same start, records it (the unique
 * index lets exactly one worker through) and applies its actions in the same transaction.
 */
export async function fireLevel(deps: Deps, d: DueLevel): Promise<boolean> {
  try {
    return await deps.db.transaction(async (em) => {
      const ticket = await em.findOneBy(Ticket, { id: d.ticketId });
      if (!ticket || !(OPEN_STATUSES as readonly string[]).includes(ticket.status)) return false;
      const due = await dueLevels(deps, em, [ticket]);
      if (!due.some((x) => x.target === d.target && x.level === d.level && x.clockStartedAt === d.clockStartedAt)) return false;
      const clocks = await clocksOfTickets(deps, em, [ticket]);
      const target = clocks.get(ticket.id)?.target;
      const minutes = target ? minutesOf(target, d.target) : null;
      if (!target || minutes === null) return false;
      const mode = (await em.findOneByOrFail(Tenant, { id: ticket.tenantId })).dispatchMode;
      const level = levelsOf(target, minutes, d.target, mode)[d.level];
      const now = deps.clock.now();
      if (await em.findOneBy(SlaEscalation, { ticketId: d.ticketId, target: d.target, level: d.level, clockStartedAt: new Date(d.clockStartedAt) })) return false;
      await em.insert(SlaEscalation, {
        tenantId: ticket.tenantId, ticketId: ticket.id, target: d.target, clockStartedAt: new Date(d.clockStartedAt), level: d.level,
        actions: level.actions, firedAt: now,
      });
      const done = await applyLevel(deps, em, ticket, d, level, now);
      deps.log.info({ tenantId: ticket.tenantId, ticket: ticket.number, target: d.target, level: d.level, actions: level.actions, done }, 'SLA escalation level fired');
      return true;
    });
  } catch (err) {
    // Another worker recorded the same level first: it has fired, once.
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export const escalateJob: JobDefinition<typeof ESCALATE_JOB> = {
  name: ESCALATE_JOB,
  payloadSchema: z.object({
    ticketId: z.number().int(), target: z.enum(SLA_TARGETS), level: z.number().int().min(0), clockStartedAt: z.number().int(),
  }),
  async handle(deps, payload) {
    await fireLevel(deps, payload);
  },
};

export const SLA_JOBS: JobSet<keyof SlaJobPayloads> = { [ESCALATE_JOB]: escalateJob };
