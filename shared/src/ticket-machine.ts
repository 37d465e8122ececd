/** The ticket lifecycle as data: statuses, actions, which status each action leaves from and who may do it. */
export const TICKET_STATUSES = [
  'new',
  'offered',
  'accepted',
  'en_route',
  'on_site',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
  'waiting_customer',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const ACTOR_TYPES = ['reporter', 'engineer', 'dispatcher', 'admin', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

interface TransitionRule {
  from: readonly TicketStatus[];
  to: TicketStatus;
  by: readonly ActorType[];
}

export const TRANSITIONS = {
  offer: { from: ['new', 'reopened', 'offered'], to: 'offered', by: ['system'] },
  assign: {
    from: ['new', 'reopened', 'offered', 'accepted', 'en_route', 'on_site'],
    to: 'offered',
    by: ['dispatcher', 'admin'],
  },
  escalate: { from: ['offered', 'new', 'reopened'], to: 'new', by: ['system'] },
  accept: { from: ['offered'], to: 'accepted', by: ['engineer'] },
  decline: { from: ['offered'], to: 'offered', by: ['engineer'] },
  travel: { from: ['accepted'], to: 'en_route', by: ['engineer'] },
  arrive: { from: ['accepted', 'en_route'], to: 'on_site', by: ['engineer'] },
  wait_customer: { from: ['accepted', 'en_route', 'on_site'], to: 'waiting_customer', by: ['engineer'] },
  resume: { from: ['waiting_customer'], to: 'on_site', by: ['engineer'] },
  resolve: { from: ['on_site'], to: 'resolved', by: ['engineer'] },
  confirm: { from: ['resolved'], to: 'closed', by: ['reporter', 'system'] },
  reopen: { from: ['resolved', 'closed'], to: 'reopened', by: ['reporter'] },
  cancel: {
    from: ['new', 'offered', 'accepted', 'en_route', 'on_site', 'reopened', 'waiting_customer'],
    to: 'cancelled',
    by: ['dispatcher', 'admin'],
  },
} as const satisfies Record<string, TransitionRule>;

export type TicketAction = keyof typeof TRANSITIONS;

export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'offered', 'accepted', 'en_route', 'on_site', 'reopened', 'waiting_customer'];
/** Statuses in which a job counts against an engineer's current load. */
export const ACTIVE_JOB_STATUSES: readonly TicketStatus[] = ['accepted', 'en_route', 'on_site', 'waiting_customer'];
export const DONE_JOB_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

export function canTransition(action: TicketAction, from: TicketStatus, actor: ActorType): boolean {
  const rule: TransitionRule = TRANSITIONS[action];
  return rule.from.includes(from) && rule.by.includes(actor);
}

/** Every action `actor` may take on a ticket in `status`, in the machine's order (for UIs that offer the next steps). */
export function actionsFor(status: TicketStatus, actor: ActorType): TicketAction[] {
  return (Object.keys(TRANSITIONS) as TicketAction[]).filter((action) => canTransition(action, status, actor));
}

export function nextStatus(action: TicketAction): TicketStatus {
  return TRANSITIONS[action].to;
}

export const EVENT_TYPES = [
  'created',
  'offered',
  'offer_expired',
  'declined',
  'escalated',
  'assigned',
  'accepted',
  'en_route',
  'on_site',
  'waiting_customer',
  'resumed',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
  'rated',
  'note',
  'urgency_changed',
  'redispatched',
  'urged',
  'sla_escalated',
  'quoted',
] as const;
export type TicketEventType = (typeof EVENT_TYPES)[number];

export const STATUS_LABELS: Record<TicketStatus, { zh: string; en: string }> = {
  new: { zh: '待派单', en: 'Waiting for dispatch' },
  offered: { zh: '待接单', en: 'Offered to engineers' },
  accepted: { zh: '已接单', en: 'Accepted' },
  en_route: { zh: '工程师在路上', en: 'Engineer on the way' },
  on_site: { zh: '工程师已到场', en: 'Engineer on site' },
  resolved: { zh: '已修复，待确认', en: 'Fixed — please confirm' },
  closed: { zh: '已完成', en: 'Closed' },
  reopened: { zh: '已重新报修', en: 'Reopened' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  waiting_customer: { zh: '等待客户', en: 'Waiting for customer' },
};

/** What each history entry is called, beside the status labels. */
export const EVENT_LABELS: Record<TicketEventType, { zh: string; en: string }> = {
  created: { zh: '提交报修', en: 'Request submitted' },
  offered: { zh: '已派给工程师', en: 'Offered to an engineer' },
  offer_expired: { zh: '派单超时', en: 'Offer expired' },
  declined: { zh: '工程师未接单', en: 'Engineer declined' },
  escalated: { zh: '转交调度员', en: 'Escalated to dispatcher' },
  assigned: { zh: '调度员已指派', en: 'Assigned by dispatcher' },
  accepted: { zh: '工程师已接单', en: 'Engineer accepted' },
  en_route: { zh: '工程师已出发', en: 'Engineer on the way' },
  on_site: { zh: '工程师已到场', en: 'Engineer on site' },
  waiting_customer: { zh: '等待客户', en: 'Waiting for customer' },
  resumed: { zh: '继续处理', en: 'Work resumed' },
  resolved: { zh: '已修复', en: 'Fixed' },
  closed: { zh: '已确认完成', en: 'Confirmed and closed' },
  reopened: { zh: '重新报修', en: 'Reopened' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  rated: { zh: '已评价', en: 'Rated' },
  note: { zh: '内部备注', en: 'Internal note' },
  urgency_changed: { zh: '紧急程度已调整', en: 'Urgency changed' },
  redispatched: { zh: '退回自动派单', en: 'Sent back to automatic dispatch' },
  urged: { zh: '报修人催单', en: 'Reporter asked to hurry' },
  sla_escalated: { zh: 'SLA 升级', en: 'SLA escalation' },
  quoted: { zh: '已发送报价', en: 'Quote sent' },
};
