import { td } from './i18n';

/** "3 分钟" / "45 秒" for a countdown. */
export function countdown(seconds: number): string {
  if (seconds < 90) return td('seconds', { n: Math.max(0, seconds) });
  if (seconds < 5_400) return td('minutes', { n: Math.round(seconds / 60) });
  return td('hours', { n: (seconds / 3_600).toFixed(1) });
}
