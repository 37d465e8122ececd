import { In } from 'typeorm';
import { rawInstant } from '../../lib/time';
import {
  DESK_GROUPS,
  type DeskGroup,
  type DeskPage,
  type DeskQuery,
  type DeskTicket,
  type InternalNoteInput,
  type RedispatchInput,
  type StaffTicket,
  type UrgencyChangeInput,
} from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError, illegalTransition } from '../../lib/errors';
import type { StaffActor } from '../auth/auth.middleware';
import { Tenant } from '../tenants/tenant.entity';
import { offerNext, withdrawPendingOffers } from '../dispatch/dispatch.service';
import { Ticket } from '../tickets/ticket.entity';
import { TicketEvent } from '../tickets/ticket-event.entity';
import { applyDeskFilters, applyGroup, deskFiltersOf, type DeskFilters } from './desk.filters';
import { findTicketByNumber, guardedUpdate, recordEvent, type Actor } from '../tickets/ticket.transitions';
import { presentStaffTicket, presentStaffTickets } from '../tickets/tickets.presenter';

/** Group counts above this are shown as "cap+": each count reads at most cap + 1 index entries. */
export const DESK_COUNT_CAP = 10_000;

const asActor = (a: StaffActor): Actor => ({ type: a.type, id: a.userId });
const URGENCY_RANK = "CASE t.urgency WHEN 'high' THEN 3 WHEN 'normal' THEN 2 ELSE 1 END";
const RANK: Record<string, number> = { high: 3, normal: 2, low: 1 };

/**
 * Position in a group. Open groups: loudest urgency first, then oldest first (`u<rank>.<ms>.<id>`).
 * Closed and cancelled is history, read newest first on the (tenantId, createdAt, id) index (`h<ms>.<id>`).
 */
interface DeskCursor {
  rank: number | null;
  at: Date;
  id: number;
}

function encodeCursor(group: DeskGroup, t: Ticket): string {
  return group === 'closed' ? `h${t.createdAt.getTime()}.${t.id}` : `u${RANK[t.urgency] ?? 1}.${t.createdAt.getTime()}.${t.id}`;
}

function decodeCursor(group: DeskGroup, cursor: string): DeskCursor {
  const m = group === 'closed' ? /^h()(\d{1,15})\.(\d{1,10})$/.exec(cursor) : /^u([123])\.(\d{1,15})\.(\d{1,10})$/.exec(cursor);
  if (!m)
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: ['cursor'], message: 'pass the nextCursor of the previous page of this group unchanged' }],
    });
  return { rank: m[1] ? Number(m[1]) : null, at: new Date(Number(m[2])), id: Number(m[3]) };
}

function baseQuery(deps: Deps, f: DeskFilters) {
  return applyDeskFilters(deps.db.ds.manager.createQueryBuilder(Ticket, 't'), f);
}

/** Each group's count under the filters, capped (a million closed tickets cost 10,001 index entries, not a million). */
async function groupCounts(deps: Deps, f: DeskFilters): Promise<Record<DeskGroup, number>> {
  const counts = await Promise.all(
    DESK_GROUPS.map(async (group) => {
      const [sql, params] = applyGroup(baseQuery(deps, f), group)
        .select('1', 'one')
        .limit(DESK_COUNT_CAP + 1)
        .getQueryAndParameters();
      const rows = await deps.db.ds.manager.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params);
      return [group, Number(rows[0]?.n ?? 0)] as const;
    }),
  );
  return Object.fromEntries(counts) as Record<DeskGroup, number>;
}

/** The reporter's urges of the page's open tickets: one grouped read on the events' (ticketId, id) index. */
async function withUrges(deps: Deps, views: StaffTicket[], tickets: Ticket[]): Promise<DeskTicket[]> {
  const open = tickets.filter((t) => OPEN.has(t.status)).map((t) => t.id);
  const rows =
    open.length === 0
      ? []
      : await deps.db.ds.manager
          .createQueryBuilder(TicketEvent, 'e')
          .select('e.ticketId', 'ticketId')
          .addSelect('COUNT(*)', 'n')
          .addSelect('MAX(e.createdAt)', 'lastAt')
          .where('e.ticketId IN (:...ids) AND e.type = :type', { ids: open, type: 'urged' })
          .groupBy('e.ticketId')
          .getRawMany<{ ticketId: number | string; n: number | string; lastAt: Date | string }>();
  const byTicket = new Map(rows.map((r) => [Number(r.ticketId), { count: Number(r.n), lastAt: rawInstant(r.lastAt).toISOString() }]));
  return views.map((v, i) => ({ ...v, urged: byTicket.get(tickets[i].id) ?? null }));
}

