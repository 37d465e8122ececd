import type { PlanModule } from '@baoxiu/shared';
import type Koa from 'koa';
import type { Deps } from '../deps';

/**
 * A route of a plan module: 403 MODULE_NOT_IN_PLAN (details: module) when the tenant's plan lacks it. Put it after
 * requireStaff, which sets the actor: `router.get('/articles', requireStaff(deps, 'kb:read'), moduleGuard(deps, 'kb'), …)`.
 */
export function moduleGuard<S extends { actor: { tenantId: number } }>(deps: Deps, module: PlanModule): Koa.Middleware<S> {
  return async (ctx, next) => {
    await deps.requireModule(ctx.state.actor.tenantId, module);
    await next();
  };
}
