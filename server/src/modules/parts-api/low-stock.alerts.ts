import { z } from 'zod';
import { In, IsNull } from 'typeorm';
import type { LowStockItem } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import type { JobDefinition, JobSet } from '../../queue/jobs';
import { StaffWechatBinding } from '../auth/wechat-binding.entity';
import { dispatchers, recordNotification } from '../notifications/fanout';
import { Notification } from '../notifications/notification.entity';
import { presentNotification } from '../notifications/notifications.presenter';
import { User } from '../auth/user.entity';
import { lowStock } from '../parts/parts.service';
import { STOCK_MESSAGE_PAGE, stockMessageData } from '../notifications/values';
import { WechatTemplate } from '../notifications/wechat-template.entity';
import { Part } from '../parts/part.entity';
import { StockLowAlert } from '../parts/stock.entity';
import { LOW_STOCK_ALERT_JOB, type PartsJobPayloads } from '../parts/low-stock.note';
import { Tenant } from '../tenants/tenant.entity';

export const lowStockDedupeKey = (alertId: number, userId: number) => `low-stock:${alertId}:low_stock:${userId}`;

/**
 * A low-stock crossing's subscription messages: one notification row per dispatcher and admin bound to WeChat
 * (the same rule as the ticket messages to dispatchers), each with its values fixed and its own send job, in one
 * transaction. The rows are unique by (alert, recipient), so a redone job adds nothing; a crossing already
 * cleared when the job runs (restocked at once) is recorded as skipped, not sent.
 */
export async function fanOutLowStock(deps: Deps, alertId: number): Promise<number> {
  if (!deps.wechat) return 0;
  return deps.db.transaction(async (em) => {
    const alert = await em.findOneBy(StockLowAlert, { id: alertId });
    const part = alert ? await em.findOneBy(Part, { id: alert.partId, tenantId: alert.tenantId }) : null;
    if (!alert || !part) return 0;
    const userIds = await dispatchers(em, alert.tenantId);
    if (userIds.length === 0) return 0;
    const [tenant, template, bindings] = await Promise.all([
      em.findOneByOrFail(Tenant, { id: alert.tenantId }),
      em.findOneBy(WechatTemplate, { tenantId: alert.tenantId, kind: 'low_stock' }),
      em.findBy(StaffWechatBinding, { tenantId: alert.tenantId, userId: In(userIds) }),
    ]);
    const data = template
      ? stockMessageData(template.fields, {
          partName: part.name,
          partSku: part.sku,
          onHand: alert.onHand,
          minStock: alert.minStock,
          raisedAt: alert.raisedAt,
          timezone: tenant.timezone,
        })
      : {};
    const now = deps.clock.now();
    let created = 0;
    for (const userId of userIds) {
      const dedupeKey = lowStockDedupeKey(alert.id, userId);
      if (await em.findOneBy(Notification, { dedupeKey })) continue;
      const openid = bindings.find((b) => b.userId === userId)?.openid ?? null;
      await recordNotification(em, now, {
        tenantId: alert.tenantId,
        ticketId: null,
        eventId: null,
        stockAlertId: alert.id,
        dedupeKey,
        kind: 'low_stock',
        recipientType: 'dispatcher',
        recipientUserId: userId,
        openid,
        templateId: template?.templateId ?? null,
        page: STOCK_MESSAGE_PAGE,
        data,
        reason: !openid ? 'no_wechat' : !template ? 'no_template' : alert.clearedAt ? 'cleared' : null,
      });
      created += 1;
    }
    return created;
  });
}

/**
 * GET /api/stock/low: the parts at or below their minimum, each with its open crossing and that crossing's WeChat
 * messages (who, and whether each was sent, skipped or failed, and why), so the console shows what reached whom.
 */
export async function lowStockWithMessages(deps: Deps, tenantId: number): Promise<LowStockItem[]> {
  const items = await lowStock(deps, tenantId);
  if (items.length === 0) return [];
  const em = deps.db.ds.manager;
  const alerts = await em.find(StockLowAlert, {
    where: { tenantId, partId: In(items.map((i) => i.partId)), clearedAt: IsNull() },
    order: { id: 'ASC' },
  });
  // The latest open crossing per part (one at a time; the last wins should an old one have been left open).
  const alertOf = new Map(alerts.map((a) => [a.partId, a.id]));
  const messages = alertOf.size
    ? await em.find(Notification, { where: { tenantId, stockAlertId: In([...alertOf.values()]) }, order: { id: 'ASC' } })
    : [];
  const userIds = [...new Set(messages.flatMap((m) => (m.recipientUserId === null ? [] : [m.recipientUserId])))];
  const names = new Map(
    (userIds.length ? await em.find(User, { where: { tenantId, id: In(userIds) }, select: { id: true, name: true } }) : []).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return items.map((item) => {
    const alertId = alertOf.get(item.partId) ?? null;
    return {
      ...item,
      alertId,
      messages: messages.filter((m) => alertId !== null && m.stockAlertId === alertId).map((m) => presentNotification(m, names)),
    };
  });
}

export const lowStockAlertHandler: JobDefinition<typeof LOW_STOCK_ALERT_JOB> = {
  name: LOW_STOCK_ALERT_JOB,
  payloadSchema: z.object({ alertId: z.number().int() }),
  background: true,
  async handle(deps, { alertId }) {
    await fanOutLowStock(deps, alertId);
  },
};

export const PARTS_JOBS: JobSet<keyof PartsJobPayloads> = { [LOW_STOCK_ALERT_JOB]: lowStockAlertHandler };
