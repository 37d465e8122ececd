import type { Lang, TicketEventType } from '@baoxiu/shared';

// TODO(shared): event-type labels belong next to STATUS_LABELS in shared/src/ticket-machine.ts.
const EVENT_LABELS: Record<TicketEventType, { zh: string; en: string }> = {
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
  urged: { zh: '报修人催单', en: 'Reporter asked to hurry' },
};

export function eventLabel(type: TicketEventType, lang: Lang): string {
  return lang === 'en' ? EVENT_LABELS[type].en : EVENT_LABELS[type].zh;
}
