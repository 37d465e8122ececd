import type { z } from 'zod';
import {
  LowStockListSchema,
  PartImportResultSchema,
  PartPageSchema,
  PartResponseSchema,
  PartStockSchema,
  StockLocationListSchema,
  StockMovementPageSchema,
  StockMovementResponseSchema,
  type LowStockItem,
  type PartImportResult,
  type PartInputSchema,
  type PartPage,
  type PartStock,
  type PartUpdateSchema,
  type PartView,
  type StockLocationView,
  type StockMovementInputSchema,
  type StockMovementPage,
  type StockMovementView,
} from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL, fetchFile, sendForm, type FetchedFile } from './console';

export type { LowStockItem, PartImportResult, PartPage, PartStock, PartView, StockLocationView, StockMovementPage, StockMovementView };
export type PartBody = z.input<typeof PartInputSchema>;
export type PartChanges = z.input<typeof PartUpdateSchema>;
export type MovementBody = z.input<typeof StockMovementInputSchema>;

/** GET /api/parts?q=&cursor= */
export async function listParts(q: string, cursor: string | null): Promise<PartPage> {
  const query: Record<string, string | number> = { pageSize: 50 };
  if (q) query.q = q;
  if (cursor) query.cursor = cursor;
  return request({ method: 'GET', path: '/api/parts', query, schema: PartPageSchema, ...CONSOLE_CALL });
}

/** POST /api/parts → 201 { part }; 409 PART_SKU_TAKEN */
export async function createPart(body: PartBody): Promise<PartView> {
  return (await request({ method: 'POST', path: '/api/parts', data: body, schema: PartResponseSchema, ...CONSOLE_CALL })).part;
}

/** PATCH /api/parts/:id */
export async function updatePart(id: number, body: PartChanges): Promise<PartView> {
  return (await request({ method: 'PATCH', path: `/api/parts/${id}`, data: body, schema: PartResponseSchema, ...CONSOLE_CALL })).part;
}

/** GET /api/parts/:id/stock */
export async function partStock(id: number): Promise<PartStock> {
  return request({ method: 'GET', path: `/api/parts/${id}/stock`, schema: PartStockSchema, ...CONSOLE_CALL });
}

/** GET /api/stock/locations (a store per site, a van per engineer) */
export async function listLocations(): Promise<StockLocationView[]> {
  return (await request({ method: 'GET', path: '/api/stock/locations', schema: StockLocationListSchema, ...CONSOLE_CALL })).items;
}

/** GET /api/stock/locations/:id/movements (newest first) */
export async function listMovements(locationId: number, cursor: string | null): Promise<StockMovementPage> {
  const query: Record<string, string | number> = { pageSize: 50 };
  if (cursor) query.cursor = cursor;
  return request({
    method: 'GET',
    path: `/api/stock/locations/${locationId}/movements`,
    query,
    schema: StockMovementPageSchema,
    ...CONSOLE_CALL,
  });
}

/** POST /api/stock/movements → 201 { movements }; 409 OUT_OF_STOCK */
export async function postMovement(body: MovementBody): Promise<StockMovementView[]> {
  return (await request({ method: 'POST', path: '/api/stock/movements', data: body, schema: StockMovementResponseSchema, ...CONSOLE_CALL }))
    .movements;
}

/** GET /api/stock/low */
export async function lowStock(): Promise<LowStockItem[]> {
  return (await request({ method: 'GET', path: '/api/stock/low', schema: LowStockListSchema, ...CONSOLE_CALL })).items;
}

/** GET /api/parts/export?format=xlsx — the catalogue in the import's columns (money in yuan). */
export function exportParts(): Promise<FetchedFile> {
  return fetchFile({ method: 'GET', path: '/api/parts/export', query: { format: 'xlsx' } }, 'parts.xlsx');
}

/** POST /api/parts/import?mode=commit — rows by SKU: known ones updated, new ones created, bad ones reported. */
export function importParts(file: File): Promise<PartImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return sendForm('/api/parts/import', { mode: 'commit' }, form, PartImportResultSchema);
}
