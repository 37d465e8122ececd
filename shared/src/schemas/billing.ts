import { z } from 'zod';
import { DateOnlySchema } from './common';

/** Billing schemas: the plan document (a catalog entry), quotes and their lines. Money: integer minor units. */

export const CURRENCIES = ['CNY', 'USD'] as const;
export const CurrencySchema = z.enum(CURRENCIES);
export type Currency = z.infer<typeof CurrencySchema>;

export const BILLING_PERIODS = ['month', 'quarter', 'year'] as const;
export const BillingPeriodSchema = z.enum(BILLING_PERIODS);
export type BillingPeriod = z.infer<typeof BillingPeriodSchema>;
/** Months in one billing period. */
export const PERIOD_MONTHS: Record<BillingPeriod, number> = { month: 1, quarter: 3, year: 12 };

/** The modules a plan can entitle (the rest of the product is in every plan). */
export const PLAN_MODULES = ['kb', 'parts', 'sla', 'reports', 'api', 'pm', 'wechat'] as const;
export const PlanModuleSchema = z.enum(PLAN_MODULES);
export type PlanModule = z.infer<typeof PlanModuleSchema>;

export const USAGE_METRICS = ['tickets', 'api_calls', 'storage_gb', 'wechat_messages'] as const;
export const UsageMetricSchema = z.enum(USAGE_METRICS);
export type UsageMetric = z.infer<typeof UsageMetricSchema>;

/** The largest money amount accepted anywhere (100 million in major units), so sums stay exact. */
export const MAX_MONEY = 10_000_000_000;
/** The largest quantity priced (seats, tickets, API calls …). */
export const MAX_QUANTITY = 1_000_000_000_000;
/** Rates and percentages are decimals with at most this many digits after the point. */
export const DECIMAL_PLACES = 6;

export const MoneySchema = z
  .number({ error: 'an integer amount in minor units (fen / cents)' })
  .int('an integer amount in minor units (fen / cents), not a fraction')
  .min(0, 'an amount must not be negative')
  .max(MAX_MONEY, `an amount must be at most ${MAX_MONEY} minor units`);

const hasFewDecimals = (x: number) => Math.abs(x * 10 ** DECIMAL_PLACES - Math.round(x * 10 ** DECIMAL_PLACES)) < 1e-6;

/** A rate: a non-negative decimal (e.g. 0.5 fen per API call) with at most six decimals. */
export const RateSchema = z
  .number({ error: 'a number' })
  .min(0, 'a rate must not be negative')
  .max(MAX_MONEY, `a rate must be at most ${MAX_MONEY}`)
  .refine(hasFewDecimals, `at most ${DECIMAL_PLACES} digits after the decimal point`);

export const PercentSchema = z
  .number({ error: 'a percentage such as 20 or 12.5' })
  .min(0, 'a percentage must not be negative')
  .max(100, 'a percentage must be at most 100')
  .refine(hasFewDecimals, `at most ${DECIMAL_PLACES} digits after the decimal point`);

export const QuantitySchema = z
  .number({ error: 'a whole number' })
  .int('a whole number')
  .min(0, 'must not be negative')
  .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`);

/** Seats a subscription buys (a column of the subscription, not a priced quantity: bounded like a head count). */
export const SeatCountSchema = z
  .number({ error: 'a whole number' })
  .int('a whole number')
  .min(0, 'must not be negative')
  .max(100_000, 'must be at most 100000');

/** A price tier: `upTo` is inclusive, `null` is unbounded (and only the last tier may be). */
export const TierSchema = z.object({
  upTo: z.number().int('`upTo` is a whole number of units').positive('`upTo` must be at least 1').nullable(),
  unitAmount: RateSchema.default(0),
  flatAmount: MoneySchema.default(0),
});
export type Tier = z.infer<typeof TierSchema>;

const TiersSchema = z
  .array(TierSchema)
  .min(1, 'give at least one tier')
  .max(50, 'at most 50 tiers')
  .superRefine((tiers, ctx) => {
    tiers.forEach((t, i) => {
      const last = i === tiers.length - 1;
      if (t.upTo === null && !last)
        ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'only the last tier may be unbounded (`upTo: null`)' });
      if (last && t.upTo !== null)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'upTo'],
          message: 'the last tier must be unbounded (`upTo: null`), so every quantity has a price',
        });
      const prev = i > 0 ? tiers[i - 1].upTo : null;
      if (i > 0 && prev !== null && t.upTo !== null && t.upTo <= prev) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'upTo'],
          message: `tiers must grow: \`upTo\` ${t.upTo} is not above the previous tier's ${prev}`,
        });
      }
    });
  });

