import {
  PmComplianceSchema,
  PmOccurrenceListSchema,
  PmOverduePageSchema,
  PmOverdueQuerySchema,
  PmPlanInputSchema,
  PmPlanListSchema,
  PmPlanPatchSchema,
  PmPlanResponseSchema,
  PmRangeQuerySchema,
  PmVisitResponseSchema,
} from '@baoxiu/shared';
import { created, ok, type Catalog } from './types';

export const PM_CATALOG: Catalog = {
  'POST /api/pm/plans': {
    summary: 'A preventive maintenance plan: targets, RRULE, holiday policy, lead days, checklist (plan module `pm`)',
    tag: 'pm',
    access: 'pm:write',
    body: PmPlanInputSchema,
    replies: [created(PmPlanResponseSchema)],
  },
  'GET /api/pm/plans': { summary: 'The plans', tag: 'pm', access: 'pm:read', replies: [ok(PmPlanListSchema)] },
  'GET /api/pm/plans/:id': { summary: 'One plan', tag: 'pm', access: 'pm:read', replies: [ok(PmPlanResponseSchema)] },
  'PATCH /api/pm/plans/:id': {
    summary: 'Edit, pause or resume a plan',
    tag: 'pm',
    access: 'pm:write',
    body: PmPlanPatchSchema,
    replies: [ok(PmPlanResponseSchema)],
  },
  'GET /api/pm/occurrences': {
    summary: 'The visits due in a range (projected and generated, with their tickets): the console calendar',
    tag: 'pm',
    access: 'pm:read',
    query: PmRangeQuerySchema,
    replies: [ok(PmOccurrenceListSchema)],
  },
  'GET /api/pm/compliance': {
    summary: 'PM compliance (done by the due date) per site and category, and the overdue visits',
    tag: 'pm',
    access: 'pm:read',
    query: PmRangeQuerySchema,
    replies: [ok(PmComplianceSchema)],
  },
  'GET /api/pm/overdue': {
    summary:
      'Overdue PM: visits past their due date whose ticket is not resolved, closed or cancelled, oldest first, paged (optional siteId, planId)',
    tag: 'pm',
    access: 'pm:read',
    query: PmOverdueQuerySchema,
    replies: [ok(PmOverduePageSchema)],
  },
  'GET /api/pm/visits/:number': {
    summary: "A preventive ticket's visit: the plan's checklist with item ids, stored results, corrective ticket",
    tag: 'pm',
    access: 'pm:read',
    replies: [ok(PmVisitResponseSchema)],
  },
};
