import type { EntityManager } from 'typeorm';
import type { Deps } from '../../deps';
import type { StatutoryCalendarData } from './calendar.spec';
import { SlaHoliday } from './holiday.entity';
import { statutoryDaysFromPackage, yearsOf } from './holidays.data';

/** Statutory data is re-read from the table this often, so a sync by another process is seen. */
const STATUTORY_TTL_MS = 10 * 60_000;

/**
 * Copies every year of statutory days the package has and our table lacks (tenantId 0). Years already stored
 * are kept as they are: a year's rows are replaced only by deleting them first (see docs/sla.md).
 */
export async function syncStatutoryHolidays(deps: Deps): Promise<number[]> {
  const repo = deps.db.ds.getRepository(SlaHoliday);
  const stored = await repo
    .createQueryBuilder('h')
    .select('DISTINCT h.year', 'year')
    .where('h.tenantId = 0')
    .getRawMany<{ year: number | string }>();
  const have = new Set(stored.map((r) => Number(r.year)));
  const rows = statutoryDaysFromPackage().filter((d) => !have.has(d.year));
  const added = [...new Set(rows.map((r) => r.year))];
  if (rows.length === 0) return added;
  const now = deps.clock.now();
  await deps.db.transaction(async (em: EntityManager) => {
    for (let i = 0; i < rows.length; i += 200) {
      const values = rows.slice(i, i + 200).map((r) => ({
        tenantId: 0,
        calendarId: 0,
        day: r.day,
        year: r.year,
        kind: r.kind,
        name: r.name,
        source: r.source,
        createdAt: now,
      }));
      // Another process may be copying the same years: its rows win, ours are ignored.
      await em.createQueryBuilder().insert().into(SlaHoliday).values(values).orIgnore().execute();
    }
  });
  deps.log.info({ years: added }, 'statutory holidays copied from chinese-days');
  return added;
}

/** Reads outside any transaction: the copy itself runs at start-up (startSystem), never inside a request. */
async function readStatutory(deps: Deps): Promise<StatutoryCalendarData> {
  const rows = await deps.db.ds.getRepository(SlaHoliday).find({
    where: { tenantId: 0, calendarId: 0 },
    select: { day: true, kind: true, year: true },
    order: { day: 'ASC' },
  });
  const days = rows
    .filter((r) => r.kind === 'holiday' || r.kind === 'workday')
    .map((r) => ({ day: r.day, kind: r.kind as 'holiday' | 'workday' }));
  return { days, years: yearsOf(rows.map((r) => ({ year: Number(r.year), kind: r.kind }))) };
}

/** The statutory days from our table, cached per system and re-read every few minutes. */
export async function statutoryData(deps: Deps): Promise<{ data: StatutoryCalendarData; stamp: string }> {
  const state = deps.sla;
  const now = Date.now();
  if (state.statutory && now - state.statutory.readAt < STATUTORY_TTL_MS) return state.statutory;
  state.statutoryLoading ??= readStatutory(deps)
    .then((data) => {
      state.statutory = { data, stamp: `${data.years.join(',')}:${data.days.length}`, readAt: Date.now() };
    })
    .finally(() => {
      state.statutoryLoading = null;
    });
  await state.statutoryLoading;
  if (!state.statutory) throw new Error('statutory holidays not loaded');
  return state.statutory;
}
