import { z } from 'zod';
import { IdSchema, PhoneSchema, RoleSchema } from './common';

const SkillsSchema = z.array(z.string().trim().min(1).max(50)).max(50);
const SiteIdsSchema = z.array(IdSchema).max(500);
export const StaffPasswordSchema = z.string().min(6, 'at least 6 characters').max(200);

/** `POST /api/staff`: an engineer, dispatcher or admin account; skills, sites and duty matter for engineers only. */
export const StaffCreateSchema = z.object({
  role: RoleSchema,
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  name: z.string().trim().min(1).max(50),
  password: StaffPasswordSchema,
  phone: PhoneSchema.nullable().optional(),
  skills: SkillsSchema.default([]),
  siteIds: SiteIdsSchema.default([]),
  onDuty: z.boolean().default(true),
});
export type StaffCreateInput = z.infer<typeof StaffCreateSchema>;

/** `PATCH /api/staff/:id`: the username stays (it is how they sign in); the password has its own route. */
export const StaffUpdateSchema = z.object({
  role: RoleSchema.optional(),
  name: z.string().trim().min(1).max(50).optional(),
  phone: PhoneSchema.nullable().optional(),
  skills: SkillsSchema.optional(),
  siteIds: SiteIdsSchema.optional(),
  onDuty: z.boolean().optional(),
});
export type StaffUpdateInput = z.infer<typeof StaffUpdateSchema>;

export const StaffPasswordResetSchema = z.object({ password: StaffPasswordSchema });
export type StaffPasswordResetInput = z.infer<typeof StaffPasswordResetSchema>;

export const StaffViewSchema = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  phone: z.string().nullable(),
  skills: z.array(z.string()),
  siteIds: z.array(z.number()),
  /** The raw on-duty switch (what PATCH sets; decides only without a shift pattern and override). */
  onDuty: z.boolean(),
  /** On duty right now: shifts (pattern, leave days, override) in the tenant's zone, else the switch. */
  onDutyNow: z.boolean(),
  /** False once disabled: they cannot sign in and are never offered a job. */
  active: z.boolean(),
  /** Accepted, travelling, on site or waiting jobs (engineers). */
  openJobs: z.number(),
  createdAt: z.string(),
});
export type StaffView = z.infer<typeof StaffViewSchema>;

export const StaffListResponseSchema = z.object({ items: z.array(StaffViewSchema) });
export type StaffListResponse = z.infer<typeof StaffListResponseSchema>;
export const StaffResponseSchema = z.object({ staff: StaffViewSchema });
export type StaffResponse = z.infer<typeof StaffResponseSchema>;
