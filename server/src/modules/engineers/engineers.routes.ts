import Router from '@koa/router';
import { EngineerInputSchema, EngineerShiftsSchema, EngineerUpdateSchema, IdParamSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { getShifts, putShifts } from '../dispatch/shifts.service';
import { createEngineer, listEngineers, removeEngineer, updateEngineer, viewEngineer } from './engineers.service';

export function engineerRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/engineers' });
  const read = requireStaff(deps, 'engineers:read');
  const write = requireStaff(deps, 'engineers:write');
  router.get('/', read, async (ctx) => {
    ctx.body = { items: await listEngineers(deps, ctx.state.actor.tenantId) };
  });
  router.get('/:id', read, async (ctx) => {
    ctx.body = { engineer: await viewEngineer(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id) };
  });
  router.post('/', write, async (ctx) => {
    const input = parse(EngineerInputSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = { engineer: await createEngineer(deps, ctx.state.actor.tenantId, input) };
  });
  router.patch('/:id', write, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const input = parse(EngineerUpdateSchema, ctx.request.body);
    ctx.body = { engineer: await updateEngineer(deps, ctx.state.actor.tenantId, id, input) };
  });
  // Shifts: admins write; dispatchers read anyone's; an engineer reads their own (another's is 404).
  router.get('/:id/shifts', requireStaff(deps, 'shifts:read'), async (ctx) => {
    ctx.body = { shifts: await getShifts(deps, ctx.state.actor, parse(IdParamSchema, ctx.params).id) };
  });
  router.put('/:id/shifts', write, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const input = parse(EngineerShiftsSchema, ctx.request.body);
    ctx.body = { shifts: await putShifts(deps, ctx.state.actor.tenantId, id, input) };
  });
  router.delete('/:id', write, async (ctx) => {
    await removeEngineer(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id);
    ctx.status = 204;
  });
  return router;
}
