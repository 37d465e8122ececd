import { z } from 'zod';
import { IdSchema } from './common';
import { PartMoneySchema } from './parts';

/** Labour settings and quotes for chargeable repairs. Money: integer minor units (fen). */

export const LabourSettingsSchema = z.object({
  /** What an hour of on-site labour costs the customer. */
  labourRatePerHour: PartMoneySchema,
  /** The call-out fee a quote starts from (the engineer may change it per quote). */
  calloutFee: PartMoneySchema,
  /** When true, a chargeable ticket is resolved only after the reporter accepted a quote (422 QUOTE_REQUIRED). */
  quoteRequired: z.boolean(),
  /** When true, resolving chargeable work needs the customer's signature (422 SIGNATURE_REQUIRED); else it is optional. */
  signatureRequired: z.boolean().default(false),
});
export type LabourSettings = z.infer<typeof LabourSettingsSchema>;
export const LabourSettingsResponseSchema = z.object({ settings: LabourSettingsSchema });

export const QuoteInputSchema = z.object({
  labourMinutes: z.number().int().min(0).max(10_000),
  calloutFee: PartMoneySchema.optional(),
  lines: z.array(z.object({ partId: IdSchema, quantity: z.number().int().min(1).max(10_000) })).max(50),
});
export type QuoteInput = z.infer<typeof QuoteInputSchema>;

export const QUOTE_STATUSES = ['pending', 'accepted', 'rejected', 'superseded'] as const;
export const QuoteStatusSchema = z.enum(QUOTE_STATUSES);
export type QuoteStatus = z.infer<typeof QuoteStatusSchema>;

export const RepairQuoteLineSchema = z.object({
  partId: z.number(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  lineTotal: z.number().int(),
});
export type RepairQuoteLine = z.infer<typeof RepairQuoteLineSchema>;

export const QuoteViewSchema = z.object({
  version: z.number().int(),
  status: QuoteStatusSchema,
  labourMinutes: z.number().int(),
  labourRatePerHour: z.number().int(),
  labourAmount: z.number().int(),
  calloutFee: z.number().int(),
  lines: z.array(RepairQuoteLineSchema),
  partsAmount: z.number().int(),
  total: z.number().int(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type QuoteView = z.infer<typeof QuoteViewSchema>;
export const QuoteResponseSchema = z.object({ quote: QuoteViewSchema });
export type QuoteResponse = z.infer<typeof QuoteResponseSchema>;

/** The reporter's answer names the version they saw: an older one is 409 QUOTE_OUTDATED. */
export const QuoteAnswerSchema = z.object({ version: z.number().int().min(1).max(1_000_000) });
export type QuoteAnswer = z.infer<typeof QuoteAnswerSchema>;

/** `GET /api/quotes`: the desk's quotes by state (default: awaiting the reporter's answer), newest first, keyset paged. */
export const QuoteListQuerySchema = z.object({
  state: QuoteStatusSchema.default('pending'),
  cursor: z
    .string()
    .regex(/^q\d{1,10}$/, 'pass the nextCursor of the previous page unchanged')
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type QuoteListQuery = z.infer<typeof QuoteListQuerySchema>;

export const QuoteQueueItemSchema = z.object({
  number: z.string(),
  asset: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  site: z.object({ id: z.number(), name: z.string() }),
  version: z.number().int(),
  total: z.number().int(),
  state: QuoteStatusSchema,
  sentAt: z.string(),
  /** The staff member who sent the version; null when the account is gone. */
  sentBy: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export type QuoteQueueItem = z.infer<typeof QuoteQueueItemSchema>;
export const QuoteQueuePageSchema = z.object({ items: z.array(QuoteQueueItemSchema), nextCursor: z.string().nullable() });
export type QuoteQueuePage = z.infer<typeof QuoteQueuePageSchema>;
