import type { EngineerView, StaffTicket } from '@baoxiu/shared';

/** Seconds left on an offer (negative once past), or null without one. */
export function secondsLeft(ticket: Pick<StaffTicket, 'offerExpiresAt'>, now: number): number | null {
  return ticket.offerExpiresAt ? Math.round((Date.parse(ticket.offerExpiresAt) - now) / 1000) : null;
}

/** Offered tickets, the soonest expiry first. */
export function byExpiry(tickets: readonly StaffTicket[]): StaffTicket[] {
  const at = (t: StaffTicket) => (t.offerExpiresAt ? Date.parse(t.offerExpiresAt) : Number.POSITIVE_INFINITY);
  return [...tickets].sort((a, b) => at(a) - at(b));
}

const URGENCY_RANK = { high: 0, normal: 1, low: 2 } as const;

/** The awaiting queue: urgent first, then the oldest. */
export function byUrgencyThenAge(tickets: readonly StaffTicket[]): StaffTicket[] {
  return [...tickets].sort((a, b) => URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || a.createdAt.localeCompare(b.createdAt));
}

export interface EngineerFit {
  engineer: EngineerView;
  /** An empty list covers everything, as dispatch reads it. */
  coversSite: boolean;
  hasSkill: boolean;
}

/** Engineers for a ticket: on duty with the skill and site first, then the least loaded. */
export function rankEngineers(engineers: readonly EngineerView[], ticket: Pick<StaffTicket, 'category' | 'asset'>): EngineerFit[] {
  const fits = engineers.map((engineer) => ({
    engineer,
    coversSite: engineer.siteIds.length === 0 || engineer.siteIds.includes(ticket.asset.siteId),
    hasSkill: !ticket.category || engineer.skills.length === 0 || engineer.skills.includes(ticket.category),
  }));
  const score = (f: EngineerFit) => (f.engineer.onDutyNow ? 0 : 4) + (f.hasSkill ? 0 : 2) + (f.coversSite ? 0 : 1);
  return fits.sort(
    (a, b) => score(a) - score(b) || a.engineer.openJobs - b.engineer.openJobs || a.engineer.name.localeCompare(b.engineer.name),
  );
}
