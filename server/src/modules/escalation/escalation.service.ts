import { z } from 'zod';
import { sqlTime, placeholders } from '../../db/columns';
import { In, type EntityManager } from 'typeorm';
import { OPEN_STATUSES, SLA_TARGETS, type DispatchMode, type SlaTargetKind } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isUniqueViolation } from '../../db/database';
import { enqueueMany } from '../../queue/outbox';
import type { JobDefinition, JobSet, OutboxJob } from '../../queue/jobs';
import { Tenant } from '../tenants/tenant.entity';
import { Ticket } from '../tickets/ticket.entity';
import { replayClock, type ClockReading } from '../sla/clock.replay';
import { SlaEscalation } from './escalation.entity';
import { fireMinutes, levelsOf } from './escalation';
import { applyLevel } from './escalation.actions';
import { minutesOf } from '../sla/policy';
import { clocksOfTickets, type SlaTicket, type TicketClocks } from '../sla/sla.view';

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
async function modesOf(em: EntityManager, tickets: ReadonlyArray<Pick<SlaTicket, 'tenantId'>>): Promise<Map<number, DispatchMode>> {
  const ids = [...new Set(tickets.map((t) => t.tenantId))];
  if (ids.length === 0) return new Map();
  const rows = await em.find(Tenant, { where: { id: In(ids) }, select: { id: true, dispatchMode: true } });
  return new Map(rows.map((r) => [r.id, r.dispatchMode]));
}

/** One escalation level of a running clock and the instant it falls due (UTC ms). */
export interface LevelTime extends DueLevel {
  at: number;
}

/** Every level of a ticket's running clocks with its due instant (a paused or met clock has none: its levels are cancelled). */
function levelTimes(ticketId: number, c: TicketClocks | undefined, now: number, mode: DispatchMode): LevelTime[] {
  const cal = c?.calendar;
  if (!c?.target || !cal) return [];
  const out: LevelTime[] = [];
  for (const kind of SLA_TARGETS) {
    const reading = c.readings[kind];
    const marks = c.marks[kind];
    const minutes = minutesOf(c.target, kind);
    if (!reading?.running || !marks || minutes === null) continue;
    levelsOf(c.target, minutes, kind, mode).forEach((level, i) => {
      const at = replayClock(cal, marks, fireMinutes(minutes, level), now)?.dueAt;
      if (at !== null && at !== undefined) out.push({ ticketId, target: kind, level: i, clockStartedAt: reading.startedAt, at });
    });
  }
  return out;
}

/** The levels of some tickets' running clocks that are due now (fired or not). */
/**
 * A level enqueued but not yet recorded as fired is looked at again after this (the queue may have lost it: Redis
 * data lost, or every retry failed). Not sooner: after a mass breach (tens of thousands of tickets at one deadline)
 * the levels wait behind the foreground work, and a re-enqueue a minute wrote each one to the outbox again (the full
 * bench of session 10 found 3.5 million outbox rows, 160,000 of them pending escalation levels).
 */
export const PENDING_RECHECK_MS = 600_000;
/** A clock whose calendar is refused (a year without holiday data) is retried after this. */
export const UNKNOWN_RECHECK_MS = 3_600_000;

const OUTCOME_COLUMN = {
  response: 'slaResponseOutcome',
  arrival: 'slaArrivalOutcome',
  resolution: 'slaResolutionOutcome',
} as const satisfies Record<SlaTargetKind, keyof Ticket>;
type Outcomes = Record<SlaTargetKind, number | null>;

/**
 * A target's outcome after a replay: breached (0) is final; met (1) once the clock met before its deadline,
 * kept until a later clock of the same target breaches (a reopened ticket's new resolution clock); otherwise
 * undecided (null) — a running or paused clock, a cancelled ticket's reset clocks, no target.
 */
export function outcomeOf(previous: number | null, reading: ClockReading | null): number | null {
  if (previous === 0 || reading?.state === 'breached') return 0;
  if (previous === 1 || reading?.state === 'met') return 1;
  return null;
}

/** What the sweep decides for one ticket: the levels due now, its outcomes and the next instant to look again. */
export interface SweepPlan {
  due: DueLevel[];
  outcomes: Outcomes;
  nextAt: number | null;
}