const nameField = z.string().trim().min(1, 'a name must not be empty').max(100, 'a name is at most 100 characters');

export const FlatChargeSchema = z.object({ kind: z.literal('flat'), name: nameField.optional(), amount: MoneySchema });

export const SEAT_MODES = ['per_unit', 'volume', 'graduated'] as const;
export const SeatChargeSchema = z
  .object({
    kind: z.literal('seats'),
    name: nameField.optional(),
    mode: z.enum(SEAT_MODES).default('per_unit'),
    unitAmount: RateSchema.optional(),
    /** Seats are billed for at least this many, whatever fewer are used or bought. */
    minQuantity: QuantitySchema.default(0),
    tiers: TiersSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'per_unit' && c.unitAmount === undefined)
      ctx.addIssue({ code: 'custom', path: ['unitAmount'], message: 'a per_unit seat charge needs `unitAmount`' });
    if (c.mode !== 'per_unit' && !c.tiers)
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: `a ${c.mode} seat charge needs \`tiers\`` });
  });

export const ModuleChargeSchema = z.object({
  kind: z.literal('module'),
  name: nameField.optional(),
  module: PlanModuleSchema,
  amount: MoneySchema,
});

export const USAGE_MODES = ['volume', 'graduated', 'package'] as const;
export const UsageChargeSchema = z
  .object({
    kind: z.literal('usage'),
    name: nameField.optional(),
    metric: UsageMetricSchema,
    mode: z.enum(USAGE_MODES),
    /** Units free of charge before the charge starts counting (the base of a base + overage plan). */
    includedQuantity: QuantitySchema.default(0),
    packageSize: z.number().int('`packageSize` is a whole number').positive('`packageSize` must be at least 1').optional(),
    /** The price of one package. */
    amount: MoneySchema.optional(),
    tiers: TiersSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'package') {
      if (c.packageSize === undefined)
        ctx.addIssue({ code: 'custom', path: ['packageSize'], message: 'a package charge needs `packageSize`' });
      if (c.amount === undefined)
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'a package charge needs `amount` (the price of one package)' });
    } else if (!c.tiers) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: `a ${c.mode} usage charge needs \`tiers\`` });
    }
  });

export const PERCENTAGE_OF = ['flat', 'seats', 'module', 'usage'] as const;
export const PercentageChargeSchema = z.object({
  kind: z.literal('percentage'),
  name: nameField.optional(),
  percent: PercentSchema,
  /** The kinds of the other charges this one is a percentage of (a maintenance fee: the licence lines). */
  of: z.array(z.enum(PERCENTAGE_OF)).min(1, 'name at least one charge kind in `of`'),
});

export const ChargeSchema = z.discriminatedUnion(
  'kind',
  [FlatChargeSchema, SeatChargeSchema, ModuleChargeSchema, UsageChargeSchema, PercentageChargeSchema],
  {
    error: 'a charge `kind` is one of flat, seats, module, usage, percentage',
  },
);
export type Charge = z.infer<typeof ChargeSchema>;
export type ChargeKind = Charge['kind'];

export const TrialPhaseSchema = z.object({
  kind: z.literal('trial'),
  days: z.number().int('`days` is a whole number').min(1, 'a trial lasts at least one day').max(365, 'a trial lasts at most 365 days'),
});
export const DiscountPhaseSchema = z.object({
  kind: z.literal('discount'),
  name: nameField.optional(),
  /** How long after the trial the discount lasts; absent: for the life of the subscription (e.g. 20 % off yearly). */
  months: z
    .number()
    .int('`months` is a whole number')
    .min(1, 'a discount lasts at least one month')
    .max(120, 'at most 120 months')
    .optional(),
  percentOff: PercentSchema,
});
export const PhaseSchema = z.discriminatedUnion('kind', [TrialPhaseSchema, DiscountPhaseSchema], {
  error: 'a phase `kind` is trial or discount (evergreen follows them)',
});
export type Phase = z.infer<typeof PhaseSchema>;

export const PlanCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a plan code is lowercase letters, digits and dashes (e.g. pro-month)');

