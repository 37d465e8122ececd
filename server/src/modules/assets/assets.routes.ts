import Router from '@koa/router';
import {
  AssetInputSchema,
  AssetListQuerySchema,
  AssetUpdateSchema,
  IdParamSchema,
  SiteInputSchema,
  SiteUpdateSchema,
} from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { createSite, deleteSite, getSite, listSites, updateSite } from './sites.service';
import { createAsset, deleteAsset, listAssets, updateAsset } from './assets.service';
import { presentSite } from './assets.presenter';

export function siteRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/sites' });
  const read = requireStaff(deps, 'assets:read');
  const write = requireStaff(deps, 'assets:write');
  router.get('/', read, async (ctx) => {
    ctx.body = { items: await listSites(deps, ctx.state.actor.tenantId) };
  });
  router.get('/:id', read, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    ctx.body = { site: presentSite(await getSite(deps, ctx.state.actor.tenantId, id)) };
  });
  router.post('/', write, async (ctx) => {
    ctx.status = 201;
    ctx.body = { site: await createSite(deps, ctx.state.actor.tenantId, parse(SiteInputSchema, ctx.request.body)) };
  });
  router.patch('/:id', write, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const input = parse(SiteUpdateSchema, ctx.request.body);
    ctx.body = { site: await updateSite(deps, ctx.state.actor.tenantId, id, input) };
  });
  router.delete('/:id', write, async (ctx) => {
    await deleteSite(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id);
    ctx.status = 204;
  });
  return router;
}

export function assetRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/assets' });
  const read = requireStaff(deps, 'assets:read');
  const write = requireStaff(deps, 'assets:write');
  router.get('/', read, async (ctx) => {
    ctx.body = await listAssets(deps, ctx.state.actor.tenantId, parse(AssetListQuerySchema, ctx.query));
  });
  router.post('/', write, async (ctx) => {
    ctx.status = 201;
    ctx.body = { asset: await createAsset(deps, ctx.state.actor.tenantId, parse(AssetInputSchema, ctx.request.body)) };
  });
  router.patch('/:id', write, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const input = parse(AssetUpdateSchema, ctx.request.body);
    ctx.body = { asset: await updateAsset(deps, ctx.state.actor.tenantId, id, input) };
  });
  router.delete('/:id', write, async (ctx) => {
    await deleteAsset(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id);
    ctx.status = 204;
  });
  return router;
}