export function planTicket(
  c: TicketClocks | undefined,
  levels: readonly LevelTime[],
  previous: Outcomes,
  fired: ReadonlySet<string>,
  now: number,
): SweepPlan {
  const outcomes = Object.fromEntries(SLA_TARGETS.map((k) => [k, outcomeOf(previous[k], c?.readings[k] ?? null)])) as Outcomes;
  const due: DueLevel[] = [];
  let nextAt: number | null = null;
  const later = (at: number) => {
    nextAt = nextAt === null ? at : Math.min(nextAt, at);
  };
  for (const { at, ...level } of levels) {
    if (at > now) later(at);
    else if (!fired.has(jobIdOf(level))) {
      due.push(level);
      later(now + PENDING_RECHECK_MS);
    }
  }
  // A running clock's deadline decides its outcome (breached) even when no level falls due there.
  for (const k of SLA_TARGETS) {
    const r = c?.readings[k];
    if (r?.running && r.dueAt !== null && r.dueAt > now) later(r.dueAt);
  }
  if (c?.target && !c.calendar) later(now + UNKNOWN_RECHECK_MS);
  return { due, outcomes, nextAt };
}

/** DATETIME(3) text as both drivers store and compare it (UTC). */

const SWEPT = [
  'id',
  'tenantId',
  'urgency',
  'category',
  'siteId',
  'version',
  'slaNextAt',
  'slaResponseOutcome',
  'slaArrivalOutcome',
  'slaResolutionOutcome',
] as const;

/** Tickets written by one UPDATE of the sweep. */
const UPDATE_ROWS = 100;
type Swept = Pick<Ticket, (typeof SWEPT)[number]>;

/**
 * Writes some tickets' plans in one UPDATE (a CASE per column), each row guarded by the version and next
 * instant the sweep read: a ticket changed meanwhile is left as its change set it. A changed outcome bumps
 * version and updatedAt.
 */
async function writePlans(em: EntityManager, plans: ReadonlyArray<{ t: Swept; plan: SweepPlan }>, at: number): Promise<void> {
  if (plans.length === 0) return;
  const params: unknown[] = [];
  const caseOf = (value: (p: { t: Swept; plan: SweepPlan }) => unknown) =>
    `CASE id ${plans
      .map((p) => {
        params.push(p.t.id, value(p));
        return 'WHEN ? THEN ?';
      })
      .join(' ')} END`;
  const changed = plans.filter(({ t, plan }) => SLA_TARGETS.some((k) => plan.outcomes[k] !== t[OUTCOME_COLUMN[k]])).map((p) => p.t.id);
  const sets = [
    `slaNextAt = ${caseOf(({ plan }) => (plan.nextAt === null ? null : sqlTime(new Date(plan.nextAt))))}`,
    ...SLA_TARGETS.map((k) => `${OUTCOME_COLUMN[k]} = ${caseOf(({ plan }) => plan.outcomes[k])}`),
  ];
  if (changed.length > 0) {
    const list = placeholders(changed);
    // updatedAt before version: MySQL evaluates SET left to right, and neither reads the other.
    sets.push(
      `updatedAt = CASE WHEN id IN (${list}) THEN ? ELSE updatedAt END`,
      `version = CASE WHEN id IN (${list}) THEN version + 1 ELSE version END`,
    );
    params.push(...changed, sqlTime(new Date(at)), ...changed);
  }
  const guard = plans.map((p) => {
    params.push(p.t.id, p.t.version, sqlTime(p.t.slaNextAt as Date));
    return '(id = ? AND version = ? AND slaNextAt = ?)';
  });
  await em.query(
    `UPDATE tickets SET ${sets.join(', ')} WHERE id IN (${plans.map((p) => p.t.id).join(', ')}) AND (${guard.join(' OR ')})`,
    params,
  );
}

/**
 * The escalation sweep (every worker pass): only tickets whose next SLA instant has come
 * (`slaNextAt <= now`, read in batches along ix_tickets_sla_next) are replayed. Each due level not yet fired
 * is enqueued through the outbox with its deterministic job id (fireLevel and the unique index make it fire
 * once); levels that fell due while Redis was down are found here when it returns (the outbox holds them).
 * Each ticket's outcomes are recorded and its next instant set (or null) with a guarded UPDATE: a ticket
 * that changed meanwhile keeps the `now` its change set and is swept again. A changed outcome bumps the
 * ticket's version and updatedAt, so the KPI rollup re-reads its day. Returns the levels enqueued.
 */
