import type { z } from 'zod';
import {
  PmComplianceSchema,
  PmOccurrenceListSchema,
  PmOverduePageSchema,
  PmPlanListSchema,
  PmPlanResponseSchema,
  type PmCompliance,
  type PmOverduePage,
  type PmOccurrence,
  type PmPlan,
  type PmPlanInputSchema,
  type PmPlanPatchSchema,
} from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL } from './console';

export type { PmCompliance, PmOccurrence, PmOverduePage, PmPlan };
export type PmPlanBody = z.input<typeof PmPlanInputSchema>;
export type PmPlanChanges = z.input<typeof PmPlanPatchSchema>;

/** GET /api/pm/plans */
export async function listPmPlans(): Promise<PmPlan[]> {
  return (await request({ method: 'GET', path: '/api/pm/plans', schema: PmPlanListSchema, ...CONSOLE_CALL })).items;
}

/** POST /api/pm/plans → 201 { plan } */
export async function createPmPlan(body: PmPlanBody): Promise<PmPlan> {
  return (await request({ method: 'POST', path: '/api/pm/plans', data: body, schema: PmPlanResponseSchema, ...CONSOLE_CALL })).plan;
}

/** PATCH /api/pm/plans/:id */
export async function updatePmPlan(id: number, body: PmPlanChanges): Promise<PmPlan> {
  return (await request({ method: 'PATCH', path: `/api/pm/plans/${id}`, data: body, schema: PmPlanResponseSchema, ...CONSOLE_CALL })).plan;
}

/** GET /api/pm/occurrences?from&to (at most 400 days) */
export async function listPmOccurrences(from: string, to: string): Promise<PmOccurrence[]> {
  return (
    await request({ method: 'GET', path: '/api/pm/occurrences', query: { from, to }, schema: PmOccurrenceListSchema, ...CONSOLE_CALL })
  ).items;
}

/** GET /api/pm/compliance?from&to */
export async function getPmCompliance(from: string, to: string): Promise<PmCompliance> {
  return request({ method: 'GET', path: '/api/pm/compliance', query: { from, to }, schema: PmComplianceSchema, ...CONSOLE_CALL });
}

/** GET /api/pm/overdue?page&pageSize: visits past due whose ticket is not resolved, closed or cancelled, oldest first. */
export async function listPmOverdue(page: number, pageSize: number): Promise<PmOverduePage> {
  return request({ method: 'GET', path: '/api/pm/overdue', query: { page, pageSize }, schema: PmOverduePageSchema, ...CONSOLE_CALL });
}
