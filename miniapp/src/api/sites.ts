import { z } from 'zod';
import { SiteListResponseSchema, SiteViewSchema, type SiteInputSchema, type SiteUpdateSchema, type SiteView } from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL } from './console';

export type { SiteView };
export type SiteBody = z.input<typeof SiteInputSchema>;
export type SiteChanges = z.input<typeof SiteUpdateSchema>;

const SiteResponseSchema = z.object({ site: SiteViewSchema });

/** GET /api/sites */
export async function listSites(): Promise<SiteView[]> {
  const res = await request({ method: 'GET', path: '/api/sites', schema: SiteListResponseSchema, ...CONSOLE_CALL });
  return res.items;
}

/** POST /api/sites → 201 { site } */
export async function createSite(body: SiteBody): Promise<SiteView> {
  const res = await request({ method: 'POST', path: '/api/sites', data: body, schema: SiteResponseSchema, ...CONSOLE_CALL });
  return res.site;
}

/** PATCH /api/sites/:id */
export async function updateSite(id: number, body: SiteChanges): Promise<SiteView> {
  const res = await request({ method: 'PATCH', path: `/api/sites/${id}`, data: body, schema: SiteResponseSchema, ...CONSOLE_CALL });
  return res.site;
}

/** DELETE /api/sites/:id — 422 SITE_IN_USE while it has assets. */
export async function deleteSite(id: number): Promise<void> {
  await request({ method: 'DELETE', path: `/api/sites/${id}`, schema: z.unknown(), ...CONSOLE_CALL });
}
