import Router from '@koa/router';
import { KpiQuerySchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { getKpis } from './kpi.service';
import { exportKpis } from './kpi.export';
import { moduleGuard } from '../../middleware/module-guard';

export function reportRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/reports' });
  router.get('/kpis', requireStaff(deps, 'reports:read'), moduleGuard(deps, 'reports'), async (ctx) => {
    ctx.body = await getKpis(deps, ctx.state.actor, parse(KpiQuerySchema, ctx.query));
  });
  router.get('/kpis/export', requireStaff(deps, 'reports:read'), moduleGuard(deps, 'reports'), async (ctx) => {
    const file = await exportKpis(deps, ctx.state.actor, parse(KpiQuerySchema, ctx.query));
    ctx.type = file.type;
    ctx.attachment(file.filename);
    ctx.body = file.body;
  });
  return router;
}
