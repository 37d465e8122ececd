import { z } from 'zod';
import {
  ApiKeyCreatedSchema,
  ApiKeyListSchema,
  ApiKeyViewSchema,
  StaffListResponseSchema,
  StaffResponseSchema,
  TenantSettingsResponseSchema,
  type ApiKeyCreated,
  type ApiKeyView,
  type StaffCreateSchema,
  type StaffUpdateSchema,
  type StaffView,
  type TenantSettingsResponse,
  type TenantSettingsUpdate,
} from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL } from './console';

export type { ApiKeyCreated, ApiKeyView, StaffView, TenantSettingsResponse };
export type StaffBody = z.input<typeof StaffCreateSchema>;
export type StaffChanges = z.input<typeof StaffUpdateSchema>;

/** GET /api/staff (admins): every account, disabled ones included. */
export async function listStaff(): Promise<StaffView[]> {
  return (await request({ method: 'GET', path: '/api/staff', schema: StaffListResponseSchema, ...CONSOLE_CALL })).items;
}

/** POST /api/staff → 201; 409 USERNAME_TAKEN. */
export async function createStaff(body: StaffBody): Promise<StaffView> {
  return (await request({ method: 'POST', path: '/api/staff', data: body, schema: StaffResponseSchema, ...CONSOLE_CALL })).staff;
}

/** PATCH /api/staff/:id */
export async function updateStaff(id: number, body: StaffChanges): Promise<StaffView> {
  return (await request({ method: 'PATCH', path: `/api/staff/${id}`, data: body, schema: StaffResponseSchema, ...CONSOLE_CALL })).staff;
}

/** POST /api/staff/:id/disable | enable */
export async function setStaffActive(id: number, active: boolean): Promise<StaffView> {
  const path = `/api/staff/${id}/${active ? 'enable' : 'disable'}`;
  return (await request({ method: 'POST', path, data: {}, schema: StaffResponseSchema, ...CONSOLE_CALL })).staff;
}

/** POST /api/staff/:id/password */
export async function resetStaffPassword(id: number, password: string): Promise<StaffView> {
  const path = `/api/staff/${id}/password`;
  return (await request({ method: 'POST', path, data: { password }, schema: StaffResponseSchema, ...CONSOLE_CALL })).staff;
}

/** GET /api/settings: dispatch mode, offer timeout, time zone, and the public base URL's reach. */
export async function getTenantSettings(): Promise<TenantSettingsResponse> {
  return request({ method: 'GET', path: '/api/settings', schema: TenantSettingsResponseSchema, ...CONSOLE_CALL });
}

/** PATCH /api/settings (admins). */
export async function patchTenantSettings(body: TenantSettingsUpdate): Promise<TenantSettingsResponse> {
  return request({ method: 'PATCH', path: '/api/settings', data: body, schema: TenantSettingsResponseSchema, ...CONSOLE_CALL });
}

/** Integration keys (the `api` plan module), admins only. */
export async function listApiKeys(): Promise<ApiKeyView[]> {
  return (await request({ method: 'GET', path: '/api/settings/api-keys', schema: ApiKeyListSchema, ...CONSOLE_CALL })).items;
}

export async function createApiKey(name: string): Promise<ApiKeyCreated> {
  return request({ method: 'POST', path: '/api/settings/api-keys', data: { name }, schema: ApiKeyCreatedSchema, ...CONSOLE_CALL });
}

export async function revokeApiKey(id: number): Promise<ApiKeyView> {
  return (
    await request({
      method: 'POST',
      path: `/api/settings/api-keys/${id}/revoke`,
      schema: z.object({ apiKey: ApiKeyViewSchema }),
      ...CONSOLE_CALL,
    })
  ).apiKey;
}
