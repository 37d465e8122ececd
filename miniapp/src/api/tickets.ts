import type { z } from 'zod';
import {
  CreateTicketResponseSchema,
  QuoteResponseSchema,
  TrackedTicketResponseSchema,
  type CreateTicketResponse,
  type QuoteView,
  type CreateTicketSchema,
  type RatingInput,
  type ReopenInput,
  type TrackedTicketResponse,
} from '@baoxiu/shared';
import { apiUrl, request } from './request';

export type CreateTicketBody = z.input<typeof CreateTicketSchema>;
export type TrackedTicket = TrackedTicketResponse['ticket'];
export type { CreateTicketResponse, RatingInput, ReopenInput };

/**
 * POST /api/public/tickets — the same key again answers the same ticket, so retries never duplicate.
 * A reporter signed in with WeChat sends their session, so the request shows in "my requests" everywhere.
 */
export function createTicket(body: CreateTicketBody, idempotencyKey: string, reporterToken?: string): Promise<CreateTicketResponse> {
  return request({
    method: 'POST',
    path: '/api/public/tickets',
    data: body,
    headers: { 'Idempotency-Key': idempotencyKey, ...(reporterToken ? { Authorization: `Bearer ${reporterToken}` } : {}) },
    schema: CreateTicketResponseSchema,
    silent: true,
  });
}

/** GET /api/public/tickets/:trackingToken */
export function getTrackedTicket(trackingToken: string): Promise<TrackedTicketResponse> {
  return request({
    method: 'GET',
    path: `/api/public/tickets/${encodeURIComponent(trackingToken)}`,
    schema: TrackedTicketResponseSchema,
    silent: true,
  });
}

/** POST /api/public/tickets/:trackingToken/confirm — the reporter confirms the fix. */
export function confirmTicket(trackingToken: string): Promise<TrackedTicketResponse> {
  return request({
    method: 'POST',
    path: `/api/public/tickets/${encodeURIComponent(trackingToken)}/confirm`,
    schema: TrackedTicketResponseSchema,
  });
}

/** POST /api/public/tickets/:trackingToken/reopen — "not fixed", back to dispatch. */
export function reopenTicket(trackingToken: string, body: ReopenInput): Promise<TrackedTicketResponse> {
  return request({
    method: 'POST',
    path: `/api/public/tickets/${encodeURIComponent(trackingToken)}/reopen`,
    data: body,
    schema: TrackedTicketResponseSchema,
  });
}

/** POST /api/public/tickets/:trackingToken/rating */
export function rateTicket(trackingToken: string, body: RatingInput): Promise<TrackedTicketResponse> {
  return request({
    method: 'POST',
    path: `/api/public/tickets/${encodeURIComponent(trackingToken)}/rating`,
    data: body,
    schema: TrackedTicketResponseSchema,
  });
}

/** POST /api/public/tickets/:trackingToken/urge — 催单, once per 30 minutes (429 URGE_TOO_SOON before). */
export function urgeTicket(trackingToken: string): Promise<TrackedTicketResponse> {
  return request({
    method: 'POST',
    path: `/api/public/tickets/${encodeURIComponent(trackingToken)}/urge`,
    schema: TrackedTicketResponseSchema,
  });
}

/** POST /api/public/tickets/:trackingToken/quote/accept|reject `{ version }`: the reporter's answer to the quote shown. */
export function answerQuote(trackingToken: string, answer: 'accept' | 'reject', version: number): Promise<{ quote: QuoteView }> {
  return request({
    method: 'POST',
    path: `/api/public/tickets/${encodeURIComponent(trackingToken)}/quote/${answer}`,
    data: { version },
    schema: QuoteResponseSchema,
  });
}

/** The service report of the reporter's repair, as a URL to open or download. */
export const reportUrl = (trackingToken: string): string => apiUrl(`/api/public/tickets/${encodeURIComponent(trackingToken)}/report.pdf`);
