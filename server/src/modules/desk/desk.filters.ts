import type { SelectQueryBuilder } from 'typeorm';
import type { DeskFilter, DeskGroup, TicketStatus, Urgency } from '@baoxiu/shared';
import type { Ticket } from '../tickets/ticket.entity';

/** Which statuses (and dispatcher flag) make up each desk group. */
export const GROUP_RULES: Record<DeskGroup, { statuses: TicketStatus[]; needsDispatcher?: boolean }> = {
  awaiting_dispatcher: { statuses: ['new', 'reopened'], needsDispatcher: true },
  // A ticket dispatch is still working on (new, not yet offered) sits with the offered ones: nobody needs to act yet.
  offered: { statuses: ['new', 'reopened', 'offered'], needsDispatcher: false },
  in_progress: { statuses: ['accepted', 'en_route', 'on_site'] },
  waiting_customer: { statuses: ['waiting_customer'] },
  resolved: { statuses: ['resolved'] },
  closed: { statuses: ['closed', 'cancelled'] },
};

/** The group a ticket is shown in. */
export function groupOf(t: Pick<Ticket, 'status' | 'needsDispatcher'>): DeskGroup {
  for (const [group, rule] of Object.entries(GROUP_RULES) as Array<[DeskGroup, (typeof GROUP_RULES)[DeskGroup]]>) {
    if (rule.statuses.includes(t.status) && (rule.needsDispatcher === undefined || rule.needsDispatcher === t.needsDispatcher))
      return group;
  }
  return 'closed';
}

/** The filters in one canonical form (also the key of cached totals in ticket-list.ts). */
export interface DeskFilters {
  tenantId: number;
  status: TicketStatus[] | null;
  siteId: number | null;
  engineerId: number | null;
  category: string | null;
  urgency: Urgency | null;
  q: string | null;
  from: Date | null;
  to: Date | null;
}

/** A day given without a time means the whole day, in UTC. */
export function bound(value: string, end: boolean): Date {
  if (value.length === 10) return new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`);
  return new Date(value);
}

export function deskFiltersOf(tenantId: number, f: DeskFilter): DeskFilters {
  return {
    tenantId,
    status: f.status ? [...new Set(f.status)].sort() : null,
    siteId: f.siteId ?? null,
    engineerId: f.engineerId ?? null,
    category: f.category ?? null,
    urgency: f.urgency ?? null,
    q: f.q ?? null,
    from: f.from ? bound(f.from, false) : null,
    to: f.to ? bound(f.to, true) : null,
  };
}

/** `%` and `_` in what someone typed are literal characters, not wildcards ('!' escapes: '\\' means different things to MySQL and SQLite). */
const likeOf = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** Category, urgency and the search box: filters the desk adds to the ticket list's own (absent = no condition). */
export function applyExtraFilters(
  qb: SelectQueryBuilder<Ticket>,
  f: Pick<DeskFilters, 'category' | 'urgency' | 'q'>,
): SelectQueryBuilder<Ticket> {
  if (f.category !== null) qb.andWhere('t.category = :category', { category: f.category });
  if (f.urgency !== null) qb.andWhere('t.urgency = :urgency', { urgency: f.urgency });
  if (f.q !== null) {
    // Asset codes are stored bare and upper-case; people type them with dashes.
    const code = f.q.replace(/[-\s]/g, '').toUpperCase();
    qb.andWhere(
      `(t.number LIKE :q ESCAPE '!' OR t.description LIKE :q ESCAPE '!' OR t.contactPhone LIKE :q ESCAPE '!'
        OR EXISTS (SELECT 1 FROM assets qa WHERE qa.id = t.assetId AND (qa.name LIKE :q ESCAPE '!' OR qa.code LIKE :qcode ESCAPE '!')))`,
      { q: likeOf(f.q), qcode: likeOf(code || f.q) },
    );
  }
  return qb;
}

/** Every desk filter on `t`, the caller's tenant first. */
export function applyDeskFilters(qb: SelectQueryBuilder<Ticket>, f: DeskFilters): SelectQueryBuilder<Ticket> {
  qb.where('t.tenantId = :tenantId', { tenantId: f.tenantId });
  if (f.status) qb.andWhere('t.status IN (:...status)', { status: f.status });
  if (f.siteId !== null) qb.andWhere('t.siteId = :siteId', { siteId: f.siteId });
  if (f.engineerId !== null) qb.andWhere('t.engineerId = :engineerId', { engineerId: f.engineerId });
  if (f.from) qb.andWhere('t.createdAt >= :from', { from: f.from });
  if (f.to) qb.andWhere('t.createdAt <= :to', { to: f.to });
  return applyExtraFilters(qb, f);
}

/** Restricts to one group; parameter names are the group's own so several groups can be counted side by side. */
export function applyGroup(qb: SelectQueryBuilder<Ticket>, group: DeskGroup): SelectQueryBuilder<Ticket> {
  const rule = GROUP_RULES[group];
  qb.andWhere(`t.status IN (:...g_${group})`, { [`g_${group}`]: rule.statuses });
  if (rule.needsDispatcher !== undefined) qb.andWhere(`t.needsDispatcher = :nd_${group}`, { [`nd_${group}`]: rule.needsDispatcher });
  return qb;
}
