import { z } from 'zod';
import {
  AssetDetailResponseSchema,
  AssetPageSchema,
  AssetViewSchema,
  StaffTicketPageSchema,
  type AssetDetailResponse,
  type AssetInputSchema,
  type AssetUpdateSchema,
  type AssetView,
  type FileFormat,
  type StaffTicket,
  type WARRANTY_STATES,
} from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL, fetchFile, type FetchedFile } from './console';

export type { AssetDetailResponse, AssetView, FileFormat, StaffTicket };
export type AssetBody = z.input<typeof AssetInputSchema>;
export type AssetChanges = z.input<typeof AssetUpdateSchema>;
export type WarrantyState = (typeof WARRANTY_STATES)[number];

/** The list filters, shared by the list, the export and the label "this filter" choice. */
export interface AssetFilter {
  q?: string;
  siteId?: number;
  category?: string;
  warranty?: WarrantyState;
}

const TicketPageSchema = StaffTicketPageSchema;
export type AssetPage = z.infer<typeof AssetPageSchema>;
export type TicketPage = z.infer<typeof TicketPageSchema>;
const AssetResponseSchema = z.object({ asset: AssetViewSchema });

function filterQuery(filter: AssetFilter): Record<string, string | number | undefined> {
  return {
    q: filter.q?.trim() || undefined,
    siteId: filter.siteId,
    category: filter.category?.trim() || undefined,
    warranty: filter.warranty,
  };
}

/** GET /api/assets?siteId&category&q&warranty&page&pageSize */
export function listAssets(filter: AssetFilter, page: number, pageSize: number): Promise<AssetPage> {
  return request({
    method: 'GET',
    path: '/api/assets',
    query: { ...filterQuery(filter), page, pageSize },
    schema: AssetPageSchema,
    ...CONSOLE_CALL,
  });
}

/** GET /api/assets/:id → { asset, site } */
export function getAsset(id: number): Promise<AssetDetailResponse> {
  return request({ method: 'GET', path: `/api/assets/${id}`, schema: AssetDetailResponseSchema, ...CONSOLE_CALL });
}

/** POST /api/assets → 201 { asset } */
export async function createAsset(body: AssetBody): Promise<AssetView> {
  const res = await request({ method: 'POST', path: '/api/assets', data: body, schema: AssetResponseSchema, ...CONSOLE_CALL });
  return res.asset;
}

/** PATCH /api/assets/:id (partial) */
export async function updateAsset(id: number, body: AssetChanges): Promise<AssetView> {
  const res = await request({
    method: 'PATCH',
    path: `/api/assets/${id}`,
    data: body,
    schema: AssetResponseSchema,
    ...CONSOLE_CALL,
  });
  return res.asset;
}

/** DELETE /api/assets/:id — 422 ASSET_HAS_OPEN_TICKETS while repairs are open. */
export async function deleteAsset(id: number): Promise<void> {
  await request({ method: 'DELETE', path: `/api/assets/${id}`, schema: z.unknown(), ...CONSOLE_CALL });
}

/** GET /api/assets/:id/tickets?page&pageSize — the asset's repair history, newest first. */
export function listAssetTickets(id: number, page: number, pageSize: number): Promise<TicketPage> {
  return request({
    method: 'GET',
    path: `/api/assets/${id}/tickets`,
    query: { page, pageSize },
    schema: TicketPageSchema,
    ...CONSOLE_CALL,
  });
}

/** GET /api/assets/:id/qr.svg — needs the token, so it comes as a blob for an object URL. */
export async function fetchAssetQr(id: number): Promise<Blob> {
  return (await fetchFile({ method: 'GET', path: `/api/assets/${id}/qr.svg` }, 'qr.svg')).blob;
}

/** GET /api/assets/export?format&<filters> — the filtered list as a file. */
export function exportAssets(filter: AssetFilter, format: FileFormat): Promise<FetchedFile> {
  return fetchFile({ method: 'GET', path: '/api/assets/export', query: { ...filterQuery(filter), format } }, `assets.${format}`);
}
