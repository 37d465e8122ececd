import { z } from 'zod';
import { EngineerViewSchema, StaffTicketResponseSchema, StaffTicketSchema, type EngineerView, type StaffTicket } from '@baoxiu/shared';
import { request } from './request';

export type { EngineerView, StaffTicket };

const StaffTicketPageSchema = z.object({ items: z.array(StaffTicketSchema), total: z.number(), nextCursor: z.string().nullable() });

// The detail's timeline as the server sends it (shared declares no schema for it yet).
const DetailEventSchema = z.object({
  type: z.string(),
  at: z.string(),
  note: z.string().nullable().optional(),
  actorType: z.string().nullable().optional(),
});
const TicketDetailSchema = z.object({ ticket: StaffTicketSchema, events: z.array(DetailEventSchema) });
export type TicketDetail = z.infer<typeof TicketDetailSchema>;

const STAFF = { auth: true, silent: true } as const;

/** GET /api/tickets: a page of the desk's list, by status and the dispatcher flag. */
export async function listDeskTickets(query: { status?: string; needsDispatcher?: boolean; pageSize?: number }): Promise<StaffTicket[]> {
  const res = await request({
    method: 'GET',
    path: '/api/tickets',
    schema: StaffTicketPageSchema,
    ...STAFF,
    query: {
      status: query.status,
      needsDispatcher: query.needsDispatcher === undefined ? undefined : String(query.needsDispatcher),
      pageSize: query.pageSize ?? 50,
    },
  });
  return res.items;
}

/** GET /api/tickets/:number with its timeline. */
export async function getDeskTicket(number: string): Promise<TicketDetail> {
  return request({ method: 'GET', path: `/api/tickets/${encodeURIComponent(number)}`, schema: TicketDetailSchema, ...STAFF });
}

/** POST /api/tickets/:number/assign: a direct offer to this engineer (a previous holder is released). */
export async function assignDeskTicket(number: string, engineerId: number): Promise<StaffTicket> {
  const res = await request({
    method: 'POST',
    path: `/api/tickets/${encodeURIComponent(number)}/assign`,
    data: { engineerId },
    schema: StaffTicketResponseSchema,
    ...STAFF,
  });
  return res.ticket;
}

/** GET /api/engineers: every active engineer with skills, sites, duty and open jobs. */
export async function listDeskEngineers(): Promise<EngineerView[]> {
  return (await request({ method: 'GET', path: '/api/engineers', schema: z.object({ items: z.array(EngineerViewSchema) }), ...STAFF }))
    .items;
}
