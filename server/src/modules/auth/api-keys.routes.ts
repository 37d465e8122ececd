import Router from '@koa/router';
import { ApiKeyInputSchema, IdParamSchema } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { parse } from '../../lib/validate';
import { moduleGuard } from '../../middleware/module-guard';
import { requireStaff, type StaffState } from './auth.middleware';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service';

/** Integration keys (the `api` plan module): admins list, make and revoke them; a key cannot manage keys. */
export function apiKeyRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/settings/api-keys' });
  const admin = [requireStaff(deps, 'settings:write'), moduleGuard(deps, 'api')] as const;
  router.get('/', ...admin, async (ctx) => {
    ctx.body = await listApiKeys(deps, ctx.state.actor.tenantId);
  });
  router.post('/', ...admin, async (ctx) => {
    ctx.status = 201;
    ctx.body = await createApiKey(deps, ctx.state.actor, parse(ApiKeyInputSchema, ctx.request.body));
  });
  router.post('/:id/revoke', ...admin, async (ctx) => {
    ctx.body = { apiKey: await revokeApiKey(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id) };
  });
  return router;
}
