import { z } from 'zod';
import { IdSchema } from './common';
import { text } from './text';
import { NotificationViewSchema } from './wechat';

/** Parts, stock locations and the stock ledger. Money: integer minor units (fen); quantities: whole units. */

const optionalText = (max: number) => text().trim().max(max).nullable().optional();

/** The largest on hand of one part at one location. */
export const MAX_STOCK_QUANTITY = 1_000_000;
/** The largest quantity of one movement. */
export const MAX_MOVEMENT_QUANTITY = 10_000;

/** A part's cost or price: at most one million yuan (10⁸ fen), so it fits the INT column and line totals stay exact. */
export const MAX_PART_MONEY = 100_000_000;
export const PartMoneySchema = z
  .number({ error: 'an integer amount in minor units (fen / cents)' })
  .int('an integer amount in minor units (fen / cents), not a fraction')
  .min(0, 'an amount must not be negative')
  .max(MAX_PART_MONEY, `an amount must be at most ${MAX_PART_MONEY} minor units`);

export const PartSkuSchema = text().trim().min(1).max(64);
export const PartCategoriesSchema = z.array(text().trim().min(1).max(50)).max(10);

export const PartInputSchema = z.object({
  sku: PartSkuSchema,
  name: text().trim().min(1).max(100),
  unit: text().trim().min(1).max(16),
  cost: PartMoneySchema,
  price: PartMoneySchema,
  minStock: z.number().int().min(0).max(MAX_STOCK_QUANTITY),
  barcode: optionalText(64),
  categories: PartCategoriesSchema.optional(),
});
export type PartInput = z.infer<typeof PartInputSchema>;
export const PartUpdateSchema = PartInputSchema.partial();
export type PartUpdate = z.infer<typeof PartUpdateSchema>;

