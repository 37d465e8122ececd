import Router from '@koa/router';
import { DevCodeResponseSchema, DevLoginCodeSchema, DevPhoneCodeSchema } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';

/**
 * The documented dev sign-in for the H5 build, where Taro.login does not exist: while the server talks
 * to the local WeChat stand-in, these mint the codes a phone's WeChat would hand the mini-program. The
 * codes then go through the real path (POST /api/auth/wechat → jscode2session). With the real WeChat
 * configured they answer 404.
 */
export function devWechatRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/dev/wechat' });
  const mint = async (path: string, body: object) => {
    const base = deps.config.wechat.apiBase;
    if (deps.wechatMode !== 'standin' || !base) throw new AppError('NOT_FOUND');
    const res = await fetch(`${base.replace(/\/+$/, '')}/__standin/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new AppError('WECHAT_UNAVAILABLE');
    const { code } = parse(DevCodeResponseSchema, await res.json());
    return { code };
  };
  router.post('/login-code', async (ctx) => {
    ctx.body = await mint('login-code', parse(DevLoginCodeSchema, ctx.request.body));
  });
  router.post('/phone-code', async (ctx) => {
    ctx.body = await mint('phone-code', parse(DevPhoneCodeSchema, ctx.request.body));
  });
  return router;
}
