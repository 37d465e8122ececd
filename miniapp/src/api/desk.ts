import { z } from 'zod';
import {
  DeskPageSchema,
  DeskTicketDetailSchema,
  EngineerChoicesSchema,
  NotificationViewSchema,
  StaffTicketResponseSchema,
  StreamTicketResponseSchema,
  type DeskGroup,
  type DeskPage,
  type DeskTicket,
  type DeskTicketDetail,
  type EngineerChoice,
  type NotificationView,
  type StaffTicket,
  type CancelReasonCode,
  type TicketStatus,
  type Urgency,
} from '@baoxiu/shared';
import { request, apiUrl, baseHeaders } from './request';
import { CONSOLE_CALL } from './console';
import { networkError, toApiError } from './errors';

export type { DeskGroup, DeskPage, DeskTicket, DeskTicketDetail, EngineerChoice, NotificationView, StaffTicket, Urgency };

/** The desk's filters, shared by the queue, its counts and the export. */
export interface DeskFilter {
  siteId?: number;
  category?: string;
  engineerId?: number;
  urgency?: Urgency;
  status?: TicketStatus;
  from?: string;
  to?: string;
  q?: string;
}

/** GET /api/tickets/desk — one group's page and every group's count. */
export function getDesk(filter: DeskFilter, group: DeskGroup, cursor?: string, pageSize = 20): Promise<DeskPage> {
  return request({
    method: 'GET',
    path: '/api/tickets/desk',
    query: { ...filter, group, cursor, pageSize },
    schema: DeskPageSchema,
    ...CONSOLE_CALL,
  });
}

const ticketPath = (number: string, tail = '') => `/api/tickets/${encodeURIComponent(number)}${tail}`;

/** GET /api/tickets/:number — everything the detail page shows. */
export function getDeskTicket(number: string): Promise<DeskTicketDetail> {
  return request({ method: 'GET', path: ticketPath(number), schema: DeskTicketDetailSchema, ...CONSOLE_CALL });
}

/** GET /api/tickets/:number/notifications */
export async function getTicketNotifications(number: string): Promise<NotificationView[]> {
  const res = await request({
    method: 'GET',
    path: ticketPath(number, '/notifications'),
    schema: z.object({ items: z.array(NotificationViewSchema) }),
    ...CONSOLE_CALL,
  });
  return res.items;
}

/** GET /api/tickets/:number/engineers — the assign picker. */
export async function listEngineerChoices(number: string): Promise<EngineerChoice[]> {
  return (await request({ method: 'GET', path: ticketPath(number, '/engineers'), schema: EngineerChoicesSchema, ...CONSOLE_CALL })).items;
}

const act = (number: string, action: string, data: unknown) =>
  request({ method: 'POST', path: ticketPath(number, `/${action}`), data, schema: StaffTicketResponseSchema, ...CONSOLE_CALL });

export const assignTicket = (number: string, engineerId: number) => act(number, 'assign', { engineerId });
export const cancelTicket = (number: string, reason: string, code?: CancelReasonCode) =>
  act(number, 'cancel', code ? { reason, code } : { reason });
export const changeUrgency = (number: string, urgency: Urgency) => act(number, 'urgency', { urgency });
export const redispatchTicket = (number: string, reason?: string) => act(number, 'redispatch', reason ? { reason } : {});
export function addNote(number: string, text: string): Promise<{ ok: true }> {
  return request({
    method: 'POST',
    path: ticketPath(number, '/notes'),
    data: { text },
    schema: z.object({ ok: z.literal(true) }),
    ...CONSOLE_CALL,
  });
}

/** POST /api/tickets/stream-ticket — a one-use credential for EventSource (it cannot send the bearer header). */
export async function streamTicket(): Promise<string> {
  return (await request({ method: 'POST', path: '/api/tickets/stream-ticket', schema: StreamTicketResponseSchema, ...CONSOLE_CALL }))
    .ticket;
}

export function streamUrl(ticket: string, lastEventId: string | null): string {
  return apiUrl('/api/tickets/stream', { ticket, lastEventId: lastEventId ?? undefined });
}

export interface ExportProgress {
  rows: number;
  bytes: number;
}

/**
 * GET /api/tickets/export, read as a stream: the server announces the row count (X-Export-Rows) before the
 * first byte, and the page shows the bytes received against it while the file arrives.
 */
export async function exportTickets(
  filter: DeskFilter,
  group: DeskGroup | undefined,
  format: 'csv' | 'xlsx',
  onProgress: (p: ExportProgress) => void,
): Promise<{ blob: Blob; filename: string; rows: number }> {
  let response: Response;
  try {
    response = await fetch(apiUrl('/api/tickets/export', { ...filter, group, format }), { headers: baseHeaders(true) });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw toApiError(response.status, await response.text().catch(() => ''));
  const rows = Number(response.headers.get('X-Export-Rows') ?? 0);
  const disposition = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  const parts: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  if (reader) {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.byteLength;
        onProgress({ rows, bytes });
      }
    } catch {
      throw networkError();
    }
  }
  const type = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return { blob: new Blob(parts as BlobPart[], { type }), filename: disposition?.[1] ?? `tickets.${format}`, rows };
}

/** GET /api/engineers — for the desk's engineer filter. */
export async function listDeskEngineers(): Promise<Array<{ id: number; name: string }>> {
  const res = await request({
    method: 'GET',
    path: '/api/engineers',
    schema: z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) }),
    ...CONSOLE_CALL,
  });
  return res.items;
}
