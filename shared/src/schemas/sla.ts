import { z } from 'zod';
import { TimeZoneSchema } from './public-url';
import { DateOnlySchema, IdSchema, UrgencySchema } from './common';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A wall-clock time "HH:MM"; "24:00" is allowed as the end of a frame only. */
export const ClockTimeSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time HH:MM');

/** A working time frame [start, end): an end at or before the start runs overnight into the next day. */
export const TimeFrameSchema = z
  .tuple([ClockTimeSchema, ClockTimeSchema])
  .refine(([start]) => start !== '24:00', 'a frame cannot start at 24:00')
  .refine(([start, end]) => start !== end, 'a frame needs a length (use 00:00–24:00 for a whole day)');
export type TimeFrame = z.infer<typeof TimeFrameSchema>;

const DayFramesSchema = z.array(TimeFrameSchema).max(8);

export const WeekFramesSchema = z.object({
  mon: DayFramesSchema,
  tue: DayFramesSchema,
  wed: DayFramesSchema,
  thu: DayFramesSchema,
  fri: DayFramesSchema,
  sat: DayFramesSchema,
  sun: DayFramesSchema,
});
export type WeekFrames = z.infer<typeof WeekFramesSchema>;

const DayListSchema = z.array(DateOnlySchema).max(400);

/** `PUT /api/settings/business-hours`: one tenant's (or one site's) working calendar. */
export const BusinessHoursSchema = z
  .object({
    timezone: TimeZoneSchema,
    week: WeekFramesSchema,
    /** "cn": China's statutory holidays and 调休 make-up workdays; "none": the week alone (e.g. a 24×7 calendar). */
    holidays: z.enum(['cn', 'none']),
    /** Company holidays: no working time that day. */
    extraHolidays: DayListSchema.default([]),
    /** Extra workdays (worked with Monday's frames when the weekday has none). */
    extraWorkdays: DayListSchema.default([]),
    /** Statutory holidays or make-up workdays this tenant does not observe: the day follows the week instead. */
    ignoredStatutoryDays: DayListSchema.default([]),
  })
  .refine((h) => {
    const all = [...new Set(h.extraHolidays), ...new Set(h.extraWorkdays), ...new Set(h.ignoredStatutoryDays)];
    return new Set(all).size === all.length;
  }, 'a day may be in one list only (extraHolidays, extraWorkdays, ignoredStatutoryDays)');
export type BusinessHoursInput = z.infer<typeof BusinessHoursSchema>;

export const BusinessHoursQuerySchema = z.object({ siteId: IdSchema.optional() });

export const HOLIDAY_WARNINGS = ['HOLIDAY_YEAR_MISSING'] as const;

/** A year the calendar needs (this one or the next) for which no statutory holiday data is stored. */
export interface HolidayWarning {
  code: (typeof HOLIDAY_WARNINGS)[number];
  year: number;
  message: { zh: string; en: string };
}

export interface BusinessHours extends BusinessHoursInput {
  /** Null for the tenant's own calendar; a site id when the site overrides it. */
  siteId: number | null;
  /** True when a site has no calendar of its own and this answer is the tenant's. */
  inherited: boolean;
  version: number;
  /** Years with statutory data stored (holidays "cn"). */
  holidayYears: number[];
  warnings: HolidayWarning[];
}

export interface BusinessHoursResponse {
  businessHours: BusinessHours;
}

export const SLA_TARGETS = ['response', 'arrival', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGETS)[number];

const Minutes = z.number().int().min(1).max(525_600);

export const ESCALATION_ACTIONS = [
  'notify_dispatcher',
  'notify_admin',
  'raise_urgency',
  'reassign_pool',
  'assign_backup',
  'to_dispatcher',
] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/** A level fires when the clock is `offsetMinutes` business minutes from its deadline (negative: before it). */
export const EscalationLevelSchema = z
  .object({
    offsetMinutes: z.number().int().min(-525_600).max(525_600),
    actions: z.array(z.enum(ESCALATION_ACTIONS)).min(1).max(6),
    /** The engineer `assign_backup` hands the job to (required with that action). */
    backupEngineerId: IdSchema.optional(),
  })
  .refine((l) => !l.actions.includes('assign_backup') || l.backupEngineerId !== undefined, {
    message: 'assign_backup needs backupEngineerId',
    path: ['backupEngineerId'],
  });
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;

export const SlaTargetSchema = z.object({
  urgency: UrgencySchema,
  category: z.string().trim().min(1).max(50).optional(),
  siteId: IdSchema.optional(),
  responseMinutes: Minutes,
  arrivalMinutes: Minutes.optional(),
  resolutionMinutes: Minutes,
  warnAtPercent: z.number().int().min(1).max(99).default(80),
  /** Statuses in which this target's clocks pause besides waiting_customer. */
  pauseStatuses: z
    .array(z.enum(['new', 'offered', 'accepted', 'en_route', 'on_site']))
    .max(5)
    .default([]),
  /** Absent: warn the dispatcher at warnAtPercent, escalate to dispatcher and admin at the deadline. */
  levels: z.array(EscalationLevelSchema).max(6).optional(),
});
export type SlaTargetInput = z.infer<typeof SlaTargetSchema>;

export const SlaPolicySchema = z.object({ targets: z.array(SlaTargetSchema).max(200) }).refine((p) => {
  const keys = p.targets.map((t) => `${t.urgency}|${t.category ?? ''}|${t.siteId ?? ''}`);
  return new Set(keys).size === keys.length;
}, 'each (urgency, category, site) may appear once');
export type SlaPolicyInput = z.infer<typeof SlaPolicySchema>;

export interface SlaPolicyResponse {
  sla: { targets: SlaTargetInput[]; version: number };
}

export const SLA_STATES = ['running', 'paused', 'met', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** One target's clock as a staff answer shows it. */
export const SlaClockViewSchema = z.object({
  /** Null while paused (the deadline moves with the pause). */
  dueAt: z.string().nullable(),
  state: z.enum(SLA_STATES),
  /** Business seconds the clock spent paused. */
  pausedSeconds: z.number(),
  /** Business seconds left until due (negative once breached). */
  remainingSeconds: z.number(),
});
export type SlaClockView = z.infer<typeof SlaClockViewSchema>;

/** Null for a target the ticket has no clock for (no matching SLA target, no arrival minutes, cancelled). */
export const TicketSlaSchema = z.object({
  response: SlaClockViewSchema.nullable(),
  arrival: SlaClockViewSchema.nullable(),
  resolution: SlaClockViewSchema.nullable(),
});
export type TicketSla = z.infer<typeof TicketSlaSchema>;

export const NO_SLA: TicketSla = { response: null, arrival: null, resolution: null };

/** `GET /api/sla/at-risk`: open tickets whose running clock is due within this many business minutes (or overdue). */
export const SlaAtRiskQuerySchema = z.object({
  withinMinutes: z.coerce.number().int().min(1).max(1440).default(120),
});
export type SlaAtRiskQuery = z.infer<typeof SlaAtRiskQuerySchema>;

export interface SlaAtRiskItem {
  number: string;
  status: string;
  urgency: string;
  siteId: number;
  target: SlaTargetKind;
  dueAt: string | null;
  state: SlaState;
  remainingSeconds: number;
}

export interface SlaAtRiskResponse {
  items: SlaAtRiskItem[];
  withinMinutes: number;
  /** True when more tickets were at risk than the list holds (the most urgent come first). */
  truncated: boolean;
}
