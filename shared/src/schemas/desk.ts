import { z } from 'zod';
import { DateOnlySchema, IdSchema, TicketStatusSchema, UrgencySchema } from './common';
import { StaffTicketSchema } from './jobs';
import { QuoteViewSchema } from './quotes';
import { EVENT_TYPES } from '../ticket-machine';

/** One committed ticket change on the desk's live stream (`GET /api/tickets/stream`, `event: ticket`). */
export const DeskTicketChangeSchema = z.object({
  number: z.string(),
  status: TicketStatusSchema,
  needsDispatcher: z.boolean(),
  updatedAt: z.string(),
});
export type DeskTicketChange = z.infer<typeof DeskTicketChangeSchema>;

/** A short-lived, single-use credential for `EventSource`, which cannot send an Authorization header. */
export const StreamTicketResponseSchema = z.object({ ticket: z.string(), expiresInSeconds: z.number() });
export type StreamTicketResponse = z.infer<typeof StreamTicketResponseSchema>;

/** The desk's groups, loudest first: what needs a person comes before what is merely in motion. */
export const DESK_GROUPS = ['awaiting_dispatcher', 'offered', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
export const DeskGroupSchema = z.enum(DESK_GROUPS);
export type DeskGroup = z.infer<typeof DeskGroupSchema>;

/** The desk's filters, shared by the queue, its counts and the export. */
export const DeskFilterSchema = z.object({
  siteId: IdSchema.optional(),
  category: z.string().trim().min(1).max(50).optional(),
  engineerId: IdSchema.optional(),
  urgency: UrgencySchema.optional(),
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(TicketStatusSchema).min(1))
    .optional(),
  from: z.iso.datetime({ offset: true }).or(DateOnlySchema).optional(),
  to: z.iso.datetime({ offset: true }).or(DateOnlySchema).optional(),
  /** Ticket number, asset name or code, description or phone: a substring, case as the database compares it. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type DeskFilter = z.infer<typeof DeskFilterSchema>;

export const DeskQuerySchema = DeskFilterSchema.extend({
  group: DeskGroupSchema.default('awaiting_dispatcher'),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** The previous answer's `nextCursor` for this group and these filters. */
  cursor: z
    .string()
    .max(80)
    .regex(/^[A-Za-z0-9_.-]+$/, 'invalid cursor')
    .optional(),
});
export type DeskQuery = z.infer<typeof DeskQuerySchema>;

/** A desk row: the staff view plus the reporter's urges (催单), which the queue shows loudly. */
export const DeskTicketSchema = StaffTicketSchema.extend({
  urged: z.object({ count: z.number().int(), lastAt: z.string() }).nullable(),
});
export type DeskTicket = z.infer<typeof DeskTicketSchema>;

export const DeskPageSchema = z.object({
  group: DeskGroupSchema,
  /** Per group for the current filters; a count is capped at `countCap` + 1 (shown as "cap+"). */
  counts: z.record(DeskGroupSchema, z.number()),
  countCap: z.number(),
  items: z.array(DeskTicketSchema),
  nextCursor: z.string().nullable(),
});
export type DeskPage = z.infer<typeof DeskPageSchema>;

export const DeskExportQuerySchema = DeskFilterSchema.extend({
  group: DeskGroupSchema.optional(),
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});
export type DeskExportQuery = z.infer<typeof DeskExportQuerySchema>;

export const UrgencyChangeSchema = z.object({ urgency: UrgencySchema });
export type UrgencyChangeInput = z.infer<typeof UrgencyChangeSchema>;

export const InternalNoteSchema = z.object({ text: z.string().trim().min(1, 'write the note').max(1000) });
export type InternalNoteInput = z.infer<typeof InternalNoteSchema>;

export const RedispatchSchema = z.object({ reason: z.string().trim().max(500).optional() });
export type RedispatchInput = z.infer<typeof RedispatchSchema>;

/** An engineer as the assign picker shows them. */
export const EngineerChoiceSchema = z.object({
  id: z.number(),
  name: z.string(),
  skills: z.array(z.string()),
  sites: z.array(z.object({ id: z.number(), name: z.string() })),
  /** On duty now: their shifts (pattern, leave days, override) in the tenant's zone, else the onDuty switch. */
  onDuty: z.boolean(),
  openJobs: z.number(),
  /** Whether WeChat can still notify them (a subscription message credit is left), null when WeChat is not set up. */
  wechatCredit: z.boolean().nullable(),
  /** Covers the ticket's site and category. */
  eligible: z.boolean(),
});
export type EngineerChoice = z.infer<typeof EngineerChoiceSchema>;
export const EngineerChoicesSchema = z.object({ items: z.array(EngineerChoiceSchema) });

/** A ticket as the desk's detail page shows it (`GET /api/tickets/:number`). */
export const DeskTicketDetailSchema = z.object({
  ticket: StaffTicketSchema,
  group: DeskGroupSchema,
  site: z.object({ id: z.number(), name: z.string(), address: z.string().nullable() }),
  /** Every version of the ticket's quote, oldest first (empty without one). */
  quotes: z.array(QuoteViewSchema).default([]),
  events: z.array(
    z.object({
      type: z.enum(EVENT_TYPES),
      at: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      actorType: z.string(),
      actorId: z.number().nullable(),
      /** The staff member's name; null for the reporter and the system. */
      actorName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  offers: z.array(
    z.object({
      engineerId: z.number(),
      engineerName: z.string(),
      kind: z.string(),
      status: z.string(),
      reason: z.string().nullable(),
      round: z.number(),
      createdAt: z.string(),
      expiresAt: z.string(),
      respondedAt: z.string().nullable(),
    }),
  ),
  rating: z.object({ score: z.number(), comment: z.string().nullable(), at: z.string().nullable() }).nullable(),
});
export type DeskTicketDetail = z.infer<typeof DeskTicketDetailSchema>;
