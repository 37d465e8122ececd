import Router from '@koa/router';
import { TenantSettingsUpdateSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { getTenant, presentPublicBaseUrl } from '../tenants/tenants.service';
import { updateSettings } from './settings.service';
import { presentSettings } from '../tenants/tenants.presenter';

export function settingsRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/settings' });
  router.get('/', requireStaff(deps, 'settings:read'), async (ctx) => {
    const settings = presentSettings(await getTenant(deps, ctx.state.actor.tenantId));
    ctx.body = { settings, publicBaseUrl: presentPublicBaseUrl(deps.config.publicBaseUrl) };
  });
  router.patch('/', requireStaff(deps, 'settings:write'), async (ctx) => {
    const input = parse(TenantSettingsUpdateSchema, ctx.request.body);
    const settings = await updateSettings(deps, ctx.state.actor.tenantId, input);
    ctx.body = { settings, publicBaseUrl: presentPublicBaseUrl(deps.config.publicBaseUrl) };
  });
  return router;
}