export async function sweepEscalations(deps: Deps, batch = 500): Promise<number> {
  const em = deps.db.ds.manager;
  const now = deps.clock.now();
  let cursor: { at: string; id: number } | null = null;
  let queued = 0;
  for (;;) {
    const qb = em
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .select(SWEPT.map((k) => `t.${k}`))
      .where('t.slaNextAt <= :now', { now: sqlTime(now) });
    if (cursor) qb.andWhere('(t.slaNextAt > :at OR (t.slaNextAt = :at AND t.id > :id))', cursor);
    const tickets = await qb.orderBy('t.slaNextAt', 'ASC').addOrderBy('t.id', 'ASC').limit(batch).getMany();
    if (tickets.length === 0) break;
    const last = tickets[tickets.length - 1];
    cursor = { at: sqlTime(last.slaNextAt as Date), id: last.id };
    const clocks = await clocksOfTickets(deps, em, tickets);
    const at = deps.clock.now().getTime();
    const modes = await modesOf(em, tickets);
    const levels = new Map(tickets.map((t) => [t.id, levelTimes(t.id, clocks.get(t.id), at, modes.get(t.tenantId) ?? 'auto')]));
    const withLevels = tickets.filter((t) => levels.get(t.id)?.some((l) => l.at <= at)).map((t) => t.id);
    const fired =
      withLevels.length === 0
        ? []
        : await em.find(SlaEscalation, {
            where: { ticketId: In(withLevels) },
            select: { ticketId: true, target: true, level: true, clockStartedAt: true },
          });
    const done = new Set(fired.map((f) => jobIdOf({ ...f, clockStartedAt: new Date(f.clockStartedAt).getTime() })));
    const plans = tickets.map((t) => ({
      t,
      plan: planTicket(
        clocks.get(t.id),
        levels.get(t.id) ?? [],
        { response: t.slaResponseOutcome, arrival: t.slaArrivalOutcome, resolution: t.slaResolutionOutcome },
        done,
        at,
      ),
    }));
    const todo = plans.flatMap((p) => p.plan.due);
    await deps.db.transaction(async (tx) => {
      for (let i = 0; i < plans.length; i += UPDATE_ROWS) await writePlans(tx, plans.slice(i, i + UPDATE_ROWS), at);
      if (todo.length > 0)
        await enqueueMany(
          tx,
          new Date(at),
          todo.map((d) => escalationJob(d)),
        );
    });
    queued += todo.length;
    if (tickets.length < batch) break;
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
      const now = deps.clock.now();
      const clock = (await clocksOfTickets(deps, em, [ticket])).get(ticket.id);
      const mode = (await modesOf(em, [ticket])).get(ticket.tenantId) ?? 'auto';
      const stillDue = levelTimes(ticket.id, clock, now.getTime(), mode).some(
        (x) => x.at <= now.getTime() && x.target === d.target && x.level === d.level && x.clockStartedAt === d.clockStartedAt,
      );
      const target = clock?.target;
      const minutes = target ? minutesOf(target, d.target) : null;
      if (!stillDue || !target || minutes === null) return false;
      const level = levelsOf(target, minutes, d.target, mode)[d.level];
      if (
        await em.findOneBy(SlaEscalation, {
          ticketId: d.ticketId,
          target: d.target,
          level: d.level,
          clockStartedAt: new Date(d.clockStartedAt),
        })
      )
        return false;
      await em.insert(SlaEscalation, {
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        target: d.target,
        clockStartedAt: new Date(d.clockStartedAt),
        level: d.level,
        actions: level.actions,
        firedAt: now,
      });
      const done = await applyLevel(deps, em, ticket, d, level, now);
      // An action may change what applies (a raised urgency matches another target): the sweep replays it next.
      await em.update(Ticket, { id: ticket.id }, { slaNextAt: now });
      deps.log.info(
        { tenantId: ticket.tenantId, ticket: ticket.number, target: d.target, level: d.level, actions: level.actions, done },
        'SLA escalation level fired',
      );
      return true;
    });
  } catch (err) {
    // Another worker recorded the same level first: it has fired, once.
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/**
 * One level of one clock. Background: a mass breach (thousands of tickets at one deadline) queues a level per ticket,
 * and those must not hold up the dispatch of tickets filed meanwhile; they run as soon as the foreground work allows.
 */
export function escalationJob(d: DueLevel): OutboxJob<typeof ESCALATE_JOB> {
  return { name: ESCALATE_JOB, jobId: jobIdOf(d), payload: { ...d }, background: true };
}

export const escalateJob: JobDefinition<typeof ESCALATE_JOB> = {
  name: ESCALATE_JOB,
  background: true,
  payloadSchema: z.object({
    ticketId: z.number().int(),
    target: z.enum(SLA_TARGETS),
    level: z.number().int().min(0),
    clockStartedAt: z.number().int(),
  }),
  async handle(deps, payload) {
    await fireLevel(deps, payload);
  },
};

export const SLA_JOBS: JobSet<keyof SlaJobPayloads> = { [ESCALATE_JOB]: escalateJob };
