import type { z } from 'zod';
import {
  DevCodeResponseSchema,
  MyTicketPageSchema,
  OkResponseSchema,
  PhoneResponseSchema,
  ReporterSessionResponseSchema,
  SubscriptionStatusSchema,
  WechatStaffSessionResponseSchema,
  type ReporterSessionResponse,
  type SubscriptionResultsInput,
  type SubscriptionStatus,
  type WechatStaffSessionResponse,
} from '@baoxiu/shared';
import { request } from './request';

export type MyTicketPage = z.infer<typeof MyTicketPageSchema>;

/** POST /api/auth/wechat as staff: the account this WeChat is bound to (401 WECHAT_NOT_BOUND otherwise). */
export function wechatStaffSignIn(code: string): Promise<WechatStaffSessionResponse> {
  return request({
    method: 'POST',
    path: '/api/auth/wechat',
    data: { code, as: 'staff' },
    schema: WechatStaffSessionResponseSchema,
    silent: true,
  });
}

/** POST /api/auth/wechat/bind: an admin's invite + this WeChat → bound, and signed in. */
export function bindWechat(code: string, invite: string): Promise<WechatStaffSessionResponse> {
  return request({
    method: 'POST',
    path: '/api/auth/wechat/bind',
    data: { code, invite },
    schema: WechatStaffSessionResponseSchema,
    silent: true,
  });
}

/** POST /api/auth/wechat as a reporter: a session by openid, for "my requests" on every device. */
export function wechatReporterSignIn(code: string): Promise<ReporterSessionResponse> {
  return request({
    method: 'POST',
    path: '/api/auth/wechat',
    data: { code, as: 'reporter' },
    schema: ReporterSessionResponseSchema,
    silent: true,
  });
}

/** POST /api/dev/wechat/login-code: H5 against the local stand-in only; what Taro.login gives in WeChat. */
export async function devLoginCode(user: string): Promise<string> {
  const res = await request({
    method: 'POST',
    path: '/api/dev/wechat/login-code',
    data: { user },
    schema: DevCodeResponseSchema,
    silent: true,
  });
  return res.code;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** GET /api/public/me/tickets: the reporter's requests, whichever device filed them. */
export function myRemoteTickets(reporterToken: string): Promise<MyTicketPage> {
  return request({
    method: 'GET',
    path: '/api/public/me/tickets',
    query: { pageSize: 50 },
    headers: bearer(reporterToken),
    schema: MyTicketPageSchema,
    silent: true,
  });
}

/** POST /api/public/me/phone: the phone-number button's code → the verified number. */
export async function phoneFromWechat(reporterToken: string, code: string): Promise<string> {
  const res = await request({
    method: 'POST',
    path: '/api/public/me/phone',
    data: { code },
    headers: bearer(reporterToken),
    schema: PhoneResponseSchema,
    silent: true,
  });
  return res.phone;
}

/** GET /api/public/me/subscriptions?asset=: the reporter templates of the asset's company. */
export function reporterTemplates(reporterToken: string, assetCode: string): Promise<SubscriptionStatus> {
  return request({
    method: 'GET',
    path: '/api/public/me/subscriptions',
    query: { asset: assetCode },
    headers: bearer(reporterToken),
    schema: SubscriptionStatusSchema,
    silent: true,
  });
}

export function reportReporterSubscriptions(reporterToken: string, body: SubscriptionResultsInput): Promise<{ ok: true }> {
  return request({
    method: 'POST',
    path: '/api/public/me/subscriptions',
    data: body,
    headers: bearer(reporterToken),
    schema: OkResponseSchema,
    silent: true,
  });
}

/** GET /api/me/wechat: the signed-in staff member's templates and credits left. */
export function myWechatStatus(): Promise<SubscriptionStatus> {
  return request({ method: 'GET', path: '/api/me/wechat', schema: SubscriptionStatusSchema, auth: true, silent: true });
}

export function reportStaffSubscriptions(body: SubscriptionResultsInput): Promise<SubscriptionStatus> {
  return request({
    method: 'POST',
    path: '/api/me/wechat/subscriptions',
    data: body,
    schema: SubscriptionStatusSchema,
    auth: true,
    silent: true,
  });
}
