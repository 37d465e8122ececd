import { z } from 'zod';
import { ERRORS, type ErrorBody } from '../errors';
import { itemsSchema } from './common';
import {
  BusinessHoursSchema,
  HOLIDAY_WARNINGS,
  SLA_STATES,
  SLA_TARGETS,
  SlaTargetSchema,
  type BusinessHoursResponse,
  type SlaAtRiskResponse,
  type SlaPolicyResponse,
} from './sla';
import { EngineerViewSchema } from './admin';

/**
 * Zod schemas of answers whose TypeScript shape was first written as an interface. Each is checked
 * against that interface at compile time (`Same<…>`), so the document generated from the schema and
 * the type the server returns cannot drift apart.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Holds<T extends true> = T;

const ERROR_CODES = Object.keys(ERRORS) as [keyof typeof ERRORS, ...Array<keyof typeof ERRORS>];

/** Every error answer: a stable code, a message in the caller's language, details that depend on the code. */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});
export type ErrorBodyMatches = Holds<Same<z.infer<typeof ErrorBodySchema>, ErrorBody>>;

export const HolidayWarningSchema = z.object({
  code: z.enum(HOLIDAY_WARNINGS),
  year: z.number().int(),
  message: z.object({ zh: z.string(), en: z.string() }),
});

export const BusinessHoursViewSchema = BusinessHoursSchema.extend({
  siteId: z.number().int().nullable(),
  inherited: z.boolean(),
  version: z.number().int(),
  holidayYears: z.array(z.number().int()),
  warnings: z.array(HolidayWarningSchema),
});
export const BusinessHoursResponseSchema = z.object({ businessHours: BusinessHoursViewSchema });
export type BusinessHoursResponseMatches = Holds<Same<z.infer<typeof BusinessHoursResponseSchema>, BusinessHoursResponse>>;

export const SlaPolicyResponseSchema = z.object({ sla: z.object({ targets: z.array(SlaTargetSchema), version: z.number().int() }) });
export type SlaPolicyResponseMatches = Holds<Same<z.infer<typeof SlaPolicyResponseSchema>, SlaPolicyResponse>>;

export const SlaAtRiskItemSchema = z.object({
  number: z.string(),
  status: z.string(),
  urgency: z.string(),
  siteId: z.number().int(),
  target: z.enum(SLA_TARGETS),
  dueAt: z.string().nullable(),
  state: z.enum(SLA_STATES),
  remainingSeconds: z.number(),
});
export const SlaAtRiskResponseSchema = z.object({
  items: z.array(SlaAtRiskItemSchema),
  withinMinutes: z.number().int(),
  truncated: z.boolean(),
});
export type SlaAtRiskResponseMatches = Holds<Same<z.infer<typeof SlaAtRiskResponseSchema>, SlaAtRiskResponse>>;

export const EngineerListResponseSchema = itemsSchema(EngineerViewSchema);
export const EngineerResponseSchema = z.object({ engineer: EngineerViewSchema });
