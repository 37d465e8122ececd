import { KIND_RECIPIENT, type FieldSource, type NotificationKind, type TicketStatus, type Urgency } from '@baoxiu/shared';
import { fitValue } from '../../wechat/limits';
import type { Asset } from '../assets/asset.entity';
import type { Site } from '../assets/site.entity';
import type { Ticket } from '../tickets/ticket.entity';
import type { TicketEvent } from '../tickets/ticket-event.entity';

/** Everything a message may show, read once at fan-out time. */
export interface MessageContext {
  ticket: Ticket;
  event: TicketEvent;
  asset: Asset;
  site: Site | null;
  timezone: string;
  engineerName: string | null;
  kind: NotificationKind;
}

// Short enough for a `phrase` key (≤ 5 characters); templates are Chinese, as WeChat's catalogue is.
const STATUS_WORD: Record<TicketStatus, string> = {
  new: '待派单',
  offered: '待接单',
  accepted: '已接单',
  en_route: '已出发',
  on_site: '已到场',
  resolved: '待确认',
  closed: '已完成',
  reopened: '已重开',
  cancelled: '已取消',
  waiting_customer: '等待客户',
};
const URGENCY_WORD: Record<Urgency, string> = { low: '低', normal: '普通', high: '紧急' };
const ESCALATION_REASON: Record<string, string> = {
  candidates_exhausted: '所有工程师均未接单',
  no_candidates: '没有可派的工程师',
  offer_timeout: '派单超时无人接单',
  declined: '工程师拒绝接单',
  manual_dispatch: '等待手动派单',
};

/** The event time as WeChat's `time` type wants it, in the tenant's zone: 2026-11-23 10:05. */
export function formatTime(at: Date, timeZone: string): string {
  const p = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const SLA_TARGET_WORD: Record<string, string> = { response: '响应', arrival: '到场', resolution: '解决' };

/** "response L1 breach notify_dispatcher" → 响应已超时; "… warning …" → 响应即将超时. */
function slaReason(note: string | null): string {
  const [target = '', , phase = ''] = (note ?? '').split(' ');
  const word = SLA_TARGET_WORD[target] ?? '';
  return phase === 'breach' ? `${word}已超时` : `${word}即将超时`;
}

function reasonOf(c: MessageContext): string {
  if (c.kind === 'job_reassigned') return '工单已改派给其他工程师';
  if (c.event.type === 'sla_escalated') return slaReason(c.event.note);
  if (c.event.type === 'escalated') return ESCALATION_REASON[c.event.note ?? ''] ?? '需要调度员处理';
  return c.event.note ?? '-';
}

function sourceValue(source: FieldSource, c: MessageContext): string {
  switch (source) {
    case 'ticketNumber':
      return c.ticket.number;
    case 'assetName':
      return c.asset.name;
    case 'assetCode':
      return c.asset.code;
    case 'siteName':
      return c.site?.name ?? '-';
    case 'location':
      return c.asset.location ?? c.site?.name ?? '-';
    case 'description':
      return c.ticket.description;
    case 'status':
      return STATUS_WORD[c.event.toStatus ?? c.ticket.status];
    case 'engineerName':
      return c.engineerName ?? '-';
    case 'time':
      return formatTime(c.event.createdAt, c.timezone);
    case 'reason':
      return reasonOf(c);
    case 'urgency':
      return URGENCY_WORD[c.ticket.urgency];
    case 'contactName':
      return c.ticket.contactName ?? '-';
    // A part's values (the low-stock kind's own; the settings refuse them for a ticket kind).
    case 'partName':
    case 'partSku':
    case 'onHand':
    case 'minStock':
      return '-';
  }
}

/** The template's fields filled and cut to WeChat's limits (thing ≤ 20 characters …). */
export function messageData(fields: Record<string, FieldSource>, c: MessageContext): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, source]) => [key, fitValue(key, sourceValue(source, c))]));
}

/** A low-stock message: the part, its total on hand when it crossed, its minimum, and when. */
export interface StockMessageContext {
  partName: string;
  partSku: string;
  onHand: number;
  minStock: number;
  raisedAt: Date;
  timezone: string;
}

function stockValue(source: FieldSource, c: StockMessageContext): string {
  switch (source) {
    case 'partName':
      return c.partName;
    case 'partSku':
      return c.partSku;
    case 'onHand':
      return String(c.onHand);
    case 'minStock':
      return String(c.minStock);
    case 'time':
      return formatTime(c.raisedAt, c.timezone);
    default:
      return '-'; // a ticket's values (the settings refuse them for low_stock)
  }
}

/** The low-stock template's fields filled and cut to WeChat's limits. */
export function stockMessageData(fields: Record<string, FieldSource>, c: StockMessageContext): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, source]) => [key, fitValue(key, stockValue(source, c))]));
}

/** Where tapping a low-stock message opens the mini-program: the phone dispatcher's queue (parts are in the console). */
export const STOCK_MESSAGE_PAGE = 'pages/dispatcher/queue/index';

/** Where tapping the message opens the mini-program. */
export function messagePage(c: MessageContext): string {
  const recipient = KIND_RECIPIENT[c.kind];
  if (recipient === 'engineer') return `pages/engineer/job/index?number=${c.ticket.number}`;
  if (recipient === 'reporter') return `pages/reporter/track/index?token=${c.ticket.trackingToken}`;
  // Dispatchers (offer exhausted, reopened): the phone dispatcher's ticket page, where it can be assigned.
  return `pages/dispatcher/ticket/index?number=${c.ticket.number}`;
}
