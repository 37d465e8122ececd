import type { z } from 'zod';
import {
  PartPageSchema, PmVisitResponseSchema, QuoteResponseSchema, StaffTicketPageSchema, StaffTicketResponseSchema,
  type DeclineInput, type PartView, type PmVisit, type JobListQuery, type QuoteInput, type QuoteView, type ResolveSchema, type StaffTicket,
} from '@baoxiu/shared';
import { request } from './request';

export type { PmVisit, StaffTicket };
export type JobTab = JobListQuery['status'];
export type ResolveBody = z.input<typeof ResolveSchema>;

export type JobPage = z.infer<typeof StaffTicketPageSchema>;

const jobPath = (number: string, action?: string) =>
  `/api/engineer/jobs/${encodeURIComponent(number)}${action ? `/${action}` : ''}`;

/** GET /api/engineer/jobs?status=offered|active|done */
export function listJobs(status: JobTab, page = 1, pageSize = 20): Promise<JobPage> {
  return request({
    method: 'GET', path: '/api/engineer/jobs', query: { status, page, pageSize }, schema: StaffTicketPageSchema, auth: true, silent: true,
  });
}

/** GET /api/engineer/jobs/:number */
export async function getJob(number: string): Promise<StaffTicket> {
  const res = await request({ method: 'GET', path: jobPath(number), schema: StaffTicketResponseSchema, auth: true, silent: true });
  return res.ticket;
}

async function act(number: string, action: string, data?: unknown): Promise<StaffTicket> {
  const res = await request({
    method: 'POST', path: jobPath(number, action), data, schema: StaffTicketResponseSchema, auth: true, silent: true,
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
    const res = await request({ method: 'GET', path: `/api/pm/visits/${encodeURIComponent(number)}`, schema: PmVisitResponseSchema, auth: true, silent: true });
    return res.visit;
  } catch {
    return null;
  }
}

/** The parts catalogue as the engineer searches it on a job (GET /api/parts?q=, plan module `parts`). */
export async function searchParts(q: string): Promise<PartView[]> {
  const res = await request({ method: 'GET', path: '/api/parts', query: { pageSize: 20, ...(q ? { q } : {}) }, schema: PartPageSchema, auth: true, silent: true });
  return res.items;
}

/** POST /api/engineer/jobs/:number/quote: labour, call-out and parts at today's prices; a new version each time. */
export async function sendQuote(number: string, body: QuoteInput): Promise<QuoteView> {
  return (await request({ method: 'POST', path: jobPath(number, 'quote'), data: body, schema: QuoteResponseSchema, auth: true, silent: true })).quote;
}
