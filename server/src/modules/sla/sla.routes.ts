import Router from '@koa/router';
import { BusinessHoursQuerySchema, BusinessHoursSchema, SlaPolicySchema, type BusinessHoursResponse } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { getBusinessHours, putBusinessHours } from './calendar.service';
import { getSlaPolicy, putSlaPolicy } from './policy.service';
import { moduleGuard } from '../../middleware/module-guard';

/** `?siteId=` reads or writes one site's override; without it, the tenant's own calendar. */
export function slaSettingsRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/settings' });
  router.get('/business-hours', requireStaff(deps, 'settings:read'), async (ctx) => {
    const { siteId } = parse(BusinessHoursQuerySchema, ctx.query);
    const body: BusinessHoursResponse = { businessHours: await getBusinessHours(deps, ctx.state.actor.tenantId, siteId ?? null) };
    ctx.body = body;
  });
  router.put('/business-hours', requireStaff(deps, 'settings:write'), async (ctx) => {
    const { siteId } = parse(BusinessHoursQuerySchema, ctx.query);
    const input = parse(BusinessHoursSchema, ctx.request.body);
    const body: BusinessHoursResponse = { businessHours: await putBusinessHours(deps, ctx.state.actor.tenantId, siteId ?? null, input) };
    ctx.body = body;
  });
  router.get('/sla', requireStaff(deps, 'settings:read'), moduleGuard(deps, 'sla'), async (ctx) => {
    ctx.body = await getSlaPolicy(deps, ctx.state.actor.tenantId);
  });
  router.put('/sla', requireStaff(deps, 'settings:write'), moduleGuard(deps, 'sla'), async (ctx) => {
    ctx.body = await putSlaPolicy(deps, ctx.state.actor.tenantId, parse(SlaPolicySchema, ctx.request.body));
  });
  return router;
}
