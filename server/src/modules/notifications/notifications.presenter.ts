import type { NotificationView, WechatTemplateSetting } from '@baoxiu/shared';
import { iso } from '../../lib/time';
import type { Notification } from './notification.entity';
import type { WechatTemplate } from './wechat-template.entity';

export function presentNotification(n: Notification, names: ReadonlyMap<number, string> = new Map()): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    recipientType: n.recipientType,
    recipientUserId: n.recipientUserId,
    recipientName: n.recipientUserId !== null ? (names.get(n.recipientUserId) ?? null) : null,
    status: n.status,
    reason: n.reason,
    attempts: n.attempts,
    createdAt: iso(n.createdAt),
    sentAt: iso(n.sentAt),
  };
}

export function presentTemplate(t: WechatTemplate): WechatTemplateSetting {
  return { kind: t.kind, templateId: t.templateId, fields: t.fields };
}