export const PlanDocumentSchema = z
  .object({
    code: PlanCodeSchema,
    name: nameField,
    currency: CurrencySchema.default('CNY'),
    period: BillingPeriodSchema,
    modules: z.array(PlanModuleSchema).default([]),
    charges: z.array(ChargeSchema).max(50, 'at most 50 charges'),
    phases: z.array(PhaseSchema).default([]),
    taxRatePercent: PercentSchema.default(0),
    /** Free-tier caps: above them the admin is told to upgrade (intake never refuses a repair). */
    limits: z.partialRecord(UsageMetricSchema, QuantitySchema).optional(),
    /** The seats a new subscription buys when none are given. */
    defaultSeats: QuantitySchema.optional(),
  })
  .superRefine((p, ctx) => {
    const trials = p.phases.filter((x) => x.kind === 'trial').length;
    const discounts = p.phases.filter((x) => x.kind === 'discount').length;
    if (trials > 1) ctx.addIssue({ code: 'custom', path: ['phases'], message: 'at most one trial phase' });
    if (discounts > 1) ctx.addIssue({ code: 'custom', path: ['phases'], message: 'at most one discount phase' });
    if (p.phases.length === 2 && p.phases[0].kind !== 'trial')
      ctx.addIssue({ code: 'custom', path: ['phases'], message: 'the trial phase comes before the discount phase' });
    if (p.charges.filter((c) => c.kind === 'seats').length > 1)
      ctx.addIssue({ code: 'custom', path: ['charges'], message: 'at most one seats charge' });
    const seen = new Set<string>();
    p.charges.forEach((c, i) => {
      const key = c.kind === 'module' ? `module:${c.module}` : c.kind === 'usage' ? `usage:${c.metric}` : '';
      if (key && seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['charges', i], message: `${key.replace(':', ' ')} is charged twice` });
      seen.add(key);
    });
  });
export type PlanDocument = z.infer<typeof PlanDocumentSchema>;
export type PlanDocumentInput = z.input<typeof PlanDocumentSchema>;

export const COUPON_DURATIONS = ['once', 'repeating', 'forever'] as const;
export const CouponSchema = z
  .object({
    code: z.string().trim().min(1).max(64).optional(),
    kind: z.enum(['percentage', 'fixed']),
    percentOff: PercentSchema.optional(),
    amountOff: MoneySchema.optional(),
    duration: z.enum(COUPON_DURATIONS),
    /** For `repeating`: how many billing periods. */
    periods: z.number().int().min(1, 'a repeating coupon lasts at least one period').max(120).optional(),
    /** The day it was redeemed: it counts periods from the one holding this day (default: the subscription start). */
    redeemedOn: DateOnlySchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'percentage' && c.percentOff === undefined)
      ctx.addIssue({ code: 'custom', path: ['percentOff'], message: 'a percentage coupon needs `percentOff`' });
    if (c.kind === 'fixed' && c.amountOff === undefined)
      ctx.addIssue({ code: 'custom', path: ['amountOff'], message: 'a fixed coupon needs `amountOff`' });
    if (c.duration === 'repeating' && c.periods === undefined)
      ctx.addIssue({ code: 'custom', path: ['periods'], message: 'a repeating coupon needs `periods`' });
  });
export type Coupon = z.infer<typeof CouponSchema>;

export const QuantitiesSchema = z.object({
  seats: QuantitySchema.default(0),
  tickets: QuantitySchema.default(0),
  api_calls: QuantitySchema.default(0),
  storage_gb: QuantitySchema.default(0),
  wechat_messages: QuantitySchema.default(0),
});
export type Quantities = z.infer<typeof QuantitiesSchema>;

