import { NOTIFICATION_KINDS, type NotificationKind, type NotificationStatus } from '@baoxiu/shared';
import { SUGGESTED_FIELDS } from '../../src/modules/notifications/templates.service';
import { Notification } from '../../src/modules/notifications/notification.entity';
import { auth, type TestTenant } from './factories';
import { waitFor, type TestSystem } from './system';
import type { TestStandin } from './wechat';

/** A template id per kind, unique per tenant so tests can tell tenants apart in the stand-in's log. */
export const templateId = (tenant: TestTenant, kind: NotificationKind) => `t-${tenant.slug}-${kind.replace(/_/g, '-')}`.slice(0, 64);

/** The tenant's admin configures a template for every kind (the console's settings page). */
export async function configureTemplates(sys: TestSystem, tenant: TestTenant): Promise<void> {
  const templates = NOTIFICATION_KINDS.map((kind) => ({ kind, templateId: templateId(tenant, kind), fields: SUGGESTED_FIELDS[kind] }));
  await sys.http.put('/api/settings/wechat').set(auth(tenant.admin.token)).send({ templates }).expect(200);
}

export interface WechatPerson {
  token: string;
  openid: string;
}

/** A reporter signing in on their phone (Taro.login → POST /api/auth/wechat). */
export async function reporterSignIn(sys: TestSystem, standin: TestStandin, user: string): Promise<WechatPerson> {
  const { code, openid } = await standin.loginCode(user);
  const res = await sys.http.post('/api/auth/wechat').send({ code, as: 'reporter' }).expect(200);
  return { token: res.body.token, openid };
}

/** An admin's invite scanned by the staff member's WeChat. */
export async function bindStaff(
  sys: TestSystem,
  standin: TestStandin,
  tenant: TestTenant,
  userId: number,
  user: string,
): Promise<WechatPerson> {
  const inv = await sys.http.post(`/api/staff/${userId}/wechat-invite`).set(auth(tenant.admin.token)).send({}).expect(201);
  const invite = new URL(inv.body.invite.url as string).searchParams.get('invite');
  const { code, openid } = await standin.loginCode(user);
  const res = await sys.http.post('/api/auth/wechat/bind').send({ code, invite }).expect(200);
  return { token: res.body.token, openid };
}

/** "Accept" in wx.requestSubscribeMessage, `times` times, for these kinds. */
export async function subscribe(
  sys: TestSystem,
  person: WechatPerson,
  as: 'staff' | 'reporter',
  tenant: TestTenant,
  kinds: NotificationKind[],
  times = 1,
): Promise<void> {
  const results = Object.fromEntries(kinds.map((k) => [templateId(tenant, k), 'accept']));
  const path = as === 'staff' ? '/api/me/wechat/subscriptions' : '/api/public/me/subscriptions';
  for (let i = 0; i < times; i += 1) await sys.http.post(path).set(auth(person.token)).send({ results }).expect(200);
}

/** The notification rows of a ticket once every one of them has settled (none pending, sending or retrying). */
export async function settledNotifications(sys: TestSystem, ticketId: number, count: number, timeoutMs = 20_000): Promise<Notification[]> {
  const busy: NotificationStatus[] = ['pending', 'sending', 'retrying'];
  return waitFor(
    async () => {
      const rows = await sys.deps.db.ds.getRepository(Notification).find({ where: { ticketId }, order: { id: 'ASC' } });
      return rows.length >= count && rows.every((r) => !busy.includes(r.status)) ? rows : null;
    },
    `${count} settled notifications of ticket ${ticketId}`,
    timeoutMs,
  );
}
