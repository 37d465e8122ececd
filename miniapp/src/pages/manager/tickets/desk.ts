import { DESK_GROUPS, type DeskGroup, type Urgency } from '@baoxiu/shared';
import type { ConsoleKey } from '../../../i18n/console';

export const GROUP_LABEL: Record<DeskGroup, ConsoleKey> = {
  awaiting_dispatcher: 'groupAwaitingDispatcher',
  offered: 'groupOffered',
  in_progress: 'groupInProgress',
  waiting_customer: 'groupWaitingCustomer',
  resolved: 'groupResolved',
  closed: 'groupClosed',
};
export const URGENCY_LABEL: Record<Urgency, ConsoleKey> = { high: 'urgency_high', normal: 'urgency_normal', low: 'urgency_low' };
export { DESK_GROUPS };

/** "3 天 2 小时" style: the largest two units of a duration. */
export function ageText(ms: number, en: boolean): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const u = en ? { d: 'd', h: 'h', m: 'm', s: 's' } : { d: ' 天', h: ' 小时', m: ' 分', s: ' 秒' };
  if (d > 0) return `${d}${u.d} ${h}${u.h}`;
  if (h > 0) return `${h}${u.h} ${m}${u.m}`;
  if (m > 0) return `${m}${u.m}`;
  return `${s}${u.s}`;
}

/** mm:ss until an offer expires, or null once it has. */
export function countdown(expiresAt: string | null, now: number): string | null {
  if (!expiresAt) return null;
  const left = Math.floor((Date.parse(expiresAt) - now) / 1000);
  if (left <= 0) return null;
  const m = Math.floor(left / 60);
  return `${m}:${String(left % 60).padStart(2, '0')}`;
}

/** A count at the cap reads "10000+": the server stops counting there. */
export const countText = (n: number, cap: number) => (n > cap ? `${cap}+` : String(n));