/** `POST /api/billing/quote`: a published plan code (anyone) or a plan document (operator token only). */
export const QuoteRequestSchema = z.object({
  plan: z.union([PlanCodeSchema, PlanDocumentSchema]),
  quantities: QuantitiesSchema.default({ seats: 0, tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 }),
  /** Which module add-ons are bought; absent: every module charge of the plan. */
  modules: z.array(PlanModuleSchema).optional(),
  coupon: CouponSchema.optional(),
  subscriptionStart: DateOnlySchema.optional(),
  periodStart: DateOnlySchema.optional(),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export type QuoteRequest = z.infer<typeof QuoteRequestSchema>;

export const PHASE_KINDS = ['trial', 'discount', 'evergreen'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export const LINE_KINDS = [
  'flat',
  'seats',
  'module',
  'usage',
  'percentage',
  'trial',
  'discount',
  'coupon',
  'proration_credit',
  'proration_charge',
] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const QuoteLineSchema = z.object({
  kind: z.enum(LINE_KINDS),
  description: z.string(),
  /** Units priced (seats billed, units in the tier, packages, days for proration); 1 for a fixed fee. */
  quantity: z.number(),
  /** The price of one unit (may be a decimal rate); the amount is rounded, not this. */
  unitAmount: z.number(),
  /** A tier's flat fee included in `amount`, when there is one. */
  flatAmount: z.number().int().optional(),
  /** Signed minor units: discounts and credits are negative. */
  amount: z.number().int(),
  metric: UsageMetricSchema.optional(),
  module: PlanModuleSchema.optional(),
});
export type QuoteLine = z.infer<typeof QuoteLineSchema>;

export const QuoteSchema = z.object({
  currency: CurrencySchema,
  planCode: z.string(),
  /** `end` is the last day the period includes. */
  period: z.object({ start: DateOnlySchema, end: DateOnlySchema, phase: z.enum(PHASE_KINDS) }),
  lines: z.array(QuoteLineSchema),
  /** Sum of the charge lines. */
  subtotal: z.number().int(),
  /** Sum of the trial, discount and coupon lines, as a positive amount. */
  discount: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
});
export type Quote = z.infer<typeof QuoteSchema>;

export const PLAN_STATUSES = ['draft', 'published', 'archived'] as const;
export interface PlanView {
  id: number;
  code: string;
  version: number;
  status: (typeof PLAN_STATUSES)[number];
  document: PlanDocument;
  createdAt: string;
  publishedAt: string | null;
}

/** Usage of one metric in a period, against the plan's free-tier cap (null: no cap). */
export const UsageMeterSchema = z.object({
  metric: z.enum([...USAGE_METRICS, 'seats']),
  used: z.number(),
  included: z.number().nullable(),
  limit: z.number().nullable(),
});
export type UsageMeter = z.infer<typeof UsageMeterSchema>;

export const SubscriptionViewSchema = z.object({
  tenantId: z.number(),
  plan: z.object({
    id: z.number(),
    code: z.string(),
    version: z.number(),
    name: z.string(),
    period: BillingPeriodSchema,
    modules: z.array(PlanModuleSchema),
  }),
  seats: z.object({ purchased: z.number(), used: z.number() }),
  modules: z.array(PlanModuleSchema),
  startedOn: DateOnlySchema,
  trialEndsOn: DateOnlySchema.nullable(),
  trialDaysLeft: z.number(),
  phase: z.enum(PHASE_KINDS),
  period: z.object({ start: DateOnlySchema, end: DateOnlySchema }),
  coupon: CouponSchema.nullable(),
  cancelAtPeriodEnd: z.boolean(),
  pendingPlanCode: z.string().nullable(),
  status: z.enum(['active', 'canceled']),
  usage: z.array(UsageMeterSchema),
});
export type SubscriptionView = z.infer<typeof SubscriptionViewSchema>;

/** `GET /api/billing/preview?at=YYYY-MM-DD`: the invoice of the period holding `at` (default today), from usage so far. */
export const PreviewQuerySchema = z.object({ at: DateOnlySchema.optional(), locale: z.enum(['zh-CN', 'en']).default('zh-CN') });
export type PreviewQuery = z.infer<typeof PreviewQuerySchema>;

export const PreviewViewSchema = z.object({ quote: QuoteSchema, quantities: QuantitiesSchema, planId: z.number() });
export type PreviewView = z.infer<typeof PreviewViewSchema>;

export const PlanIdParamSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const TenantSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a company code is 2–63 lowercase letters, digits and dashes');

/** `POST /api/operator/tenants` and the public signup: a tenant, its admin and its subscription. */
export const CreateTenantSchema = z.object({
  slug: TenantSlugSchema,
  name: z.string().trim().min(1).max(100),
  admin: z.object({
    username: z.string().trim().min(2).max(64),
    password: z.string().min(8, 'a password has at least 8 characters').max(200),
    name: z.string().trim().min(1).max(100),
  }),
  plan: PlanCodeSchema,
  seats: SeatCountSchema.optional(),
});
export type CreateTenantInput = z.infer<typeof CreateTenantSchema>;

export interface CreatedTenantView {
  tenant: { id: number; slug: string; name: string };
  admin: { id: number; username: string };
  subscription: SubscriptionView | null;
}

export const InvoiceViewSchema = z.object({
  id: z.number(),
  number: z.string(),
  kind: z.enum(['period', 'proration', 'credit_note']),
  status: z.enum(['open', 'paid', 'void']),
  currency: CurrencySchema,
  periodStart: DateOnlySchema,
  periodEnd: DateOnlySchema,
  issuedOn: DateOnlySchema,
  lines: z.array(QuoteLineSchema),
  subtotal: z.number(),
  discount: z.number(),
  tax: z.number(),
  total: z.number(),
  paidAt: z.string().nullable(),
});
export type InvoiceView = z.infer<typeof InvoiceViewSchema>;

/** `POST /api/billing/change-plan[?preview=true]`: another published plan, another seat count, or both. */
export const ChangePlanSchema = z
  .object({ plan: PlanCodeSchema.optional(), seats: z.number().int().min(1).max(100_000).optional() })
  .refine((c) => c.plan !== undefined || c.seats !== undefined, 'name a `plan`, `seats`, or both');
export type ChangePlanInput = z.infer<typeof ChangePlanSchema>;
export const ChangePlanQuerySchema = z.object({ preview: z.enum(['true', 'false']).default('false') });

export const ChangePlanViewSchema = z.object({
  /** now: applied at once, prorated by day; period_end: a downgrade or fewer seats, from the next period. */
  effective: z.enum(['now', 'period_end']),
  effectiveOn: DateOnlySchema,
  lines: z.array(QuoteLineSchema),
  subtotal: z.number(),
  tax: z.number(),
  total: z.number(),
  /** The invoice (or credit note) issued for the proration; null for a preview or nothing to charge. */
  invoice: InvoiceViewSchema.nullable(),
  preview: z.boolean(),
});
export type ChangePlanView = z.infer<typeof ChangePlanViewSchema>;

/** `GET /api/public/plans`: the published catalog as a newcomer choosing a plan sees it (signup, the console's plan picker). */
export const PublicPlanSchema = z.object({
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  currency: CurrencySchema,
  period: BillingPeriodSchema,
  modules: z.array(PlanModuleSchema),
  /** Days of free trial a new subscription starts with (null: none). */
  trialDays: z.number().int().nullable(),
  /** The seats a subscription buys when none are chosen. */
  defaultSeats: z.number().int(),
  /** Free-tier caps per metric (absent: no cap). */
  limits: z.partialRecord(UsageMetricSchema, z.number()),
  taxRatePercent: z.number(),
  /** The plan's price list, as in its document (usage tiers, add-on modules, fees). */
  charges: z.array(ChargeSchema),
  /** The first paid period (after any trial) for `defaultSeats` and no usage: what the plan costs to start with. */
  firstPeriod: z.object({
    phase: z.enum(PHASE_KINDS),
    subtotal: z.number().int(),
    discount: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
  }),
});
export type PublicPlan = z.infer<typeof PublicPlanSchema>;
export const PublicPlanListSchema = z.object({ items: z.array(PublicPlanSchema) });
export type PublicPlanList = z.infer<typeof PublicPlanListSchema>;

/** `GET /api/billing/invoices/:id/pdf?lang=`: the invoice's language. */
export const InvoicePdfQuerySchema = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') });
/** `PATCH /api/operator/tenants/:id/subscription`. */
export const SubscriptionPatchSchema = z.object({
  seats: SeatCountSchema.optional(),
  coupon: CouponSchema.nullable().optional(),
  cancelAtPeriodEnd: z.boolean().optional(),
});
/** `GET /api/operator/invoices?tenantId=`. */
export const OperatorInvoiceQuerySchema = z.object({ tenantId: z.coerce.number().int().positive().max(2_147_483_647).optional() });
/** `POST /api/operator/invoices/:id/refund`: a partial refund's amount (absent: the whole invoice). */
export const RefundSchema = z.object({ amount: z.number().int().positive().max(10_000_000_000).optional() });
/** `GET /api/operator/plans?status=`. */
export const PlanStatusQuerySchema = z.object({ status: z.enum(PLAN_STATUSES).optional() });

/** A plan version as the operator sees it (`PlanView`). */
export const PlanViewSchema = z.object({
  id: z.number(),
  code: z.string(),
  version: z.number(),
  status: z.enum(PLAN_STATUSES),
  document: PlanDocumentSchema,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