/** `cursor`: the previous page's `nextCursor`, unchanged (the list is ordered by id). */
export const PartListQuerySchema = z.object({
  q: text().trim().max(100).optional(),
  category: text().trim().max(50).optional(),
  barcode: text().trim().max(64).optional(),
  cursor: z
    .string()
    .regex(/^p\d{1,10}$/, 'pass the nextCursor of the previous page unchanged')
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PartListQuery = z.infer<typeof PartListQuerySchema>;

export const PartViewSchema = z.object({
  id: z.number(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  cost: z.number().int(),
  price: z.number().int(),
  minStock: z.number().int(),
  barcode: z.string().nullable(),
  categories: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartView = z.infer<typeof PartViewSchema>;
export const PartResponseSchema = z.object({ part: PartViewSchema });
export const PartPageSchema = z.object({ items: z.array(PartViewSchema), nextCursor: z.string().nullable() });
export type PartPage = z.infer<typeof PartPageSchema>;

export const STOCK_LOCATION_KINDS = ['store', 'van'] as const;
export const StockLocationKindSchema = z.enum(STOCK_LOCATION_KINDS);
export type StockLocationKind = z.infer<typeof StockLocationKindSchema>;

export const StockLocationViewSchema = z.object({
  id: z.number(),
  kind: StockLocationKindSchema,
  name: z.string(),
  siteId: z.number().nullable(),
  engineerId: z.number().nullable(),
});
export type StockLocationView = z.infer<typeof StockLocationViewSchema>;
export const StockLocationListSchema = z.object({ items: z.array(StockLocationViewSchema) });

/** What a caller may ask for; consumption on a ticket is recorded by the resolve, never posted here. */
export const STOCK_MOVEMENT_KINDS = ['receive', 'transfer', 'adjust', 'return'] as const;
export const StockMovementKindSchema = z.enum(STOCK_MOVEMENT_KINDS);
export type StockMovementKind = z.infer<typeof StockMovementKindSchema>;

/** How a ledger row reads: a transfer is two rows (out of one location, into the other). */
export const LEDGER_KINDS = ['receive', 'transfer_out', 'transfer_in', 'adjust', 'return', 'consume'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * `quantity`: units moved, positive; for `adjust` a signed correction (negative takes stock away), never 0.
 * `toLocationId`: the destination of a `transfer` (required there, refused elsewhere).
 */
export const StockMovementInputSchema = z
  .object({
    partId: IdSchema,
    locationId: IdSchema,
    kind: StockMovementKindSchema,
    quantity: z.number().int().min(-MAX_MOVEMENT_QUANTITY).max(MAX_MOVEMENT_QUANTITY),
    toLocationId: IdSchema.optional(),
    reason: optionalText(200),
  })
  .superRefine((m, ctx) => {
    if (m.quantity === 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'a movement moves at least one unit' });
    if (m.kind !== 'adjust' && m.quantity < 0)
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'only an adjust may be negative' });
    if (m.kind === 'transfer' && m.toLocationId === undefined)
      ctx.addIssue({ code: 'custom', path: ['toLocationId'], message: 'a transfer names its destination' });
    if (m.kind !== 'transfer' && m.toLocationId !== undefined)
      ctx.addIssue({ code: 'custom', path: ['toLocationId'], message: 'only a transfer has a destination' });
    if (m.kind === 'transfer' && m.toLocationId === m.locationId)
      ctx.addIssue({ code: 'custom', path: ['toLocationId'], message: 'a transfer goes to another location' });
  });
export type StockMovementInput = z.infer<typeof StockMovementInputSchema>;

export const StockMovementViewSchema = z.object({
  id: z.number(),
  partId: z.number(),
  locationId: z.number(),
  kind: z.enum(LEDGER_KINDS),
  /** Signed: what the row did to the location's on-hand. */
  delta: z.number().int(),
  onHandAfter: z.number().int(),
  otherLocationId: z.number().nullable(),
  ticketId: z.number().nullable(),
  reason: z.string().nullable(),
  actorId: z.number().nullable(),
  createdAt: z.string(),
});
export type StockMovementView = z.infer<typeof StockMovementViewSchema>;
export const StockMovementResponseSchema = z.object({ movements: z.array(StockMovementViewSchema) });

export const StockMovementListQuerySchema = z.object({
  partId: IdSchema.optional(),
  cursor: z
    .string()
    .regex(/^m\d{1,10}$/, 'pass the nextCursor of the previous page unchanged')
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export type StockMovementListQuery = z.infer<typeof StockMovementListQuerySchema>;
export const StockMovementPageSchema = z.object({ items: z.array(StockMovementViewSchema), nextCursor: z.string().nullable() });
export type StockMovementPage = z.infer<typeof StockMovementPageSchema>;

export const PartStockSchema = z.object({
  locations: z.array(z.object({ locationId: z.number(), name: z.string(), kind: StockLocationKindSchema, onHand: z.number().int() })),
});
export type PartStock = z.infer<typeof PartStockSchema>;

/** GET /api/stock/locations/:id/balances: what one location holds, by part id; `q` searches name, SKU and barcode. */
export const StockBalanceListQuerySchema = z.object({
  q: text().trim().max(100).optional(),
  barcode: text().trim().max(64).optional(),
  cursor: z
    .string()
    .regex(/^b\d{1,10}$/, 'pass the nextCursor of the previous page unchanged')
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type StockBalanceListQuery = z.infer<typeof StockBalanceListQuerySchema>;
export const StockBalanceItemSchema = z.object({
  partId: z.number(),
  sku: z.string(),
  name: z.string(),
  unit: z.string(),
  barcode: z.string().nullable(),
  price: z.number().int(),
  onHand: z.number().int(),
  minStock: z.number().int(),
});
export type StockBalanceItem = z.infer<typeof StockBalanceItemSchema>;
export const StockBalancePageSchema = z.object({
  location: StockLocationViewSchema,
  items: z.array(StockBalanceItemSchema),
  nextCursor: z.string().nullable(),
});
export type StockBalancePage = z.infer<typeof StockBalancePageSchema>;

export const LowStockItemSchema = z.object({
  partId: z.number(),
  sku: z.string(),
  name: z.string(),
  minStock: z.number().int(),
  onHand: z.number().int(),
  since: z.string(),
  /** The open crossing (stock_low_alerts row), and its WeChat messages to dispatchers and admins with their states. */
  alertId: z.number().nullable(),
  messages: z.array(NotificationViewSchema),
});
export type LowStockItem = z.infer<typeof LowStockItemSchema>;
export const LowStockListSchema = z.object({ items: z.array(LowStockItemSchema) });

/** `POST /api/parts/import?mode=preview|commit`: each row as the import treats it (by SKU: update or create), with its errors. */
export const PartImportResultSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  rows: z.array(
    z.object({
      line: z.number().int(),
      action: z.enum(['create', 'update']),
      input: PartInputSchema.nullable(),
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  ),
  created: z.number().int(),
  updated: z.number().int(),
  committed: z.boolean(),
});
export type PartImportResult = z.infer<typeof PartImportResultSchema>;
