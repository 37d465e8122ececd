import type { CompiledCalendar } from './calendar';
import type { StatutoryCalendarData } from './calendar.spec';

/** Per-system SLA state on Deps: the statutory data read from our table, and compiled calendars. */
export interface SlaState {
  statutory: { data: StatutoryCalendarData; stamp: string; readAt: number } | null;
  statutoryLoading: Promise<unknown> | null;
  /** Compiled calendars by `${calendarKey}@${version}#${statutory stamp}`; evicted oldest first. */
  compiled: Map<string, CompiledCalendar>;
}

export const COMPILED_CACHE_SIZE = 2_000;

export function createSlaState(): SlaState {
  return { statutory: null, statutoryLoading: null, compiled: new Map() };
}
