import Router from '@koa/router';
import { TenantSettingsUpdateSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { getTenant, updateSettings } from './tenants.service';
import { presentSettings } from './tenants.presenter';

export function settingsRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/settings' });
  router.get('/', requireStaff(deps, 'settings:read'), async (ctx) => {
    ctx.body = { settings: presentSettings(await getTenant(deps, ctx.state.actor.tenantId)) };
  });
  router.patch('/', requireStaff(deps, 'settings:write'), async (ctx) => {
    const input = parse(TenantSettingsUpdateSchema, ctx.request.body);
    ctx.body = { settings: await updateSettings(deps, ctx.state.actor.tenantId, input) };
  });
  return router;
}
