import { WEEKDAYS, type BusinessHoursInput } from '@baoxiu/shared';
import type { CalendarSpec, DayKind } from './calendar';
import { dayOfIso, minutesOfClock } from './calendar.zone';

/** The statutory days a calendar reads: the holiday table's tenant-agnostic rows. */
export interface StatutoryCalendarData {
  days: readonly { day: string; kind: 'holiday' | 'workday' }[];
  years: readonly number[];
}

/**
 * Business hours + statutory data → the plain calendar spec. Precedence, lowest first: the week, the statutory
 * day (unless the tenant ignores it), then the tenant's extra workdays, then its extra holidays.
 */
export function buildCalendarSpec(hours: BusinessHoursInput, statutory: StatutoryCalendarData): CalendarSpec {
  const week = WEEKDAYS.map((d) => hours.week[d].map(([s, e]) => [minutesOfClock(s), minutesOfClock(e)] as const));
  const days = new Map<number, DayKind>();
  if (hours.holidays === 'cn') {
    const ignored = new Set(hours.ignoredStatutoryDays);
    for (const d of statutory.days) {
      if (!ignored.has(d.day)) days.set(dayOfIso(d.day), d.kind === 'holiday' ? 'off' : 'work');
    }
  }
  for (const d of hours.extraWorkdays) days.set(dayOfIso(d), 'work');
  for (const d of hours.extraHolidays) days.set(dayOfIso(d), 'off');
  return {
    timezone: hours.timezone,
    week,
    days,
    holidayYears: hours.holidays === 'cn' ? new Set(statutory.years) : null,
  };
}
