import { z } from 'zod';
import {
  AssignSchema, CancelSchema, DeclineSchema, DeskExportQuerySchema, DeskPageSchema, DeskQuerySchema, DeskTicketDetailSchema, EngineerChoicesSchema,
  InternalNoteSchema, JobListQuerySchema, NotificationViewSchema, OkResponseSchema, RedispatchSchema, ResolveSchema, SlaAtRiskQuerySchema, SlaAtRiskResponseSchema,
  StaffTicketPageSchema, StaffTicketResponseSchema, StreamTicketResponseSchema, TicketListQuerySchema, UrgencyChangeSchema,
} from '@baoxiu/shared';
import { created, file, ok, type Catalog, type RouteDoc } from './types';

const job = (summary: string, extra: Partial<RouteDoc> = {}): RouteDoc => ({ summary, tag: 'jobs', access: 'jobs:work', replies: [ok(StaffTicketResponseSchema)], ...extra });
const dispatch = (summary: string, body: z.ZodType): RouteDoc => ({ summary, tag: 'desk', access: 'tickets:dispatch', body, replies: [ok(StaffTicketResponseSchema)] });

export const TICKET_CATALOG: Catalog = {
  'GET /api/engineer/jobs': { summary: "The engineer's jobs: offered, active or done", tag: 'jobs', access: 'jobs:work', query: JobListQuerySchema, replies: [ok(StaffTicketPageSchema)] },
  'GET /api/engineer/jobs/:number': job('One job the engineer holds or is offered'),
  'POST /api/engineer/jobs/:number/accept': job('Accept an offer (the first of several engineers wins; the others get 409)'),
  'POST /api/engineer/jobs/:number/decline': job('Decline an offer with a reason', { body: DeclineSchema }),
  'POST /api/engineer/jobs/:number/travel': job('On the way'),
  'POST /api/engineer/jobs/:number/arrive': job('On site (starts the on-site time)'),
  'POST /api/engineer/jobs/:number/wait-customer': job('Waiting for the customer (pauses the SLA clock)'),
  'POST /api/engineer/jobs/:number/resume': job('Back to work after waiting'),
  'POST /api/engineer/jobs/:number/resolve': job('Resolve: notes, after-repair photos, parts used', { body: ResolveSchema }),

  'GET /api/tickets': { summary: 'Ticket list with filters, keyset paging', tag: 'desk', access: 'tickets:read', query: TicketListQuerySchema, replies: [ok(StaffTicketPageSchema)] },
  'GET /api/tickets/desk': { summary: "One group of the desk's live queue with every group's count", tag: 'desk', access: 'tickets:read', query: DeskQuerySchema, replies: [ok(DeskPageSchema)] },
  'GET /api/tickets/export': {
    summary: 'Export the filtered list (streamed CSV or XLSX)', tag: 'desk', access: 'tickets:read', query: DeskExportQuerySchema,
    replies: [file(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], 'The rows, streamed')],
  },
  'GET /api/tickets/stream': {
    summary: "Server-Sent Events of the tenant's committed ticket changes (`event: ticket`), heartbeat every 15 s", tag: 'desk', access: 'tickets:read',
    description: 'Authorization header, or `?ticket=` from POST /api/tickets/stream-ticket for EventSource; resumes from Last-Event-ID.',
    replies: [file('text/event-stream', 'The stream')],
  },
  'POST /api/tickets/stream-ticket': { summary: 'A short-lived ticket for EventSource (which cannot send headers)', tag: 'desk', access: 'tickets:read', replies: [ok(StreamTicketResponseSchema)] },
  'GET /api/tickets/:number': { summary: 'Ticket detail: asset, site, contact, photos, timeline with names, offers, rating', tag: 'desk', access: 'tickets:read', replies: [ok(DeskTicketDetailSchema)] },
  'GET /api/tickets/:number/engineers': {
    summary: 'The assign picker: engineers with skills, sites, duty, open jobs and WeChat credit', tag: 'desk', access: 'tickets:dispatch', replies: [ok(EngineerChoicesSchema)],
  },
  'GET /api/tickets/:number/notifications': {
    summary: 'The WeChat messages about a ticket and their states', tag: 'desk', access: 'tickets:read',
    replies: [ok(z.object({ items: z.array(NotificationViewSchema) }))],
  },
  'POST /api/tickets/:number/assign': dispatch('Assign or reassign to an engineer', AssignSchema),
  'POST /api/tickets/:number/cancel': dispatch('Cancel with a reason', CancelSchema),
  'POST /api/tickets/:number/urgency': dispatch('Change the urgency', UrgencyChangeSchema),
  'POST /api/tickets/:number/notes': {
    summary: 'Add an internal note (never shown to the reporter or a follower)', tag: 'desk', access: 'tickets:dispatch', body: InternalNoteSchema, replies: [created(OkResponseSchema)],
  },
  'POST /api/tickets/:number/redispatch': dispatch('Send back to automatic dispatch', RedispatchSchema),
  'GET /api/tickets/:number/report.pdf': {
    summary: 'The service report (服务报告): asset, coverage, timeline, photos, parts, labour, total, signature', tag: 'desk', access: 'tickets:read',
    replies: [file('application/pdf', 'The report')],
  },
  'GET /api/sla/at-risk': { summary: 'Open tickets breaching within the window (overdue included), most urgent first', tag: 'desk', access: 'tickets:read', query: SlaAtRiskQuerySchema, replies: [ok(SlaAtRiskResponseSchema)] },
};
