import { EVENT_LABELS, type Lang, type TicketEventType } from '@baoxiu/shared';

export function eventLabel(type: TicketEventType, lang: Lang): string {
  return lang === 'en' ? EVENT_LABELS[type].en : EVENT_LABELS[type].zh;
}
