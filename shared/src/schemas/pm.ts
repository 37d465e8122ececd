import { z } from 'zod';
import { PaginationQuerySchema, pageSchema } from './common';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PM_HOLIDAY_POLICIES = ['ignore', 'skip', 'forward', 'back'] as const;
export type PmHolidayPolicy = (typeof PM_HOLIDAY_POLICIES)[number];

export const PmChecklistItemInputSchema = z
  .object({
    id: z.string().min(1).max(40).optional(),
    label: z.string().trim().min(1).max(200),
    kind: z.enum(['check', 'number', 'text', 'photo']),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    required: z.boolean(),
  })
  .refine((i) => i.min === undefined || i.max === undefined || i.min <= i.max, { message: 'min must not exceed max', path: ['min'] });
export type PmChecklistItemInput = z.infer<typeof PmChecklistItemInputSchema>;

export const PmPlanInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  target: z.object({
    assetIds: z.array(z.number().int().positive()).max(10_000).optional(),
    siteId: z.number().int().positive().optional(),
    category: z.string().trim().min(1).max(60).optional(),
  }),
  rrule: z.string().trim().min(1).max(500),
  startsOn: IsoDay,
  basedOn: z.enum(['schedule', 'completion']),
  leadDays: z.number().int().min(0).max(365),
  holidayPolicy: z.enum(PM_HOLIDAY_POLICIES),
  checklist: z.array(PmChecklistItemInputSchema).max(100),
});
export type PmPlanInput = z.infer<typeof PmPlanInputSchema>;

export const PmOccurrenceSchema = z.object({
  planId: z.number().int(),
  assetId: z.number().int(),
  dueOn: IsoDay,
  ticketNumber: z.string().optional(),
  /** Generated after its due date had passed (the worker was down when it should have been): overdue from the start. */
  late: z.boolean().optional(),
});
export type PmOccurrence = z.infer<typeof PmOccurrenceSchema>;
/** `truncated`: more than MAX_PM_OCCURRENCES visits fell in the window; ask for a narrower one. */
export const PmOccurrenceListSchema = z.object({ items: z.array(PmOccurrenceSchema), truncated: z.boolean().optional() });
export const MAX_PM_OCCURRENCES = 100_000;

/** A checklist item as stored: the id is stable across edits, so answers name items, not positions. */
export const PmChecklistItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['check', 'number', 'text', 'photo']),
  min: z.number().optional(),
  max: z.number().optional(),
  required: z.boolean(),
});
export type PmChecklistItem = z.infer<typeof PmChecklistItemSchema>;

/** PATCH /api/pm/plans/:id: any field of the plan, and `active` to pause or resume it. */
export const PmPlanPatchSchema = PmPlanInputSchema.partial().extend({ active: z.boolean().optional() });
export type PmPlanPatch = z.infer<typeof PmPlanPatchSchema>;

export const PmPlanSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  target: z.object({
    assetIds: z.array(z.number().int()).optional(),
    siteId: z.number().int().optional(),
    category: z.string().optional(),
  }),
  rrule: z.string(),
  startsOn: IsoDay,
  basedOn: z.enum(['schedule', 'completion']),
  leadDays: z.number().int(),
  holidayPolicy: z.enum(PM_HOLIDAY_POLICIES),
  checklist: z.array(PmChecklistItemSchema),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PmPlan = z.infer<typeof PmPlanSchema>;
export const PmPlanResponseSchema = z.object({ plan: PmPlanSchema });
export type PmPlanResponse = z.infer<typeof PmPlanResponseSchema>;
export const PmPlanListSchema = z.object({ items: z.array(PmPlanSchema) });
export type PmPlanList = z.infer<typeof PmPlanListSchema>;

/** ?from&to for occurrences and compliance: inclusive local days, at most 400 days apart (PM_RANGE_TOO_WIDE). */
export const PmRangeQuerySchema = z
  .object({ from: IsoDay, to: IsoDay })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type PmRangeQuery = z.infer<typeof PmRangeQuerySchema>;
export type PmOccurrenceList = z.infer<typeof PmOccurrenceListSchema>;

/** One answer on the engineer's resolve of a preventive job: true/false for check, a number, text, or a photo id. */
export const PmChecklistAnswerSchema = z.object({
  itemId: z.string().min(1).max(40),
  value: z.union([z.boolean(), z.number().finite(), z.string().max(2000)]),
});
export type PmChecklistAnswer = z.infer<typeof PmChecklistAnswerSchema>;

export const PmComplianceRowSchema = z.object({
  siteId: z.number().int(),
  site: z.string(),
  category: z.string().nullable(),
  due: z.number().int(),
  doneOnTime: z.number().int(),
  doneLate: z.number().int(),
  /** Done by the due date, % of those due in the window (null when none were due). */
  compliancePct: z.number().nullable(),
});
export const PmOverdueSchema = z.object({
  planId: z.number().int(),
  assetId: z.number().int(),
  dueOn: IsoDay,
  ticketNumber: z.string().nullable(),
  status: z.string().nullable(),
});
export const PmComplianceSchema = z.object({
  from: IsoDay,
  to: IsoDay,
  rows: z.array(PmComplianceRowSchema),
  overdue: z.array(PmOverdueSchema),
});
export type PmCompliance = z.infer<typeof PmComplianceSchema>;

/** GET /api/pm/visits/:number — what the engineer fills on a preventive job, and what was filled. */
export const PmVisitSchema = z.object({
  ticketNumber: z.string(),
  planId: z.number().int(),
  planName: z.string(),
  assetId: z.number().int(),
  dueOn: IsoDay,
  checklist: z.array(PmChecklistItemSchema),
  results: z
    .object({
      answers: z.array(PmChecklistAnswerSchema),
      failed: z.array(z.string()),
      at: z.string(),
    })
    .nullable(),
  correctiveTicketNumber: z.string().nullable(),
});
export type PmVisit = z.infer<typeof PmVisitSchema>;
export const PmVisitResponseSchema = z.object({ visit: PmVisitSchema });
export type PmVisitResponse = z.infer<typeof PmVisitResponseSchema>;

/** GET /api/pm/overdue — visits past their due date whose ticket is not resolved, closed or cancelled, oldest first. */
export const PmOverdueQuerySchema = PaginationQuerySchema.extend({
  siteId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  planId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type PmOverdueQuery = z.infer<typeof PmOverdueQuerySchema>;
export const PmOverdueItemSchema = z.object({
  planId: z.number().int(),
  planName: z.string(),
  assetId: z.number().int(),
  assetName: z.string(),
  assetCode: z.string(),
  siteId: z.number().int(),
  site: z.string(),
  dueOn: IsoDay,
  ticketNumber: z.string().nullable(),
  status: z.string().nullable(),
  /** Whole tenant days since the due date (1 the day after). */
  daysOverdue: z.number().int(),
  /** Generated only after it was already past due (see PmOccurrenceSchema.late). */
  late: z.boolean(),
});
export type PmOverdueItem = z.infer<typeof PmOverdueItemSchema>;
export const PmOverduePageSchema = pageSchema(PmOverdueItemSchema);
export type PmOverduePage = z.infer<typeof PmOverduePageSchema>;
