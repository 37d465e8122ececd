import type { z } from 'zod';
import {
  ContractListSchema,
  ContractResponseSchema,
  LabourSettingsResponseSchema,
  QuoteQueuePageSchema,
  QuoteResponseSchema,
  type ContractInputSchema,
  type ContractUpdateSchema,
  type ContractView,
  type LabourSettings,
  type QuoteInput,
  type QuoteQueuePage,
  type QuoteStatus,
  type QuoteView,
} from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL } from './console';

export type { ContractView, LabourSettings, QuoteQueuePage, QuoteView };
export type ContractBody = z.input<typeof ContractInputSchema>;
export type ContractChanges = z.input<typeof ContractUpdateSchema>;

/** GET /api/quotes?state=&cursor= — the desk's quotes in one state (pending: awaiting the reporter), newest first. */
export function listQuotes(state: QuoteStatus, cursor: string | null): Promise<QuoteQueuePage> {
  const query: Record<string, string | number> = { state, pageSize: 50 };
  if (cursor) query.cursor = cursor;
  return request({ method: 'GET', path: '/api/quotes', query, schema: QuoteQueuePageSchema, ...CONSOLE_CALL });
}

/** POST /api/tickets/:number/quote — the dispatcher's quote (a new version each time). */
export async function sendDeskQuote(number: string, body: QuoteInput): Promise<QuoteView> {
  return (
    await request({
      method: 'POST',
      path: `/api/tickets/${encodeURIComponent(number)}/quote`,
      data: body,
      schema: QuoteResponseSchema,
      ...CONSOLE_CALL,
    })
  ).quote;
}

/** GET /api/settings/labour */
export async function getLabourSettings(): Promise<LabourSettings> {
  return (await request({ method: 'GET', path: '/api/settings/labour', schema: LabourSettingsResponseSchema, ...CONSOLE_CALL })).settings;
}

/** PUT /api/settings/labour */
export async function putLabourSettings(body: LabourSettings): Promise<LabourSettings> {
  return (await request({ method: 'PUT', path: '/api/settings/labour', data: body, schema: LabourSettingsResponseSchema, ...CONSOLE_CALL }))
    .settings;
}

/** GET /api/contracts?assetId=&siteId= */
export async function listContracts(filter: { assetId?: number; siteId?: number }): Promise<ContractView[]> {
  const query: Record<string, number> = {};
  if (filter.assetId) query.assetId = filter.assetId;
  if (filter.siteId) query.siteId = filter.siteId;
  return (await request({ method: 'GET', path: '/api/contracts', query, schema: ContractListSchema, ...CONSOLE_CALL })).items;
}

/** POST /api/contracts → 201 { contract }; 409 CONTRACT_NUMBER_TAKEN */
export async function createContract(body: ContractBody): Promise<ContractView> {
  return (await request({ method: 'POST', path: '/api/contracts', data: body, schema: ContractResponseSchema, ...CONSOLE_CALL })).contract;
}

/** PATCH /api/contracts/:id */
export async function updateContract(id: number, body: ContractChanges): Promise<ContractView> {
  return (await request({ method: 'PATCH', path: `/api/contracts/${id}`, data: body, schema: ContractResponseSchema, ...CONSOLE_CALL }))
    .contract;
}
