import type { z } from 'zod';
import {
  PartPageSchema,
  PartStockSchema,
  PmVisitResponseSchema,
  QuoteResponseSchema,
  StaffTicketPageSchema,
  StaffTicketResponseSchema,
  StockLocationListSchema,
  StockBalancePageSchema,
  type DeclineInput,
  type StockBalanceItem,
  type StockLocationView,
  type PartView,
  type PmVisit,
  type JobListQuery,
  type QuoteInput,
  type QuoteView,
  type ResolveSchema,
  type StaffTicket,
} from '@baoxiu/shared';
import { request } from './request';

export type { PmVisit, StaffTicket };
export type JobTab = JobListQuery['status'];
export type ResolveBody = z.input<typeof ResolveSchema>;

export type JobPage = z.infer<typeof StaffTicketPageSchema>;

const jobPath = (number: string, action?: string) => `/api/engineer/jobs/${encodeURIComponent(number)}${action ? `/${action}` : ''}`;

/** GET /api/engineer/jobs?status=offered|active|done */
export function listJobs(status: JobTab, page = 1, pageSize = 20): Promise<JobPage> {
  return request({
    method: 'GET',
    path: '/api/engineer/jobs',
    query: { status, page, pageSize },
    schema: StaffTicketPageSchema,
    auth: true,
    silent: true,
  });
}

/** GET /api/engineer/jobs/:number */
export async function getJob(number: string): Promise<StaffTicket> {
  const res = await request({ method: 'GET', path: jobPath(number), schema: StaffTicketResponseSchema, auth: true, silent: true });
  return res.ticket;
}

async function act(number: string, action: string, data?: unknown): Promise<StaffTicket> {
  const res = await request({
    method: 'POST',
    path: jobPath(number, action),
    data,
    schema: StaffTicketResponseSchema,
    auth: true,
    silent: true,
  });
  return res.ticket;
}

/** POST …/accept — 409 OFFER_TAKEN when a colleague was faster. */
export const acceptJob = (number: string): Promise<StaffTicket> => act(number, 'accept');
/** POST …/decline { reason } */
export const declineJob = (number: string, body: DeclineInput): Promise<StaffTicket> => act(number, 'decline', body);
/** POST …/travel — on my way. */
export const travelJob = (number: string): Promise<StaffTicket> => act(number, 'travel');
/** POST …/arrive — on site. */
export const arriveJob = (number: string): Promise<StaffTicket> => act(number, 'arrive');
/** POST …/wait-customer — the SLA clocks pause until resumed. */
export const waitCustomerJob = (number: string): Promise<StaffTicket> => act(number, 'wait-customer');
/** POST …/resume — back on site, the clocks run again. */
export const resumeJob = (number: string): Promise<StaffTicket> => act(number, 'resume');
/** POST …/resolve { notes, photoIds } */
export const resolveJob = (number: string, body: ResolveBody): Promise<StaffTicket> => act(number, 'resolve', body);

/** GET /api/pm/visits/:number — a preventive job's checklist; null for a repair (or without the PM module). */
export async function getPmVisit(number: string): Promise<PmVisit | null> {
  try {
    const res = await request({
      method: 'GET',
      path: `/api/pm/visits/${encodeURIComponent(number)}`,
      schema: PmVisitResponseSchema,
      auth: true,
      silent: true,
    });
    return res.visit;
  } catch {
    return null;
  }
}

/** The parts catalogue as the engineer searches it on a job (GET /api/parts?q=, plan module `parts`). */
export async function searchParts(q: string): Promise<PartView[]> {
  const res = await request({
    method: 'GET',
    path: '/api/parts',
    query: { pageSize: 20, ...(q ? { q } : {}) },
    schema: PartPageSchema,
    auth: true,
    silent: true,
  });
  return res.items;
}

/** GET /api/parts?barcode= — the part whose barcode was scanned or typed; null when none has it. */
export async function partByBarcode(barcode: string): Promise<PartView | null> {
  const res = await request({
    method: 'GET',
    path: '/api/parts',
    query: { barcode, pageSize: 1 },
    schema: PartPageSchema,
    auth: true,
    silent: true,
  });
  return res.items[0] ?? null;
}

/** The signed-in engineer's van among the stock locations (GET /api/stock/locations); null without one. */
export async function myVan(engineerId: number): Promise<StockLocationView | null> {
  const res = await request({ method: 'GET', path: '/api/stock/locations', schema: StockLocationListSchema, auth: true, silent: true });
  return res.items.find((l) => l.kind === 'van' && l.engineerId === engineerId) ?? null;
}

/** GET /api/stock/locations/:id/balances — what the engineer's van holds, by name/SKU/barcode (`q`) or exact barcode. */
export async function vanStock(vanId: number, query: { q?: string; barcode?: string }): Promise<StockBalanceItem[]> {
  const res = await request({
    method: 'GET',
    path: `/api/stock/locations/${vanId}/balances`,
    query: { pageSize: 20, ...query },
    schema: StockBalancePageSchema,
    auth: true,
    silent: true,
  });
  return res.items;
}

/** On hand of a part at one location (GET /api/parts/:id/stock). */
export async function onHandAt(partId: number, locationId: number): Promise<number> {
  const res = await request({ method: 'GET', path: `/api/parts/${partId}/stock`, schema: PartStockSchema, auth: true, silent: true });
  return res.locations.find((l) => l.locationId === locationId)?.onHand ?? 0;
}

/** POST /api/engineer/jobs/:number/quote: labour, call-out and parts at today's prices; a new version each time. */
export async function sendQuote(number: string, body: QuoteInput): Promise<QuoteView> {
  return (
    await request({ method: 'POST', path: jobPath(number, 'quote'), data: body, schema: QuoteResponseSchema, auth: true, silent: true })
  ).quote;
}
