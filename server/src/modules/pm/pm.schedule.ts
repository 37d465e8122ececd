import type { EntityManager } from 'typeorm';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { addDays, isoDayInZone, rawInstant } from '../../lib/time';
import type { CalendarSpec } from '../sla/calendar';
import { compiledCalendar, loadCalendar } from '../sla/calendar.service';
import { Asset } from '../assets/asset.entity';
import type { PmPlanRow } from './pm.entity';
import { MAX_RANGE_DAYS, dueDates, nextAfterCompletion } from './recurrence';

export interface PlanAsset {
  id: number;
  tenantId: number;
  siteId: number;
  category: string | null;
  code: string;
  /** The warranty's last day: a visit to an asset still in warranty is covered like a repair would be. */
  warrantyUntil: string | null;
  createdAt: Date;
}

export interface Due {
  planId: number;
  assetId: number;
  dueOn: string;
}

/** Business calendars by site for one pass (a site's own, else the tenant's): holidays and 调休 come from here. */
export type SpecCache = Map<string, Promise<CalendarSpec>>;

export function specOf(deps: Deps, cache: SpecCache, tenantId: number, siteId: number): Promise<CalendarSpec> {
  const key = `${tenantId}:${siteId}`;
  let spec = cache.get(key);
  if (!spec) {
    spec = loadCalendar(deps, tenantId, siteId)
      .then((loaded) => compiledCalendar(deps, loaded))
      .then((c) => c.spec);
    cache.set(key, spec);
  }
  return spec;
}

/** The plan's assets now: its listed ids, else every asset of its site and/or category (all of the tenant's if neither). */
export async function targetAssets(em: EntityManager, plan: PmPlanRow): Promise<PlanAsset[]> {
  const qb = em
    .createQueryBuilder(Asset, 'a')
    .select(['a.id', 'a.tenantId', 'a.siteId', 'a.category', 'a.code', 'a.warrantyUntil', 'a.createdAt'])
    .where('a.tenantId = :t', { t: plan.tenantId });
  const { assetIds, siteId, category } = plan.target;
  if (assetIds && assetIds.length > 0) qb.andWhere('a.id IN (:...ids)', { ids: assetIds });
  else {
    if (siteId !== undefined) qb.andWhere('a.siteId = :siteId', { siteId });
    if (category !== undefined) qb.andWhere('a.category = :category', { category });
  }
  const rows = await qb.orderBy('a.id', 'ASC').getMany();
  return rows.map((a) => ({
    id: a.id,
    tenantId: a.tenantId,
    siteId: a.siteId,
    category: a.category,
    warrantyUntil: a.warrantyUntil,
    code: a.code,
    createdAt: a.createdAt,
  }));
}

/**
 * With statutory holidays on, dates past the last year of published data are not projected nor generated yet (the
 * State Council publishes next year's in November): the calendar refuses to guess them (HOLIDAY_YEAR_MISSING).
 */
function clipToData(spec: CalendarSpec, to: string): string {
  if (!spec.holidayYears || spec.holidayYears.size === 0) return to;
  const last = `${Math.max(...spec.holidayYears)}-12-31`;
  return to < last ? to : last;
}

/** The first due date on or after `begin`, looked for a month at a time (never past the data). */
function firstDue(spec: CalendarSpec, plan: PmPlanRow, begin: string): string | null {
  const limit = clipToData(spec, addDays(begin, MAX_RANGE_DAYS));
  for (let from = begin; from <= limit; from = addDays(from, 31)) {
    const to = addDays(from, 30) < limit ? addDays(from, 30) : limit;
    const found = dueDates(spec, plan.rrule, plan.startsOn, plan.holidayPolicy, from, to);
    if (found.length > 0) return found[0];
  }
  return null;
}

/** The next visit after a completion; none yet when it falls in a year without holiday data. */
function nextOrNone(spec: CalendarSpec, plan: PmPlanRow, completedOn: string): string | null {
  try {
    return nextAfterCompletion(spec, plan.rrule, plan.startsOn, plan.holidayPolicy, completedOn);
  } catch (e) {
    if (e instanceof AppError && e.code === 'HOLIDAY_YEAR_MISSING') return null;
    throw e;
  }
}

function bySite(assets: PlanAsset[]): Map<number, PlanAsset[]> {
  const out = new Map<number, PlanAsset[]>();
  for (const a of assets) out.set(a.siteId, [...(out.get(a.siteId) ?? []), a]);
  return out;
}

/** Where each asset's latest visit of a completion-based plan stands: open (null) or done on a day. */
async function lastCompletion(em: EntityManager, plan: PmPlanRow, zone: string): Promise<Map<number, string | null>> {
  const rows = await em.query<Array<{ assetId: number | string; dueOn: string; status: string | null; resolvedAt: Date | string | null }>>(
    `SELECT o.assetId AS assetId, o.dueOn AS dueOn, t.status AS status, t.resolvedAt AS resolvedAt
     FROM pm_occurrences o LEFT JOIN tickets t ON t.id = o.ticketId WHERE o.planId = ? ORDER BY o.dueOn ASC`,
    [plan.id],
  );
  const out = new Map<number, string | null>();
  for (const r of rows) {
    const resolved = r.resolvedAt ? isoDayInZone(rawInstant(r.resolvedAt), zone) : null;
    // A cancelled visit counts from its due date; an open one holds the next back until it is done.
    out.set(Number(r.assetId), resolved ?? (r.status === 'cancelled' ? r.dueOn : null));
  }
  return out;
}

/**
 * Due dates of one plan's visits in [from, to]. Schedule-based: the rule's dates under the holiday policy, by the
 * asset's site calendar. Completion-based: each asset's next visit only — the first date from `today` for an asset
 * never visited, the rule re-anchored at the last completion otherwise, nothing while a visit is open.
 */
export async function duesOf(
  deps: Deps,
  em: EntityManager,
  cache: SpecCache,
  plan: PmPlanRow,
  assets: PlanAsset[],
  zone: string,
  today: string,
  from: string,
  to: string,
): Promise<Due[]> {
  const out: Due[] = [];
  const sites = bySite(assets);
  if (plan.basedOn === 'schedule') {
    const start = plan.startsOn > from ? plan.startsOn : from;
    if (start > to) return [];
    for (const [siteId, list] of sites) {
      const spec = await specOf(deps, cache, plan.tenantId, siteId);
      const end = clipToData(spec, to);
      if (start > end) continue;
      for (const dueOn of dueDates(spec, plan.rrule, plan.startsOn, plan.holidayPolicy, start, end)) {
        for (const a of list) out.push({ planId: plan.id, assetId: a.id, dueOn });
      }
    }
    return out;
  }
  const done = await lastCompletion(em, plan, zone);
  for (const [siteId, list] of sites) {
    const spec = await specOf(deps, cache, plan.tenantId, siteId);
    let first: string | null | undefined;
    for (const a of list) {
      let next: string | null;
      if (!done.has(a.id)) {
        if (first === undefined) first = firstDue(spec, plan, plan.startsOn > today ? plan.startsOn : today);
        next = first;
      } else {
        const completedOn = done.get(a.id) ?? null;
        next = completedOn === null ? null : nextOrNone(spec, plan, completedOn);
      }
      if (next !== null && next >= from && next <= clipToData(spec, to)) out.push({ planId: plan.id, assetId: a.id, dueOn: next });
    }
  }
  return out;
}
