import { z } from 'zod';
import {
  DateOnlySchema,
  DispatchModeSchema,
  IdSchema,
  itemsSchema,
  pageSchema,
  PaginationQuerySchema,
  PhoneSchema,
  TicketStatusSchema,
  UrgencySchema,
} from './common';
import { ListCursorSchema } from './cursor';
import { text } from './text';
import { PublicBaseUrlSchema, TimeZoneSchema } from './public-url';

const optionalText = (max: number) => text().trim().max(max).nullable().optional();

export const TicketListQuerySchema = PaginationQuerySchema.extend({
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(TicketStatusSchema).min(1))
    .optional(),
  siteId: IdSchema.optional(),
  engineerId: IdSchema.optional(),
  from: z.iso.datetime({ offset: true }).or(DateOnlySchema).optional(),
  to: z.iso.datetime({ offset: true }).or(DateOnlySchema).optional(),
  needsDispatcher: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  category: z.string().trim().min(1).max(50).optional(),
  urgency: UrgencySchema.optional(),
  /** Ticket number, asset name or code, description or phone (a substring). */
  q: z.string().trim().min(1).max(100).optional(),
  /** Keyset paging: the previous answer's `nextCursor`. With it, `page` no longer positions the list. */
  cursor: ListCursorSchema.optional(),
});
export type TicketListQuery = z.infer<typeof TicketListQuerySchema>;

export const AssignSchema = z.object({ engineerId: IdSchema });
export type AssignInput = z.infer<typeof AssignSchema>;

/** Cancellation reasons with a rule behind them: `quote_refused` only after the reporter rejected the latest quote. */
export const CANCEL_REASON_CODES = ['quote_refused'] as const;
export const CancelReasonCodeSchema = z.enum(CANCEL_REASON_CODES);
export type CancelReasonCode = z.infer<typeof CancelReasonCodeSchema>;
export const CANCEL_REASON_LABELS: Record<CancelReasonCode, { zh: string; en: string }> = {
  quote_refused: { zh: '客户拒绝报价', en: 'Quote refused' },
};
export const CancelSchema = z.object({ reason: text().trim().min(1, 'give a reason').max(500), code: CancelReasonCodeSchema.optional() });
export type CancelInput = z.infer<typeof CancelSchema>;

export const SiteInputSchema = z.object({
  name: text().trim().min(1).max(100),
  address: optionalText(200),
  region: optionalText(50),
});
export type SiteInput = z.infer<typeof SiteInputSchema>;
export const SiteUpdateSchema = SiteInputSchema.partial();
export type SiteUpdate = z.infer<typeof SiteUpdateSchema>;

export const SiteViewSchema = z.object({
  id: z.number(),
  name: z.string(),
  address: z.string().nullable(),
  region: z.string().nullable(),
});
export type SiteView = z.infer<typeof SiteViewSchema>;
/** GET /api/sites */
export const SiteListResponseSchema = itemsSchema(SiteViewSchema);
export type SiteListResponse = z.infer<typeof SiteListResponseSchema>;

const CustomFieldsSchema = z
  .record(text().trim().min(1).max(50), z.union([text().max(500), z.number(), z.boolean()]))
  .refine((r) => Object.keys(r).length <= 30, 'at most 30 custom fields');

export const AssetInputSchema = z.object({
  siteId: IdSchema,
  name: text().trim().min(1).max(100),
  model: optionalText(100),
  serial: optionalText(100),
  category: optionalText(50),
  location: optionalText(100),
  warrantyUntil: DateOnlySchema.nullable().optional(),
  customFields: CustomFieldsSchema.optional(),
  externalId: optionalText(100),
});
export type AssetInput = z.infer<typeof AssetInputSchema>;
export const AssetUpdateSchema = AssetInputSchema.partial();
export type AssetUpdate = z.infer<typeof AssetUpdateSchema>;

export const WARRANTY_STATES = ['active', 'expired', 'none'] as const;

export const AssetListQuerySchema = PaginationQuerySchema.extend({
  siteId: IdSchema.optional(),
  category: text().trim().max(50).optional(),
  q: text().trim().max(100).optional(),
  warranty: z.enum(WARRANTY_STATES).optional(),
});
export type AssetListQuery = z.infer<typeof AssetListQuerySchema>;

export const AssetViewSchema = z.object({
  id: z.number(),
  code: z.string(),
  siteId: z.number(),
  name: z.string(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  category: z.string().nullable(),
  location: z.string().nullable(),
  warrantyUntil: z.string().nullable(),
  customFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  externalId: z.string().nullable(),
  url: z.string(),
});
export type AssetView = z.infer<typeof AssetViewSchema>;
/** GET /api/assets */
export const AssetPageSchema = pageSchema(AssetViewSchema);
export type AssetPage = z.infer<typeof AssetPageSchema>;

const SkillsSchema = z.array(text().trim().min(1).max(50)).max(50);
const SiteIdsSchema = z.array(IdSchema).max(500);

export const EngineerInputSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  name: text().trim().min(1).max(50),
  password: z.string().min(6).max(200),
  phone: PhoneSchema.nullable().optional(),
  skills: SkillsSchema.default([]),
  siteIds: SiteIdsSchema.default([]),
  onDuty: z.boolean().default(true),
});
export type EngineerInput = z.infer<typeof EngineerInputSchema>;

export const EngineerUpdateSchema = z.object({
  name: text().trim().min(1).max(50).optional(),
  password: z.string().min(6).max(200).optional(),
  phone: PhoneSchema.nullable().optional(),
  skills: SkillsSchema.optional(),
  siteIds: SiteIdsSchema.optional(),
  onDuty: z.boolean().optional(),
});
export type EngineerUpdate = z.infer<typeof EngineerUpdateSchema>;

export const AssetExportQuerySchema = AssetListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});
export type AssetExportQuery = z.infer<typeof AssetExportQuerySchema>;

export const AssetDetailResponseSchema = z.object({ asset: AssetViewSchema, site: SiteViewSchema });
export type AssetDetailResponse = z.infer<typeof AssetDetailResponseSchema>;

export const EngineerViewSchema = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  skills: z.array(z.string()),
  siteIds: z.array(z.number()),
  /** The raw on-duty switch (what PATCH sets; decides only without a shift pattern and override). */
  onDuty: z.boolean(),
  /** On duty right now: shifts (pattern, leave days, override) in the tenant's zone, else the switch. */
  onDutyNow: z.boolean(),
  openJobs: z.number(),
});
export type EngineerView = z.infer<typeof EngineerViewSchema>;

export const TenantSettingsSchema = z.object({
  dispatchMode: DispatchModeSchema,
  offerTimeoutSeconds: z.number().int().min(30).max(86_400),
  /** IANA zone: the tenant's calendar days (reports, warranties). */
  timezone: TimeZoneSchema,
});
export type TenantSettings = z.infer<typeof TenantSettingsSchema>;
export const TenantSettingsUpdateSchema = TenantSettingsSchema.partial();
export type TenantSettingsUpdate = z.infer<typeof TenantSettingsUpdateSchema>;
/** `GET`/`PATCH /api/settings`: the tenant's settings, and the server's public origin that labels and QR codes carry. */
export const TenantSettingsResponseSchema = z.object({ settings: TenantSettingsSchema, publicBaseUrl: PublicBaseUrlSchema });
export type TenantSettingsResponse = z.infer<typeof TenantSettingsResponseSchema>;
