import Router from '@koa/router';
import { LoginSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from './auth.middleware';
import { login, logout } from './auth.service';

export function authRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/auth' });
  router.post('/login', async (ctx) => {
    ctx.body = await login(deps, parse(LoginSchema, ctx.request.body), ctx.ip || 'unknown');
  });
  return router;
}

/** Sign-out; its own router, served last, because it ends the caller's session (the role matrix calls it last). */
export function sessionRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/auth' });
  router.post('/logout', requireStaff(deps, 'session:self'), async (ctx) => {
    await logout(deps, ctx.state.actor);
    ctx.status = 204;
  });
  return router;
}
