import { getLang, useLang } from './index';
import { consoleEn } from './console.en';
import { consoleZhCN, type ConsoleKey } from './console.zh-CN';

export type { ConsoleKey };
export { getLang, useLang };

/** A console text in the current language (the same switch as the rest of the app). */
export function tc(key: ConsoleKey): string {
  return getLang() === 'en' ? consoleEn[key] : consoleZhCN[key];
}

/** The text of a machine code from the server (`notificationStatus_sent`), or the code itself where there is none. */
export function tcCode(prefix: string, code: string): string {
  const text: string | undefined = tc(`${prefix}${code}` as ConsoleKey);
  return text || code;
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
