import type { SlaTargetInput, SlaTargetKind, TicketStatus } from '@baoxiu/shared';

/** What a target is matched on. */
export interface TicketScope {
  urgency: string;
  category: string | null;
  siteId: number;
}

/**
 * The most specific target for a ticket: only targets of its urgency whose category and site (when set)
 * equal the ticket's; among those, one naming both site and category wins, then site alone, then category
 * alone, then the urgency's plain target. Ties cannot occur: (urgency, category, site) is unique per policy.
 */
export function matchTarget(targets: readonly SlaTargetInput[], t: TicketScope): SlaTargetInput | null {
  let best: SlaTargetInput | null = null;
  let bestScore = -1;
  for (const target of targets) {
    if (target.urgency !== t.urgency) continue;
    if (target.category !== undefined && target.category !== t.category) continue;
    if (target.siteId !== undefined && target.siteId !== t.siteId) continue;
    const score = (target.siteId !== undefined ? 2 : 0) + (target.category !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = target;
      bestScore = score;
    }
  }
  return best;
}

/** A target's minutes for one clock kind, or null when the target sets none (arrival is optional). */
export function minutesOf(target: SlaTargetInput, kind: SlaTargetKind): number | null {
  if (kind === 'response') return target.responseMinutes;
  if (kind === 'arrival') return target.arrivalMinutes ?? null;
  return target.resolutionMinutes;
}

/** Whether a status pauses a clock under a target: waiting for the customer always, plus the tenant's choice. */
export function pausesIn(target: SlaTargetInput | null, status: TicketStatus): boolean {
  if (status === 'waiting_customer') return true;
  return target !== null && (target.pauseStatuses as readonly string[]).includes(status);
}
