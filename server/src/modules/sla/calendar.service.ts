import type { EntityManager } from 'typeorm';
import { ERRORS, type BusinessHours, type BusinessHoursInput, type HolidayWarning, type WeekFrames } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { isoDayInZone } from '../../lib/time';
import { getSite } from '../assets/sites.service';
import { getTenant } from '../tenants/tenants.service';
import { CompiledCalendar } from './calendar';
import { buildCalendarSpec } from './calendar.spec';
import { SlaCalendar } from './calendar.entity';
import { SlaHoliday, type HolidayKind } from './holiday.entity';
import { statutoryData } from './holidays.service';
import { COMPILED_CACHE_SIZE } from './sla.state';
import { markSlaDue } from './sla.due';

const OFFICE: [string, string][] = [['09:00', '18:00']];
/** A tenant that never set its hours: Monday to Friday 09:00–18:00 with China's holidays. */
export const DEFAULT_WEEK: WeekFrames = { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: [], sun: [] };

/** A calendar as the SLA code reads it: the stored row (or the default) with its own days. */
export interface LoadedCalendar {
  key: string;
  version: number;
  siteId: number | null;
  inherited: boolean;
  hours: BusinessHoursInput;
}

/** Next year's data is expected from November on (the State Council publishes it then): warn from 1 November. */
const WARN_NEXT_YEAR_FROM_MONTH = 10;

async function calendarRow(em: EntityManager, tenantId: number, siteId: number): Promise<SlaCalendar | null> {
  return em.getRepository(SlaCalendar).findOneBy({ tenantId, siteId });
}

async function ownDays(
  em: EntityManager,
  tenantId: number,
  calendarId: number,
): Promise<Pick<BusinessHoursInput, 'extraHolidays' | 'extraWorkdays' | 'ignoredStatutoryDays'>> {
  const rows = await em.getRepository(SlaHoliday).find({ where: { tenantId, calendarId }, order: { day: 'ASC' } });
  const of = (kind: HolidayKind) => rows.filter((r) => r.kind === kind).map((r) => r.day);
  return { extraHolidays: of('holiday'), extraWorkdays: of('workday'), ignoredStatutoryDays: of('ignore') };
}

/** The calendar that applies to a site (its own, else the tenant's, else the default), or the tenant's for null. */
export async function loadCalendar(
  deps: Deps,
  tenantId: number,
  siteId: number | null,
  em: EntityManager = deps.db.ds.manager,
): Promise<LoadedCalendar> {
  const own = siteId ? await calendarRow(em, tenantId, siteId) : null;
  const row = own ?? (await calendarRow(em, tenantId, 0));
  const inherited = siteId !== null && own === null;
  if (!row) {
    const tenant = await getTenant(deps, tenantId);
    return {
      key: `t${tenantId}:default:${tenant.timezone}`,
      version: 0,
      siteId,
      inherited,
      hours: {
        timezone: tenant.timezone,
        week: DEFAULT_WEEK,
        holidays: 'cn',
        extraHolidays: [],
        extraWorkdays: [],
        ignoredStatutoryDays: [],
      },
    };
  }
  return {
    key: `c${row.id}`,
    version: row.version,
    siteId,
    inherited,
    hours: { timezone: row.timezone, week: row.week, holidays: row.holidays, ...(await ownDays(em, tenantId, row.id)) },
  };
}

/** The compiled calendar for a loaded one, from the per-system cache (keyed by calendar version and statutory data). */
export async function compiledCalendar(deps: Deps, loaded: LoadedCalendar): Promise<CompiledCalendar> {
  const statutory = await statutoryData(deps);
  const key = `${loaded.key}@${loaded.version}#${statutory.stamp}`;
  const cache = deps.sla.compiled;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = new CompiledCalendar(buildCalendarSpec(loaded.hours, statutory.data), deps.clock.now().getTime());
  if (cache.size >= COMPILED_CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, compiled);
  return compiled;
}

/** Warnings for the years a calendar needs soon and has no statutory data for; each is also logged. */
export function holidayWarnings(deps: Deps, hours: BusinessHoursInput, years: readonly number[], tenantId: number): HolidayWarning[] {
  if (hours.holidays !== 'cn') return [];
  const today = isoDayInZone(deps.clock.now(), hours.timezone);
  const year = Number(today.slice(0, 4));
  const needed = Number(today.slice(5, 7)) - 1 >= WARN_NEXT_YEAR_FROM_MONTH ? [year, year + 1] : [year];
  const { zh, en } = ERRORS.HOLIDAY_YEAR_MISSING;
  const warnings = needed
    .filter((y) => !years.includes(y))
    .map((y): HolidayWarning => ({
      code: 'HOLIDAY_YEAR_MISSING',
      year: y,
      message: { zh: `${y} 年：${zh}`, en: `${y}: ${en}` },
    }));
  for (const w of warnings)
    deps.log.warn({ tenantId, year: w.year }, 'no statutory holiday data for this year: business time there is refused');
  return warnings;
}

async function present(deps: Deps, tenantId: number, loaded: LoadedCalendar): Promise<BusinessHours> {
  const { data } = await statutoryData(deps);
  return {
    ...loaded.hours,
    siteId: loaded.siteId,
    inherited: loaded.inherited,
    version: loaded.version,
    holidayYears: loaded.hours.holidays === 'cn' ? [...data.years] : [],
    warnings: holidayWarnings(deps, loaded.hours, data.years, tenantId),
  };
}

export async function getBusinessHours(deps: Deps, tenantId: number, siteId: number | null): Promise<BusinessHours> {
  if (siteId !== null) await getSite(deps, tenantId, siteId);
  return present(deps, tenantId, await loadCalendar(deps, tenantId, siteId));
}

/** Replaces a tenant's (or a site's) calendar and its own days in one transaction; the version bump recompiles. */
export async function putBusinessHours(
  deps: Deps,
  tenantId: number,
  siteId: number | null,
  input: BusinessHoursInput,
): Promise<BusinessHours> {
  if (siteId !== null) await getSite(deps, tenantId, siteId);
  const now = deps.clock.now();
  await deps.db.transaction(async (em) => {
    const repo = em.getRepository(SlaCalendar);
    const scope = { tenantId, siteId: siteId ?? 0 };
    const existing = await repo.findOneBy(scope);
    const fields = { timezone: input.timezone, week: input.week, holidays: input.holidays, updatedAt: now };
    let id: number;
    if (existing) {
      const result = await repo
        .createQueryBuilder()
        .update(SlaCalendar)
        .set({ ...fields, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: existing.id, version: existing.version })
        .execute();
      if (!result.affected) throw new AppError('CONFLICT', {});
      id = existing.id;
    } else {
      id = (await repo.insert({ ...scope, ...fields, version: 1 })).identifiers[0].id as number;
    }
    const days = em.getRepository(SlaHoliday);
    await days.delete({ tenantId, calendarId: id });
    const rows = (
      [
        ['holiday', input.extraHolidays],
        ['workday', input.extraWorkdays],
        ['ignore', input.ignoredStatutoryDays],
      ] as const
    ).flatMap(([kind, list]) =>
      [...new Set(list)].map((day) => ({
        tenantId,
        calendarId: id,
        day,
        year: Number(day.slice(0, 4)),
        kind,
        name: '',
        source: 'tenant',
        createdAt: now,
      })),
    );
    if (rows.length > 0) await days.insert(rows);
    // Deadlines move with the calendar: the open tickets it applies to are due for the escalation sweep now.
    await markSlaDue(em, tenantId, now, siteId ?? undefined);
  });
  return present(deps, tenantId, await loadCalendar(deps, tenantId, siteId));
}