/** One group's page of the live queue, with every group's count for the same filters. */
export async function deskPage(deps: Deps, actor: StaffActor, q: DeskQuery): Promise<DeskPage> {
  const f = deskFiltersOf(actor.tenantId, q);
  const page = applyGroup(baseQuery(deps, f), q.group).select('t.id', 'id');
  const c = q.cursor ? decodeCursor(q.group, q.cursor) : null;
  if (q.group === 'closed') {
    if (c) page.andWhere('t.createdAt <= :cAt AND (t.createdAt < :cAt OR t.id < :cId)', { cAt: c.at, cId: c.id });
    page.orderBy('t.createdAt', 'DESC').addOrderBy('t.id', 'DESC');
  } else {
    if (c) {
      page.andWhere(
        `(${URGENCY_RANK} < :cRank OR (${URGENCY_RANK} = :cRank AND (t.createdAt > :cAt OR (t.createdAt = :cAt AND t.id > :cId))))`,
        {
          cRank: c.rank,
          cAt: c.at,
          cId: c.id,
        },
      );
    }
    page.orderBy(URGENCY_RANK, 'DESC').addOrderBy('t.createdAt', 'ASC').addOrderBy('t.id', 'ASC');
  }
  page.limit(q.pageSize + 1);
  const [idRows, counts] = await Promise.all([page.getRawMany<{ id: number | string }>(), groupCounts(deps, f)]);
  const ids = idRows.slice(0, q.pageSize).map((r) => Number(r.id));
  const rows = ids.length > 0 ? await deps.db.ds.manager.findBy(Ticket, { id: In(ids) }) : [];
  const byId = new Map(rows.map((t) => [t.id, t]));
  const tickets = ids.flatMap((id) => byId.get(id) ?? []);
  const last = tickets[tickets.length - 1];
  return {
    group: q.group,
    counts,
    countCap: DESK_COUNT_CAP,
    items: await withUrges(deps, await presentStaffTickets(deps, deps.db.ds.manager, tickets), tickets),
    nextCursor: idRows.length > q.pageSize && last ? encodeCursor(q.group, last) : null,
  };
}

const OPEN = new Set(['new', 'offered', 'accepted', 'en_route', 'on_site', 'reopened', 'waiting_customer']);

export async function changeUrgency(deps: Deps, actor: StaffActor, number: string, input: UrgencyChangeInput) {
  return deps.db.transaction(async (em) => {
    const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
    if (!OPEN.has(ticket.status)) throw illegalTransition('change_urgency', ticket.status);
    if (ticket.urgency === input.urgency) return presentStaffTicket(deps, em, ticket);
    const now = deps.clock.now();
    const from = ticket.urgency;
    await guardedUpdate(em, ticket, { urgency: input.urgency }, now);
    await recordEvent(em, ticket, {
      type: 'urgency_changed',
      from: ticket.status,
      to: ticket.status,
      actor: asActor(actor),
      note: `${from}>${input.urgency}`,
      at: now,
    });
    return presentStaffTicket(deps, em, ticket);
  });
}

/** A staff-only remark on the timeline: never in the reporter's or a follower's view, never notified. */
export async function addInternalNote(deps: Deps, actor: StaffActor, number: string, input: InternalNoteInput) {
  return deps.db.transaction(async (em) => {
    const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
    await recordEvent(em, ticket, {
      type: 'note',
      from: ticket.status,
      to: ticket.status,
      actor: asActor(actor),
      note: input.text,
      at: deps.clock.now(),
    });
    return { ok: true as const };
  });
}

/** Hands a ticket waiting on the dispatcher (or offered) back to automatic dispatch, in a fresh cycle: earlier refusals no longer exclude. */
export async function redispatchTicket(deps: Deps, actor: StaffActor, number: string, input: RedispatchInput) {
  return deps.db.transaction(async (em) => {
    const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
    if (!['new', 'reopened', 'offered'].includes(ticket.status)) throw illegalTransition('redispatch', ticket.status);
    const tenant = await em.findOneByOrFail(Tenant, { id: actor.tenantId });
    if (tenant.dispatchMode === 'manual') throw new AppError('DISPATCH_MODE_MANUAL');
    const now = deps.clock.now();
    await withdrawPendingOffers(em, ticket.id, now);
    await guardedUpdate(
      em,
      ticket,
      { needsDispatcher: false, offerExpiresAt: null, engineerId: null, dispatchCycle: ticket.dispatchCycle + 1 },
      now,
    );
    await recordEvent(em, ticket, {
      type: 'redispatched',
      from: ticket.status,
      to: ticket.status,
      actor: asActor(actor),
      note: input.reason ?? null,
      at: now,
    });
    await offerNext(em, deps.rosters, ticket, now);
    return presentStaffTicket(deps, em, ticket);
  });
}
