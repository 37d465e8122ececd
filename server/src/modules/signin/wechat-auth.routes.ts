import Router from '@koa/router';
import { IdParamSchema, InviteCreateSchema, SubscriptionResultsSchema, WechatBindSchema, WechatSignInSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { listStaffWechat, myWechatStatus, reportStaffSubscriptions } from '../notifications/subscriptions.service';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { bindWechat, createInvite, unbindWechat, wechatSignIn } from './wechat-auth.service';
import { guardSignIn } from '../auth/login-guard';

/** Sign-in with WeChat: Taro.login's code for a session; an invite plus a code to bind a staff account. */
export function wechatAuthRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/auth/wechat' });
  router.post('/', async (ctx) => {
    const input = parse(WechatSignInSchema, ctx.request.body);
    ctx.body = await guardSignIn(deps, { ip: ctx.ip || 'unknown' }, () => wechatSignIn(deps, input));
  });
  router.post('/bind', async (ctx) => {
    const input = parse(WechatBindSchema, ctx.request.body);
    ctx.body = await guardSignIn(deps, { ip: ctx.ip || 'unknown' }, () => bindWechat(deps, input));
  });
  return router;
}

/** Staff WeChat: admins invite and unbind; everyone reports their own subscriptions. */
export function staffWechatRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>();
  const admin = requireStaff(deps, 'staff:invite');
  const self = requireStaff(deps, 'wechat:self');
  router.get('/api/staff/wechat', requireStaff(deps, 'engineers:read'), async (ctx) => {
    ctx.body = await listStaffWechat(deps, ctx.state.actor.tenantId);
  });
  router.post('/api/staff/:id/wechat-invite', admin, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    ctx.status = 201;
    ctx.body = await createInvite(deps, ctx.state.actor, id, parse(InviteCreateSchema, ctx.request.body ?? {}));
  });
  router.delete('/api/staff/:id/wechat', admin, async (ctx) => {
    ctx.body = await unbindWechat(deps, ctx.state.actor, parse(IdParamSchema, ctx.params).id);
  });
  router.get('/api/me/wechat', self, async (ctx) => {
    ctx.body = await myWechatStatus(deps, ctx.state.actor);
  });
  router.post('/api/me/wechat/subscriptions', self, async (ctx) => {
    ctx.body = await reportStaffSubscriptions(deps, ctx.state.actor, parse(SubscriptionResultsSchema, ctx.request.body));
  });
  return router;
}
