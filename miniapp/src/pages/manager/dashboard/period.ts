import { KPI_MAX_DAYS } from '@baoxiu/shared';

export const PRESETS = ['today', 'd7', 'd30', 'd90', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD of `now` in an IANA zone (the tenant's calendar, not the browser's). */
export function todayIn(zone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** "Last N days" ends today and counts today: 7 days = today and the six before. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string): Period {
  const span = { today: 1, d7: 7, d30: 30, d90: 90 }[preset];
  return { from: addDays(today, -(span - 1)), to: today };
}

/** A custom period the API accepts (both days, in order, at most KPI_MAX_DAYS), or null. */
export function customPeriod(from: string, to: string): Period | null {
  if (!ISO_DAY.test(from) || !ISO_DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) return null;
  const days = daysBetween(from, to);
  return days >= 1 && days <= KPI_MAX_DAYS ? { from, to } : null;
}

export type DurationUnit = 'durSeconds' | 'durMinutes' | 'durHours' | 'durDays';

/** A mean duration in the unit a person reads best: seconds under 2 min, minutes under 2 h, hours under 2 days. */
export function durationParts(seconds: number): { n: string; unit: DurationUnit } {
  if (seconds < 120) return { n: String(Math.round(seconds)), unit: 'durSeconds' };
  if (seconds < 7_200) return { n: String(Math.round(seconds / 60)), unit: 'durMinutes' };
  if (seconds < 172_800) return { n: (seconds / 3_600).toFixed(1), unit: 'durHours' };
  return { n: (seconds / 86_400).toFixed(1), unit: 'durDays' };
}

/** Hours with one decimal for the trend chart; null keeps a gap for a day without the figure. */
export const hours = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 360) / 10);

export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
