import Router from '@koa/router';
import { LoginSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { login } from './auth.service';

export function authRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/auth' });
  router.post('/login', async (ctx) => {
    ctx.body = await login(deps, parse(LoginSchema, ctx.request.body));
  });
  return router;
}
