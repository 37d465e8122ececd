import { createHash } from 'node:crypto';
import { In, type SelectQueryBuilder } from 'typeorm';
import { encodeListCursor, type CursorPage, type StaffTicket, type TicketListQuery, type Urgency } from '@baoxiu/shared';
import { applyExtraFilters, bound } from './desk.filters';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { pageWindow, toPage } from '../../lib/pagination';
import type { StaffActor } from '../auth/actor';
import { Ticket } from '../tickets/ticket.entity';
import { presentStaffTickets } from '../tickets/tickets.presenter';

/**
 * The dispatcher's ticket list (`GET /api/tickets`), built to stay fast on a tenant with a million tickets.
 *
 * Position — newest first, ties between tickets of one instant broken by the higher id:
 * - `cursor` (the previous answer's `nextCursor`, the last row's (createdAt, id)) seeks
 *   `(createdAt, id) < (?, ?)` on the (tenantId, createdAt, id) index: every page costs the same, however deep.
 * - `page` without a cursor skips rows (OFFSET), which costs as many index entries as it skips, so an offset
 *   past MAX_PAGE_OFFSET is refused with 400 PAGE_TOO_DEEP (narrow the filters, or go on with `nextCursor`).
 * Every answer carries `nextCursor` (null on the last page), also when it was reached by `page`.
 *
 * Total — the number of tickets matching the filters (not the ones left after the cursor):
 * - up to EXACT_TOTAL_CAP matches it is exact and live on every request: a capped
 *   `COUNT(*) FROM (SELECT 1 … LIMIT cap + 1)` reads at most cap + 1 index entries, so an ordinary tenant
 *   sees a ticket it just created counted at once;
 * - above the cap, the exact COUNT(*) (about 250 ms over a million rows on MariaDB) is cached in `deps.kv`
 *   (Redis, shared by all API processes) per (tenant, normalized filters) for TOTAL_CACHE_SECONDS, and counted
 *   once at a time per process; such a total may lag new tickets by up to that long. A cache entry exists
 *   only for a list that had more than the cap, so a small list is never answered from it.
 */
export const MAX_PAGE_OFFSET = 10_000;
export const EXACT_TOTAL_CAP = 10_000;
export const TOTAL_CACHE_SECONDS = 15;

/** The filters in one canonical form: the same list asked in different spellings shares one cached total. */
interface Filters {
  tenantId: number;
  status: string[] | null;
  siteId: number | null;
  engineerId: number | null;
  needsDispatcher: boolean | null;
  from: Date | null;
  to: Date | null;
  category: string | null;
  urgency: Urgency | null;
  q: string | null;
}

function filtersOf(tenantId: number, q: TicketListQuery): Filters {
  return {
    tenantId,
    status: q.status ? [...new Set(q.status)].sort() : null,
    siteId: q.siteId ?? null,
    engineerId: q.engineerId ?? null,
    needsDispatcher: q.needsDispatcher ?? null,
    from: q.from ? bound(q.from, false) : null,
    to: q.to ? bound(q.to, true) : null,
    category: q.category ?? null,
    urgency: q.urgency ?? null,
    q: q.q ?? null,
  };
}

function filtered(deps: Deps, f: Filters): SelectQueryBuilder<Ticket> {
  const qb = deps.db.ds.manager.createQueryBuilder(Ticket, 't').where('t.tenantId = :tenantId', { tenantId: f.tenantId });
  if (f.status) qb.andWhere('t.status IN (:...status)', { status: f.status });
  if (f.siteId !== null) qb.andWhere('t.siteId = :siteId', { siteId: f.siteId });
  if (f.engineerId !== null) qb.andWhere('t.engineerId = :engineerId', { engineerId: f.engineerId });
  if (f.needsDispatcher !== null) qb.andWhere('t.needsDispatcher = :nd', { nd: f.needsDispatcher });
  if (f.from) qb.andWhere('t.createdAt >= :from', { from: f.from });
  if (f.to) qb.andWhere('t.createdAt <= :to', { to: f.to });
  return applyExtraFilters(qb, f);
}

function totalKey(f: Filters): string {
  const digest = createHash('sha256').update(JSON.stringify(f)).digest('base64url').slice(0, 22);
  return `tickets:total:${f.tenantId}:${digest}`;
}

