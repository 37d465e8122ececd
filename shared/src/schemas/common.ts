import { z } from 'zod';
import { TICKET_STATUSES } from '../ticket-machine';

export const ROLES = ['admin', 'dispatcher', 'engineer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const URGENCIES = ['low', 'normal', 'high'] as const;
export const UrgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof UrgencySchema>;

/** combined: offered by the rules as in auto; opened to the pool at the response warning; to the dispatcher at breach. */
export const DISPATCH_MODES = ['auto', 'pool', 'manual', 'combined'] as const;
export const DispatchModeSchema = z.enum(DISPATCH_MODES);
export type DispatchMode = z.infer<typeof DispatchModeSchema>;

export const TicketStatusSchema = z.enum(TICKET_STATUSES);

/** 'repair' (reported, or a corrective follow-up) or 'preventive' (generated from a PM plan). */
export const TICKET_TYPES = ['repair', 'preventive'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];
export const TicketTypeSchema = z.enum(TICKET_TYPES);
/** Who pays for a repair, decided at intake: the asset's warranty, else a service contract, else the customer. */
export const TICKET_COVERAGES = ['warranty', 'contract', 'chargeable'] as const;
export const TicketCoverageSchema = z.enum(TICKET_COVERAGES);
export type TicketCoverage = z.infer<typeof TicketCoverageSchema>;

export const IdSchema = z.coerce.number().int().positive().max(2_147_483_647);
export const IdParamSchema = z.object({ id: IdSchema });

export const PaginationQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PaginationQuery = z.infer<typeof PaginationQuerySchema>;

/** The envelope of a numbered page of `item`s. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
}

/** A page that can also be continued by keyset: `nextCursor` names the position after its last item, null at the end. */
export function cursorPageSchema<T extends z.ZodType>(item: T) {
  return pageSchema(item).extend({ nextCursor: z.string().nullable() });
}

/** The envelope of a whole, unpaged list of `item`s. */
export function itemsSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface CursorPage<T> extends Page<T> {
  nextCursor: string | null;
}

export interface Items<T> {
  items: T[];
}

/** Asset codes are printed under the QR; lookups ignore case and dashes someone may type. */
export const AssetCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[-\s]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-Z]{6,32}$/, 'invalid asset code'));

export const TicketNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^BX-\d{8}-\d{4,6}$/, 'invalid ticket number');

export const UploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{10,40}$/, 'invalid upload id');
/** The server's default photo size limit (UPLOAD_MAX_BYTES); the mini-program refuses bigger files before sending them. */
export const UPLOAD_MAX_BYTES_DEFAULT = 10 * 1024 * 1024;

export const PhotoIdsSchema = z.array(UploadIdSchema).max(9, 'at most 9 photos');

/** Mainland mobile, landline with area code, or an international number. */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'invalid phone number');

export const DateOnlySchema = z.iso.date();

/** The answer of an action with nothing else to say. */
export const OkResponseSchema = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponseSchema>;

export const LocalizedSchema = z.object({ zh: z.string(), en: z.string() });
