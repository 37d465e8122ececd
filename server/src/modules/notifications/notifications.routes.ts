import { In } from 'typeorm';
import Router from '@koa/router';
import { TicketNumberSchema, WechatSettingsSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { findTicketByNumber } from '../tickets/ticket.transitions';
import { Notification } from './notification.entity';
import { getWechatSettings, putWechatSettings } from './templates.service';
import { presentNotification } from './notifications.presenter';
import { User } from '../auth/user.entity';

/** Template settings per tenant, and what was (or could not be) sent about a ticket, for the dispatcher. */
export function notificationRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>();
  router.get('/api/settings/wechat', requireStaff(deps, 'settings:read'), async (ctx) => {
    ctx.body = await getWechatSettings(deps, ctx.state.actor.tenantId);
  });
  router.put('/api/settings/wechat', requireStaff(deps, 'settings:write'), async (ctx) => {
    ctx.body = await putWechatSettings(deps, ctx.state.actor.tenantId, parse(WechatSettingsSchema, ctx.request.body));
  });
  router.get('/api/tickets/:number/notifications', requireStaff(deps, 'tickets:read'), async (ctx) => {
    const em = deps.db.ds.manager;
    const ticket = await findTicketByNumber(em, ctx.state.actor.tenantId, parse(TicketNumberSchema, ctx.params.number), 'TICKET_NOT_FOUND');
    const rows = await em.find(Notification, { where: { tenantId: ticket.tenantId, ticketId: ticket.id }, order: { id: 'ASC' } });
    const ids = [...new Set(rows.flatMap((r) => (r.recipientUserId !== null ? [r.recipientUserId] : [])))];
    const users = ids.length
      ? await em.find(User, { where: { id: In(ids), tenantId: ticket.tenantId }, select: { id: true, name: true } })
      : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    ctx.body = { items: rows.map((r) => presentNotification(r, names)) };
  });
  return router;
}
