import Router from '@koa/router';
import { CreateTenantSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { byIp, rateLimit } from '../../middleware/rate-limit';
import { provisionTenant } from './provision';
import { publicPlans } from './public-plans';

/** The published plans a newcomer chooses from, and self-service signup: a company, its admin account and a plan, starting the plan's trial. Rate limited per IP. */
export function signupRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/public' });
  const limit = rateLimit(deps, { name: 'signup', limit: deps.config.billing.signupsPerHourPerIp, windowSeconds: 3600, key: byIp });
  router.post('/signup', limit, async (ctx) => {
    ctx.status = 201;
    ctx.body = await provisionTenant(deps, parse(CreateTenantSchema, ctx.request.body));
  });
  router.get('/plans', async (ctx) => {
    ctx.body = await publicPlans(deps);
  });
  return router;
}
