import Router from '@koa/router';
import { AssetCodeSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { lookupPublicAssetJson } from './scan.service';

/** The QR code's scan: the device and the repairs already open on it (the reporter's first request). */
export function publicAssetRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/public/assets' });
  router.get('/:code', async (ctx) => {
    const json = await lookupPublicAssetJson(deps, parse(AssetCodeSchema, ctx.params.code));
    ctx.type = 'application/json';
    ctx.body = json;
  });
  return router;
}
