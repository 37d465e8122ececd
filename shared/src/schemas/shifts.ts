import { z } from 'zod';
import { DateOnlySchema } from './common';
import { WeekFramesSchema, type WeekFrames } from './sla';

/**
 * The manual on-duty switch of an engineer with shifts: "on" and "off" win over the shift pattern and the leave
 * days; "none" lets the pattern decide. Engineers without a pattern keep the plain `onDuty` switch.
 */
export const DUTY_OVERRIDES = ['none', 'on', 'off'] as const;
export type DutyOverride = (typeof DUTY_OVERRIDES)[number];

/** `PUT /api/engineers/:id/shifts`: a weekly pattern (frames per weekday, overnight allowed) and leave days. */
export const EngineerShiftsSchema = z.object({
  /** Null: no pattern, the engineer's `onDuty` switch decides (as without shifts). */
  week: WeekFramesSchema.nullable(),
  /** Days off (the tenant's calendar days); a frame belongs to the day it starts on. */
  leaveDays: z
    .array(DateOnlySchema)
    .max(400)
    .default([])
    .refine((d) => new Set(d).size === d.length, 'each leave day once'),
  dutyOverride: z.enum(DUTY_OVERRIDES).default('none'),
});
export type EngineerShiftsInput = z.infer<typeof EngineerShiftsSchema>;

export const EngineerShiftsViewSchema = z.object({
  engineerId: z.number(),
  week: WeekFramesSchema.nullable(),
  leaveDays: z.array(z.string()),
  dutyOverride: z.enum(DUTY_OVERRIDES),
  /** The `onDuty` switch (decides when there is no pattern and no override). */
  onDutySwitch: z.boolean(),
  /** Whether the engineer is on duty right now, in the tenant's time zone. */
  onDutyNow: z.boolean(),
  /** The tenant's zone the frames and leave days are read in. */
  timezone: z.string(),
});
export type EngineerShifts = z.infer<typeof EngineerShiftsViewSchema> & { week: WeekFrames | null };

/** GET / PUT /api/engineers/:id/shifts */
export const EngineerShiftsResponseSchema = z.object({ shifts: EngineerShiftsViewSchema });
export type EngineerShiftsResponse = z.infer<typeof EngineerShiftsResponseSchema>;
