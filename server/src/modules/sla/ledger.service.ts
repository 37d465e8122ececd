import { In, type EntityManager } from 'typeorm';
import { SLA_TARGETS, type SlaTargetKind, type TicketStatus } from '@baoxiu/shared';
import { SlaClockEvent } from './clock-event.entity';
import { STARTS, marksForTransition, phaseAfter, type ClockPhase, type PlannedMark } from './ledger';
import { matchTarget } from './policy';
import { policyTargets } from './policy.service';

interface TicketRef {
  id: number;
  tenantId: number;
}

interface ScopedTicket extends TicketRef {
  urgency: string;
  category: string | null;
  siteId: number;
}

function rowsOf(t: TicketRef, marks: readonly PlannedMark[], at: Date) {
  return marks.map((m) => ({ tenantId: t.tenantId, ticketId: t.id, target: m.target, kind: m.kind, cause: m.cause, at }));
}

/** Starts the three clocks of newly filed tickets, in one INSERT within the intake transaction. */
export async function startSlaClocks(em: EntityManager, tickets: readonly TicketRef[], at: Date): Promise<void> {
  if (tickets.length === 0) return;
  await em
    .createQueryBuilder()
    .insert()
    .into(SlaClockEvent)
    .values(tickets.flatMap((t) => rowsOf(t, STARTS, at)))
    .updateEntity(false)
    .execute();
}

/** Every ledger row of some tickets, oldest first. */
export async function ledgerOf(em: EntityManager, ticketIds: readonly number[]): Promise<SlaClockEvent[]> {
  if (ticketIds.length === 0) return [];
  return em.find(SlaClockEvent, { where: { ticketId: In([...ticketIds]) }, order: { id: 'ASC' } });
}

/** The clock marks one ticket transition causes, appended in the transition's own transaction. */
export async function recordSlaTransition(
  em: EntityManager,
  ticket: ScopedTicket,
  from: TicketStatus,
  to: TicketStatus,
  at: Date,
): Promise<void> {
  if (from === to) return;
  const rows = await ledgerOf(em, [ticket.id]);
  const phases = Object.fromEntries(
    SLA_TARGETS.map((k) => [k, phaseAfter(rows.filter((r) => r.target === k).map((r) => r.kind))]),
  ) as Record<SlaTargetKind, ClockPhase>;
  const { targets } = await policyTargets(em, ticket.tenantId);
  const marks = marksForTransition(phases, from, to, matchTarget(targets, ticket));
  if (marks.length > 0) await em.insert(SlaClockEvent, rowsOf(ticket, marks, at));
}
