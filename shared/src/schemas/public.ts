import { z } from 'zod';
import { AssetCodeSchema, PhoneSchema, PhotoIdsSchema, TicketCoverageSchema, TicketStatusSchema, UrgencySchema } from './common';
import { EVENT_TYPES } from '../ticket-machine';
import { text } from './text';
import { QuoteViewSchema } from './quotes';

export const PublicAssetSchema = z.object({
  code: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  category: z.string().nullable(),
  site: z.string(),
  location: z.string().nullable(),
  warrantyUntil: z.string().nullable(),
  underWarranty: z.boolean(),
});
export type PublicAsset = z.infer<typeof PublicAssetSchema>;

export const OpenTicketSummarySchema = z.object({
  number: z.string(),
  status: TicketStatusSchema,
  createdAt: z.string(),
  description: z.string(),
  /** Read-only tracking for someone with the same problem: "same problem — follow it". */
  followToken: z.string(),
});

export const PublicAssetResponseSchema = z.object({
  asset: PublicAssetSchema,
  openTickets: z.array(OpenTicketSummarySchema),
});
export type PublicAssetResponse = z.infer<typeof PublicAssetResponseSchema>;

export const UploadResponseSchema = z.object({ upload: z.object({ id: z.string(), url: z.string() }) });
export type UploadResponse = z.infer<typeof UploadResponseSchema>;
export type StoredUpload = UploadResponse['upload'];

export const CreateTicketSchema = z.object({
  assetCode: AssetCodeSchema,
  description: text().trim().min(1, 'describe the problem').max(2000),
  contactPhone: PhoneSchema,
  contactName: text().trim().max(50).optional(),
  category: text().trim().min(1).max(50).optional(),
  urgency: UrgencySchema.default('normal'),
  photoIds: PhotoIdsSchema.default([]),
  /** The reporter form's random device id (knowledge-base deflection: did this device file after "这解决了我的问题"?). */
  deviceId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid device id')
    .optional(),
});
export type CreateTicketInput = z.infer<typeof CreateTicketSchema>;

export const CreatedTicketSchema = z.object({
  number: z.string(),
  status: TicketStatusSchema,
  trackingToken: z.string(),
  createdAt: z.string(),
});
export const CreateTicketResponseSchema = z.object({ ticket: CreatedTicketSchema });
export type CreateTicketResponse = z.infer<typeof CreateTicketResponseSchema>;

export const TrackingTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'invalid tracking token');
export const TrackingParamSchema = z.object({ trackingToken: TrackingTokenSchema });

export const TicketEventViewSchema = z.object({
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  note: z.string().optional(),
});
export type TicketEventView = z.infer<typeof TicketEventViewSchema>;

export const RatingViewSchema = z.object({ score: z.number(), comment: z.string().nullable(), at: z.string() });

export const TrackedTicketSchema = z.object({
  /** reporter: the filer's own link (may confirm, reopen, rate); follower: read-only. */
  viewer: z.enum(['reporter', 'follower']),
  number: z.string(),
  status: TicketStatusSchema,
  description: z.string(),
  urgency: UrgencySchema,
  createdAt: z.string(),
  /** warranty / contract: the repair is covered; chargeable: the customer pays (a quote first). */
  coverage: TicketCoverageSchema,
  asset: z.object({ code: z.string(), name: z.string(), site: z.string(), location: z.string().nullable() }),
  engineer: z.object({ name: z.string() }).optional(),
  photos: z.array(z.string()),
  /** The engineer's after-repair photos (the filer only). */
  resolutionPhotos: z.array(z.string()),
  /** When this ticket was last urged (催单), by anyone holding a link; the next urge is allowed 30 min later. */
  urgedAt: z.string().nullable(),
  events: z.array(TicketEventViewSchema),
  rating: RatingViewSchema.optional(),
  /** The promised response time (预计…前响应) while no engineer has accepted; null once answered or without an SLA. */
  respondBy: z.string().nullable(),
  /** The latest quote of a chargeable repair (the filer only; answered by version). */
  quote: QuoteViewSchema.nullable().optional(),
});
export const TrackedTicketResponseSchema = z.object({ ticket: TrackedTicketSchema });
export type TrackedTicketResponse = z.infer<typeof TrackedTicketResponseSchema>;

export const ReopenSchema = z.object({ reason: text().trim().min(1, 'say what is still wrong').max(500) });
export type ReopenInput = z.infer<typeof ReopenSchema>;

export const RatingSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: text().trim().max(500).optional(),
});
export type RatingInput = z.infer<typeof RatingSchema>;
