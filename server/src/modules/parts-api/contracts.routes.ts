import Router from '@koa/router';
import { ContractInputSchema, ContractListQuerySchema, ContractUpdateSchema, IdParamSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { moduleGuard } from '../../middleware/module-guard';
import { createContract, deleteContract, listContracts, readContract, updateContract } from './contracts.service';

/** Service contracts per asset or site (module `parts`): they decide a new ticket's coverage. */
export function contractRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/contracts' });
  const read = [requireStaff(deps, 'assets:read'), moduleGuard(deps, 'parts')];
  const write = [requireStaff(deps, 'assets:write'), moduleGuard(deps, 'parts')];
  router.get('/', ...read, async (ctx) => {
    ctx.body = { items: await listContracts(deps, ctx.state.actor.tenantId, parse(ContractListQuerySchema, ctx.query)) };
  });
  router.post('/', ...write, async (ctx) => {
    ctx.status = 201;
    ctx.body = { contract: await createContract(deps, ctx.state.actor.tenantId, parse(ContractInputSchema, ctx.request.body)) };
  });
  router.get('/:id', ...read, async (ctx) => {
    ctx.body = { contract: await readContract(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id) };
  });
  router.patch('/:id', ...write, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    ctx.body = { contract: await updateContract(deps, ctx.state.actor.tenantId, id, parse(ContractUpdateSchema, ctx.request.body)) };
  });
  router.delete('/:id', ...write, async (ctx) => {
    await deleteContract(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id);
    ctx.status = 204;
  });
  return router;
}
