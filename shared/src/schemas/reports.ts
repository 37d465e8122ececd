import { z } from 'zod';
import { text } from './text';
import { DateOnlySchema, IdSchema } from './common';

export const KPI_GROUPS = ['none', 'day', 'site', 'category', 'engineer'] as const;
export const KpiGroupBySchema = z.enum(KPI_GROUPS);
export type KpiGroupBy = z.infer<typeof KpiGroupBySchema>;

/** The longest period one request may cover, counting both ends: a leap year. */
export const KPI_MAX_DAYS = 366;
/** Reports cover days in this range (no ticket is older; dates beyond are typing mistakes). */
export const KPI_FIRST_DAY = '2000-01-01';
export const KPI_LAST_DAY = '2099-12-31';

const dayIndex = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000;

const ReportDaySchema = DateOnlySchema.refine(
  (d) => d >= KPI_FIRST_DAY && d <= KPI_LAST_DAY,
  `a day between ${KPI_FIRST_DAY} and ${KPI_LAST_DAY}`,
);

/**
 * `GET /api/reports/kpis`: tickets created from `from` to `to` (both included, the tenant's calendar days),
 * optionally of one site, category or engineer, in total and per group.
 */
export const KpiQuerySchema = z
  .object({
    from: ReportDaySchema,
    to: ReportDaySchema,
    siteId: IdSchema.optional(),
    category: text().trim().min(1).max(50).optional(),
    engineerId: IdSchema.optional(),
    groupBy: KpiGroupBySchema.default('none'),
  })
  .superRefine((q, ctx) => {
    // zod runs this also when a day was refused: judge the span of two valid days only.
    if (!ReportDaySchema.safeParse(q.from).success || !ReportDaySchema.safeParse(q.to).success) return;
    const days = dayIndex(q.to) - dayIndex(q.from) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must not be before `from`' });
    else if (days > KPI_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a period covers at most ${KPI_MAX_DAYS} days` });
  });
export type KpiQuery = z.infer<typeof KpiQuerySchema>;

/** A duration KPI: how many tickets have it, and their mean in seconds (null when none has). */
export const KpiDurationSchema = z.object({ count: z.number().int(), avgSeconds: z.number().nullable() });
export type KpiDuration = z.infer<typeof KpiDurationSchema>;

/**
 * The figures of a set of tickets (those created in the period and group). Durations are measured from
 * creation to the time the ticket records now (after a reassignment or reopen: the latest acceptance,
 * arrival, resolution). Means only: a median cannot be added up from daily rollups.
 */
/** Attainment of one SLA target: clocks decided (met or breached) on these tickets, how many met, met / due (4 decimals; null when none is due). */
export const SlaRateSchema = z.object({ due: z.number().int(), met: z.number().int(), rate: z.number().nullable() });
export type SlaRate = z.infer<typeof SlaRateSchema>;
export const SlaAttainmentSchema = SlaRateSchema.extend({
  byUrgency: z.object({ low: SlaRateSchema, normal: SlaRateSchema, high: SlaRateSchema }),
});
export type SlaAttainment = z.infer<typeof SlaAttainmentSchema>;

export const KpiFiguresSchema = z.object({
  /** Tickets created. */
  volume: z.number().int(),
  /** Created → accepted by an engineer. */
  firstResponse: KpiDurationSchema,
  /** Created → engineer on site. */
  timeToArrive: KpiDurationSchema,
  /** MTTR: created → resolved, over tickets resolved or closed now. */
  mttr: KpiDurationSchema,
  /** Resolved or closed now. */
  resolved: z.number().int(),
  closed: z.number().int(),
  cancelled: z.number().int(),
  /** Tickets the reporter reopened at least once. */
  reopened: z.number().int(),
  /** reopened / volume, 4 decimals; null without tickets. */
  reopenRate: z.number().nullable(),
  /** Customer satisfaction: mean score (1–5, 2 decimals) of the rated tickets, and how many gave each score (1 to 5). */
  csat: z.object({ rated: z.number().int(), average: z.number().nullable(), distribution: z.array(z.number().int()).length(5) }),
  /** Offers on these tickets that an engineer declined (grouped by engineer: the ones they declined). */
  declines: z.number().int(),
  /**
   * SLA attainment per target, from the tickets' recorded outcomes (see docs/sla.md): a clock counts as due
   * once it is decided — met before its deadline, or breached — and by the ticket's urgency now.
   */
  sla: z.object({ response: SlaAttainmentSchema, arrival: SlaAttainmentSchema, resolution: SlaAttainmentSchema }),
});
export type KpiFigures = z.infer<typeof KpiFiguresSchema>;

/** One group: its key (day, site id, category, engineer id; null = no category / no engineer) and a name to show. */
export const KpiGroupSchema = z.object({
  key: z.union([z.string(), z.number()]).nullable(),
  name: z.string().nullable(),
  kpis: KpiFiguresSchema,
});
export type KpiGroup = z.infer<typeof KpiGroupSchema>;

export const KpiReportSchema = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    timezone: z.string(),
    groupBy: KpiGroupBySchema,
    siteId: z.number().nullable(),
    category: z.string().nullable(),
    engineerId: z.number().nullable(),
  }),
  /**
   * Days up to `rolledUpThrough` come from the rollup, with ticket changes up to `rolledUpAt` (at most one
   * sweep behind); later days up to `today` are counted live from the tickets. Null: nothing rolled up yet.
   */
  freshness: z.object({ today: z.string(), rolledUpThrough: z.string().nullable(), rolledUpAt: z.string().nullable() }),
  totals: KpiFiguresSchema,
  /**
   * The queue as it stands now, whatever the period (within the site / category / engineer filter): tickets
   * not yet resolved, closed or cancelled, and those of them waiting for a dispatcher (待派单).
   */
  /** Whether the tenant has SLA targets at all (without: the dashboard shows no attainment, not 0 %). */
  slaPolicy: z.boolean(),
  now: z.object({ openBacklog: z.number().int(), awaitingDispatcher: z.number().int() }),
  /** One row per group (empty for groupBy=none); every day of the period for groupBy=day. */
  groups: z.array(KpiGroupSchema),
});
export type KpiReport = z.infer<typeof KpiReportSchema>;
