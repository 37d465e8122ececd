import type { Role, StaffWechatView } from '@baoxiu/shared';

/** unbound: no WeChat yet (send an invite); no_credit: bound, but a message of theirs cannot be sent; ok: reachable. */
export type WechatState = 'unbound' | 'no_credit' | 'ok';

export function wechatState(staff: StaffWechatView): WechatState {
  if (!staff.bound) return 'unbound';
  return staff.needsSubscription ? 'no_credit' : 'ok';
}

export interface StaffFilter {
  /** Only the people messages cannot reach for lack of subscription credit. */
  noCreditOnly: boolean;
  role: Role | '';
  /** Part of the name, any case. */
  q: string;
}

export const NO_FILTER: StaffFilter = { noCreditOnly: false, role: '', q: '' };

export function filterStaff(items: readonly StaffWechatView[], filter: StaffFilter): StaffWechatView[] {
  const q = filter.q.trim().toLowerCase();
  return items.filter(
    (s) =>
      (!filter.noCreditOnly || wechatState(s) === 'no_credit') &&
      (!filter.role || s.role === filter.role) &&
      (!q || s.name.toLowerCase().includes(q)),
  );
}

export interface StaffPage {
  items: StaffWechatView[];
  page: number;
  total: number;
}

/** The server answers the whole (small) staff list at once; the console shows it a page at a time. */
export function pageOf(items: readonly StaffWechatView[], page: number, pageSize: number): StaffPage {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(Math.max(1, page), pages); // a narrower filter may leave fewer pages
  return { items: items.slice((current - 1) * pageSize, current * pageSize), page: current, total: items.length };
}

export interface StaffCounts {
  total: number;
  unbound: number;
  noCredit: number;
}

export function countStaff(items: readonly StaffWechatView[]): StaffCounts {
  const counts: StaffCounts = { total: items.length, unbound: 0, noCredit: 0 };
  for (const s of items) {
    const state = wechatState(s);
    if (state === 'unbound') counts.unbound += 1;
    if (state === 'no_credit') counts.noCredit += 1;
  }
  return counts;
}
