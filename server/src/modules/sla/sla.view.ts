import type { EntityManager } from 'typeorm';
import { NO_SLA, SLA_TARGETS, type SlaClockView, type SlaTargetInput, type TicketSla } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { CompiledCalendar } from './calendar';
import { compiledCalendar, loadCalendar } from './calendar.service';
import { replayClock, type ClockMark, type ClockReading } from './clock.replay';
import { ledgerOf } from './ledger.service';
import { matchTarget, minutesOf } from './policy';
import { policyTargets } from './policy.service';

export interface SlaTicket {
  id: number;
  tenantId: number;
  urgency: string;
  category: string | null;
  siteId: number;
}

/** One ticket's clocks replayed: the matched target and each kind's reading (null: no clock). */
export interface TicketClocks {
  target: SlaTargetInput | null;
  readings: Record<(typeof SLA_TARGETS)[number], ClockReading | null>;
  /** What the readings were replayed from, for escalation levels. */
  marks: Partial<Record<(typeof SLA_TARGETS)[number], ClockMark[]>>;
  calendar: CompiledCalendar | null;
}

export function presentClock(r: ClockReading | null): SlaClockView | null {
  if (!r) return null;
  return {
    dueAt: r.dueAt === null ? null : new Date(r.dueAt).toISOString(),
    state: r.state,
    pausedSeconds: Math.round(r.pausedMs / 1000),
    remainingSeconds: Math.round(r.remainingMs / 1000),
  };
}

/**
 * Replays the ledgers of a page of tickets: one policy read per tenant, one ledger query, one calendar per
 * site (compiled once per version). A calendar refused for a year without holiday data leaves those clocks
 * unknown (null) and is logged, so a list still answers.
 */
export async function clocksOfTickets(deps: Deps, em: EntityManager, tickets: readonly SlaTicket[]): Promise<Map<number, TicketClocks>> {
  const out = new Map<number, TicketClocks>();
  if (tickets.length === 0) return out;
  const policies = new Map<number, SlaTargetInput[]>();
  for (const tenantId of new Set(tickets.map((t) => t.tenantId))) policies.set(tenantId, (await policyTargets(em, tenantId)).targets);
  const withTarget = tickets.flatMap((t) => {
    const target = matchTarget(policies.get(t.tenantId) ?? [], t);
    return target ? [{ t, target }] : [];
  });
  const rows = await ledgerOf(
    em,
    withTarget.map((x) => x.t.id),
  );
  const marks = new Map<string, ClockMark[]>();
  for (const r of rows) {
    const key = `${r.ticketId}:${r.target}`;
    const list = marks.get(key) ?? [];
    list.push({ kind: r.kind, at: new Date(r.at).getTime() });
    marks.set(key, list);
  }
  const calendars = new Map<string, CompiledCalendar | null>();
  const now = deps.clock.now().getTime();
  for (const { t, target } of withTarget) {
    const calKey = `${t.tenantId}:${t.siteId}`;
    if (!calendars.has(calKey)) calendars.set(calKey, await calendarOrNull(deps, em, t));
    const cal = calendars.get(calKey) ?? null;
    const readings = { response: null, arrival: null, resolution: null } as TicketClocks['readings'];
    const used: TicketClocks['marks'] = {};
    for (const kind of SLA_TARGETS) {
      const minutes = minutesOf(target, kind);
      const ledger = marks.get(`${t.id}:${kind}`);
      if (!cal || minutes === null || !ledger) continue;
      used[kind] = ledger;
      readings[kind] = readingOrNull(deps, () => replayClock(cal, ledger, minutes, now), t);
    }
    out.set(t.id, { target, readings, marks: used, calendar: cal });
  }
  for (const t of tickets) {
    if (!out.has(t.id))
      out.set(t.id, { target: null, readings: { response: null, arrival: null, resolution: null }, marks: {}, calendar: null });
  }
  return out;
}

function refusedYear(err: unknown): number | null {
  return err instanceof AppError && err.code === 'HOLIDAY_YEAR_MISSING' ? Number(err.details.year) : null;
}

async function calendarOrNull(deps: Deps, em: EntityManager, t: SlaTicket): Promise<CompiledCalendar | null> {
  try {
    return await compiledCalendar(deps, await loadCalendar(deps, t.tenantId, t.siteId, em));
  } catch (err) {
    const year = refusedYear(err);
    if (year === null) throw err;
    deps.log.warn({ tenantId: t.tenantId, siteId: t.siteId, year }, 'no statutory holiday data for this year: SLA clocks unknown');
    return null;
  }
}

function readingOrNull(deps: Deps, read: () => ClockReading | null, t: SlaTicket): ClockReading | null {
  try {
    return read();
  } catch (err) {
    const year = refusedYear(err);
    if (year === null) throw err;
    deps.log.warn({ tenantId: t.tenantId, ticketId: t.id, year }, 'no statutory holiday data for this year: SLA clock unknown');
    return null;
  }
}

/** The `sla` of staff ticket answers. */
export async function slaOfTickets(deps: Deps, em: EntityManager, tickets: readonly SlaTicket[]): Promise<Map<number, TicketSla>> {
  const clocks = await clocksOfTickets(deps, em, tickets);
  const out = new Map<number, TicketSla>();
  for (const t of tickets) {
    const c = clocks.get(t.id);
    out.set(
      t.id,
      c
        ? {
            response: presentClock(c.readings.response),
            arrival: presentClock(c.readings.arrival),
            resolution: presentClock(c.readings.resolution),
          }
        : NO_SLA,
    );
  }
  return out;
}
