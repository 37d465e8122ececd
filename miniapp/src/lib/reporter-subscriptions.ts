import type { CreditView, NotificationKind, TicketStatus } from '@baoxiu/shared';

/** wx.requestSubscribeMessage shows at most three templates per call. */
export const MAX_TEMPLATES_PER_ASK = 3;

/**
 * The reporter's messages in the order a repair produces them. A quote (报价待确认) only comes for a chargeable
 * repair, so it is asked for last: the first tap covers what every repair sends, the second "closed" and the quote.
 */
const REPORTER_KINDS: readonly NotificationKind[] = [
  'ticket_accepted',
  'engineer_on_the_way',
  'ticket_resolved',
  'ticket_closed',
  'quote_pending',
];

/** The first of the always-sent kinds a ticket in this status can still produce (those before it were sent already). */
const NEXT_KIND: Record<TicketStatus, number> = {
  new: 0,
  offered: 0,
  reopened: 0, // a reopened ticket is dispatched again: accepted, on the way, resolved, closed
  accepted: 1,
  en_route: 2,
  on_site: 2,
  waiting_customer: 2,
  resolved: 3,
  closed: 4,
  cancelled: 4,
};

/** Statuses in which an engineer or dispatcher can still quote: before the repair is resolved. */
const QUOTE_STILL_POSSIBLE: ReadonlySet<TicketStatus> = new Set<TicketStatus>([
  'new',
  'offered',
  'reopened',
  'accepted',
  'en_route',
  'on_site',
  'waiting_customer',
]);

function kindsAhead(status: TicketStatus): NotificationKind[] {
  const always = REPORTER_KINDS.filter((k) => k !== 'quote_pending').slice(NEXT_KIND[status]);
  return QUOTE_STILL_POSSIBLE.has(status) ? [...always, 'quote_pending'] : always;
}

/**
 * The reporter templates to ask for at a tap, for a ticket in `status` (or about to be, e.g. `reopened` at
 * "not fixed"): those still ahead with no credit left, soonest first, at most three. One "accept" is one
 * message, so a template with credit left needs no asking; the rest waits for the next tap.
 */
export function reporterTemplatesToAsk(templates: readonly CreditView[], status: TicketStatus): string[] {
  const ids: string[] = [];
  for (const kind of kindsAhead(status)) {
    const template = templates.find((t) => t.kind === kind);
    if (!template || template.credits > 0 || ids.includes(template.templateId)) continue;
    ids.push(template.templateId);
    if (ids.length === MAX_TEMPLATES_PER_ASK) break;
  }
  return ids;
}
