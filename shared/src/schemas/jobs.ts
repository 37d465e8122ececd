import { z } from 'zod';
import {
  cursorPageSchema,
  IdSchema,
  pageSchema,
  PaginationQuerySchema,
  PhotoIdsSchema,
  TicketCoverageSchema,
  TicketStatusSchema,
  TicketTypeSchema,
  UploadIdSchema,
  UrgencySchema,
} from './common';
import { PmChecklistAnswerSchema } from './pm';
import { text } from './text';
import { TicketSlaSchema } from './sla';
import { QuoteViewSchema } from './quotes';

export const JobListQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(['offered', 'active', 'done']).default('offered'),
});
export type JobListQuery = z.infer<typeof JobListQuerySchema>;

export const DeclineSchema = z.object({ reason: text().trim().min(1, 'give a reason').max(500) });
export type DeclineInput = z.infer<typeof DeclineSchema>;

/** A part taken on a job; `locationId` defaults to the engineer's van. */
export const PartUsedSchema = z.object({
  partId: IdSchema,
  quantity: z.number().int().min(1).max(10_000),
  locationId: IdSchema.optional(),
});
export type PartUsedInput = z.infer<typeof PartUsedSchema>;

/** A part line as recorded on the ticket at resolve: the part as it was then (a price snapshot, minor units). */
export const PartLineSchema = z.object({
  partId: z.number(),
  quantity: z.number().int(),
  locationId: z.number().optional(),
  sku: z.string().optional(),
  name: z.string().optional(),
  unit: z.string().optional(),
  unitPrice: z.number().int().optional(),
  lineTotal: z.number().int().optional(),
});
export type PartLine = z.infer<typeof PartLineSchema>;

export const ResolveSchema = z.object({
  notes: text().trim().min(1, 'describe the fix').max(2000),
  photoIds: PhotoIdsSchema.default([]),
  partsUsed: z.array(PartUsedSchema).max(50).default([]),
  /** A preventive job's checklist answers (required items and number ranges are checked against its plan). */
  checklist: z.array(PmChecklistAnswerSchema).max(100).optional(),
  /** The customer's signature (a PNG from POST /api/public/uploads), printed on the service report. */
  signatureUploadId: UploadIdSchema.optional(),
});
export type ResolveInput = z.infer<typeof ResolveSchema>;

/** A ticket as staff see it (engineer job lists and the dispatcher console). */
export const StaffTicketSchema = z.object({
  number: z.string(),
  status: TicketStatusSchema,
  description: z.string(),
  category: z.string().nullable(),
  urgency: UrgencySchema,
  /** Decided at intake from the asset's warranty and the service contracts: see TicketCoverageSchema. */
  coverage: TicketCoverageSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  asset: z.object({
    code: z.string(),
    name: z.string(),
    siteId: z.number(),
    site: z.string(),
    location: z.string().nullable(),
    /** The site's street address, for the engineer's map link. */
    address: z.string().nullable(),
  }),
  /** Set once the reporter has reopened the ticket: the latest reason, for the 返修 marker. */
  reopened: z.object({ count: z.number().int(), reason: z.string().nullable(), at: z.string() }).nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string(),
  photos: z.array(z.string()),
  engineer: z.object({ id: z.number(), name: z.string() }).nullable(),
  offerExpiresAt: z.string().nullable(),
  needsDispatcher: z.boolean(),
  /** 'preventive' for a PM visit generated from a plan; 'repair' otherwise. */
  type: TicketTypeSchema,
  /** The ticket this one was opened from (a corrective repair after a failed PM check). */
  sourceTicketNumber: z.string().nullable(),
  resolution: z.object({ notes: z.string(), photos: z.array(z.string()), partsUsed: z.array(PartLineSchema) }).nullable(),
  sla: TicketSlaSchema,
  /** The latest quote of a chargeable ticket (engineer and dispatcher), null without one. */
  quote: QuoteViewSchema.nullable().optional(),
});
export type StaffTicket = z.infer<typeof StaffTicketSchema>;

export const StaffTicketResponseSchema = z.object({ ticket: StaffTicketSchema });
export type StaffTicketResponse = z.infer<typeof StaffTicketResponseSchema>;

/** GET /api/engineer/jobs */
export const StaffTicketPageSchema = pageSchema(StaffTicketSchema);
/** GET /api/tickets (keyset-continuable) */
export const StaffTicketCursorPageSchema = cursorPageSchema(StaffTicketSchema);
