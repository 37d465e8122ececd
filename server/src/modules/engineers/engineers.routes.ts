import Router from '@koa/router';
import { EngineerInputSchema, EngineerUpdateSchema, IdParamSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
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
  router.delete('/:id', write, async (ctx) => {
    await removeEngineer(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id);
    ctx.status = 204;
  });
  return router;
}
