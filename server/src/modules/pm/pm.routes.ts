import Router from '@koa/router';
import {
  IdSchema,
  TicketNumberSchema,
  PmOverdueQuerySchema,
  PmPlanInputSchema,
  PmPlanPatchSchema,
  PmRangeQuerySchema,
  type PmCompliance,
  type PmOccurrenceList,
  type PmOverduePage,
  type PmPlanList,
  type PmPlanResponse,
  type PmVisitResponse,
} from '@baoxiu/shared';
import { z } from 'zod';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { moduleGuard } from '../../middleware/module-guard';
import { createPlan, getPlan, listPlans, updatePlan } from './pm.plans';
import { listOccurrences } from './pm.occurrences';
import { pmCompliance } from './pm.compliance';
import { getVisit } from './pm.visits';
import { listOverdue } from './pm.overdue';

const IdParams = z.object({ id: IdSchema });

/** Preventive maintenance: admins and dispatchers write plans, engineers read them; all behind the 'pm' module. */
export function pmRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/pm' });
  const read = [requireStaff(deps, 'pm:read'), moduleGuard<StaffState>(deps, 'pm')] as const;
  const write = [requireStaff(deps, 'pm:write'), moduleGuard<StaffState>(deps, 'pm')] as const;
  router.post('/plans', ...write, async (ctx) => {
    const body: PmPlanResponse = { plan: await createPlan(deps, ctx.state.actor.tenantId, parse(PmPlanInputSchema, ctx.request.body)) };
    ctx.status = 201;
    ctx.body = body;
  });
  router.get('/plans', ...read, async (ctx) => {
    const body: PmPlanList = { items: await listPlans(deps, ctx.state.actor.tenantId) };
    ctx.body = body;
  });
  router.get('/plans/:id', ...read, async (ctx) => {
    const { id } = parse(IdParams, ctx.params);
    const body: PmPlanResponse = { plan: await getPlan(deps, ctx.state.actor.tenantId, id) };
    ctx.body = body;
  });
  router.patch('/plans/:id', ...write, async (ctx) => {
    const { id } = parse(IdParams, ctx.params);
    const body: PmPlanResponse = { plan: await updatePlan(deps, ctx.state.actor.tenantId, id, parse(PmPlanPatchSchema, ctx.request.body)) };
    ctx.body = body;
  });
  router.get('/occurrences', ...read, async (ctx) => {
    const body: PmOccurrenceList = await listOccurrences(deps, ctx.state.actor.tenantId, parse(PmRangeQuerySchema, ctx.query));
    ctx.body = body;
  });
  router.get('/overdue', ...read, async (ctx) => {
    const body: PmOverduePage = await listOverdue(deps, ctx.state.actor.tenantId, parse(PmOverdueQuerySchema, ctx.query));
    ctx.body = body;
  });
  router.get('/compliance', ...read, async (ctx) => {
    const body: PmCompliance = await pmCompliance(deps, ctx.state.actor.tenantId, parse(PmRangeQuerySchema, ctx.query));
    ctx.body = body;
  });
  router.get('/visits/:number', ...read, async (ctx) => {
    const { number } = parse(z.object({ number: TicketNumberSchema }), ctx.params);
    const body: PmVisitResponse = { visit: await getVisit(deps, ctx.state.actor.tenantId, number) };
    ctx.body = body;
  });
  return router;
}
