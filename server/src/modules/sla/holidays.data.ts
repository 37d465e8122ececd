import chineseDays from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';

/** One statutory day as our holiday table stores it. */
export interface StatutoryDay {
  day: string;
  year: number;
  kind: 'holiday' | 'workday';
  /** "春节 / Spring Festival". */
  name: string;
  source: string;
}

/** Where the statutory rows come from, stored on every row so a later import can tell what it replaces. */
export const STATUTORY_SOURCE = `chinese-days@${chineseDaysPackage.version}`;

/** "Spring Festival,春节,4" → "春节 / Spring Festival". */
function nameOf(raw: string): string {
  const [en, zh] = raw.split(',');
  return zh ? `${zh} / ${en}` : raw;
}

/**
 * China's statutory holidays and 调休 make-up workdays as published in the `chinese-days` package, read from its
 * raw tables: its isHoliday() also counts weekends and falls back to Monday–Friday for a year it lacks, so
 * only the explicit days are taken and the years present are listed for the refusal of the rest.
 */
export function statutoryDaysFromPackage(): StatutoryDay[] {
  const rows: StatutoryDay[] = [];
  const tables: Array<[Record<string, string>, StatutoryDay['kind']]> = [
    [chineseDays.holidays, 'holiday'],
    [chineseDays.workdays, 'workday'],
  ];
  for (const [table, kind] of tables) {
    for (const [day, raw] of Object.entries(table)) {
      rows.push({ day, year: Number(day.slice(0, 4)), kind, name: nameOf(raw), source: STATUTORY_SOURCE });
    }
  }
  return rows.sort((a, b) => a.day.localeCompare(b.day));
}

/** The years with statutory data: a year with holidays published always has some. */
export function yearsOf(days: readonly { year: number; kind: string }[]): number[] {
  return [...new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.year))].sort((a, b) => a - b);
}
