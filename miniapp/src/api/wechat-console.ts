import type { z } from 'zod';
import {
  InviteResponseSchema,
  StaffWechatListResponseSchema,
  UnboundResponseSchema,
  WechatSettingsResponseSchema,
  type InviteCreateSchema,
  type InviteResponse,
  type StaffWechatView,
  type WechatSettingsInput,
  type WechatSettingsResponse,
} from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL } from './console';

export type { StaffWechatView };
export type StaffInvite = InviteResponse['invite'];
export type InviteBody = z.input<typeof InviteCreateSchema>;
export type WechatSettings = WechatSettingsResponse['settings'];

/** GET /api/staff/wechat: every active staff member, bound or not, with the credit left per template of theirs. */
export async function listStaffWechat(): Promise<StaffWechatView[]> {
  const res = await request({ method: 'GET', path: '/api/staff/wechat', schema: StaffWechatListResponseSchema, ...CONSOLE_CALL });
  return res.items;
}

/** POST /api/staff/:id/wechat-invite → 201 { invite }: single use, expiring; admins only (403 otherwise). */
export async function createWechatInvite(userId: number, body: InviteBody = {}): Promise<StaffInvite> {
  const res = await request({
    method: 'POST',
    path: `/api/staff/${userId}/wechat-invite`,
    data: body,
    schema: InviteResponseSchema,
    ...CONSOLE_CALL,
  });
  return res.invite;
}

/** DELETE /api/staff/:id/wechat: WeChat sign-in and messages stop until a new invite is used; admins only. */
export async function unbindStaffWechat(userId: number): Promise<void> {
  await request({ method: 'DELETE', path: `/api/staff/${userId}/wechat`, schema: UnboundResponseSchema, ...CONSOLE_CALL });
}

/** GET /api/settings/wechat: how the server reaches WeChat, and the tenant's template per notification kind. */
export async function getWechatSettings(): Promise<WechatSettings> {
  const res = await request({ method: 'GET', path: '/api/settings/wechat', schema: WechatSettingsResponseSchema, ...CONSOLE_CALL });
  return res.settings;
}

/** PUT /api/settings/wechat: replaces every template (kinds left out send nothing); 400 lists every bad field. */
export async function putWechatSettings(body: WechatSettingsInput): Promise<WechatSettings> {
  const res = await request({
    method: 'PUT',
    path: '/api/settings/wechat',
    data: body,
    schema: WechatSettingsResponseSchema,
    ...CONSOLE_CALL,
  });
  return res.settings;
}
