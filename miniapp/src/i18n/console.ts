import { getLang, useLang } from './index';
import { consoleEn } from './console.en';
import { consoleZhCN, type ConsoleKey } from './console.zh-CN';

export type { ConsoleKey };
export { getLang, useLang };

/** A console text in the current language (the same switch as the rest of the app). */
export function tc(key: ConsoleKey): string {
  return getLang() === 'en' ? consoleEn[key] : consoleZhCN[key];
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