/** Exact counts in progress in this system (Deps.countsInFlight): concurrent requests for one list wait for one COUNT(*). */
export type CountsInFlight = Map<string, Promise<number>>;

export function newCountsInFlight(): CountsInFlight {
  return new Map();
}

async function cachedTotal(deps: Deps, key: string): Promise<number | null> {
  try {
    const raw = await deps.kv.get(key);
    const n = raw === null ? NaN : Number(raw);
    // Only a count above the cap is ever stored; anything else is not ours, and recounted.
    return Number.isSafeInteger(n) && n > EXACT_TOTAL_CAP ? n : null;
  } catch (err) {
    deps.log.debug({ err: (err as Error).message }, 'ticket total cache unavailable');
    return null;
  }
}

async function exactTotal(deps: Deps, f: Filters, key: string): Promise<number> {
  const counting = deps.countsInFlight;
  const running = counting.get(key);
  if (running) return running;
  const work = (async () => {
    // COUNT(*), not getCount()'s COUNT(DISTINCT id): half the work over a million rows.
    const row = await filtered(deps, f).select('COUNT(*)', 'n').getRawOne<{ n: number | string }>();
    const n = Number(row?.n ?? 0);
    try {
      await deps.kv.set(key, String(n), TOTAL_CACHE_SECONDS);
    } catch (err) {
      deps.log.debug({ err: (err as Error).message }, 'ticket total not cached');
    }
    return n;
  })();
  counting.set(key, work);
  try {
    return await work;
  } finally {
    counting.delete(key);
  }
}

async function countTickets(deps: Deps, f: Filters): Promise<number> {
  const key = totalKey(f);
  const cached = await cachedTotal(deps, key);
  if (cached !== null) return cached;
  const [sql, params] = filtered(deps, f)
    .select('1', 'one')
    .limit(EXACT_TOTAL_CAP + 1)
    .getQueryAndParameters();
  const rows = await deps.db.ds.manager.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params);
  const capped = Number(rows[0]?.n ?? 0);
  return capped <= EXACT_TOTAL_CAP ? capped : exactTotal(deps, f, key);
}

export async function listTickets(deps: Deps, actor: StaffActor, q: TicketListQuery): Promise<CursorPage<StaffTicket>> {
  const { skip, take } = q.cursor ? { skip: 0, take: q.pageSize } : pageWindow(q);
  if (skip > MAX_PAGE_OFFSET) {
    throw new AppError('PAGE_TOO_DEEP', {
      offset: skip,
      maxOffset: MAX_PAGE_OFFSET,
      maxPage: Math.floor(MAX_PAGE_OFFSET / q.pageSize) + 1,
      cursorParam: 'cursor',
    });
  }
  const f = filtersOf(actor.tenantId, q);
  const pageQuery = filtered(deps, f).select('t.id', 'id');
  if (q.cursor) {
    // `(createdAt, id) < (?, ?)` spelled as a range on createdAt plus a tie-break among rows of that very
    // instant: both MariaDB and SQLite read it as an index range, which a row-value comparison may not be.
    pageQuery.andWhere('t.createdAt <= :cursorAt AND (t.createdAt < :cursorAt OR t.id < :cursorId)', {
      cursorAt: q.cursor.createdAt,
      cursorId: q.cursor.id,
    });
  }
  // One row more than the page tells whether another page follows.
  pageQuery
    .orderBy('t.createdAt', 'DESC')
    .addOrderBy('t.id', 'DESC')
    .offset(skip)
    .limit(take + 1);
  const [idRows, total] = await Promise.all([pageQuery.getRawMany<{ id: number | string }>(), countTickets(deps, f)]);
  // The page reads ids from the narrow index first and only then loads those rows.
  const ids = idRows.slice(0, take).map((r) => Number(r.id));
  const rows = ids.length > 0 ? await deps.db.ds.manager.findBy(Ticket, { id: In(ids) }) : [];
  const byId = new Map(rows.map((t) => [t.id, t]));
  const page = ids.flatMap((id) => byId.get(id) ?? []);
  const last = page[page.length - 1];
  const nextCursor = idRows.length > take && last ? encodeListCursor({ createdAt: last.createdAt, id: last.id }) : null;
  return { ...toPage(await presentStaffTickets(deps, deps.db.ds.manager, page), q, total), nextCursor };
}
