import { z } from 'zod';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const PM_HOLIDAY_POLICIES = ['ignore', 'skip', 'forward', 'back'] as const;
export type PmHolidayPolicy = (typeof PM_HOLIDAY_POLICIES)[number];

export const PmChecklistItemInputSchema = z.object({
  id: z.string().min(1).max(40).optional(),
  label: z.string().trim().min(1).max(200),
  kind: z.enum(['check', 'number', 'text', 'photo']),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  required: z.boolean(),
}).refine((i) => i.min === undefined || i.max === undefined || i.min <= i.max, { message: 'min must not exceed max', path: ['min'] });
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
});
export type PmOccurrence = z.infer<typeof PmOccurrenceSchema>;
export const PmOccurrenceListSchema = z.object({ items: z.array(PmOccurrenceSchema) });
