import Router from '@koa/router';
import { SlaAtRiskQuerySchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { moduleGuard } from '../../middleware/module-guard';
import { atRisk } from './at-risk.service';

/** The desk's list of tickets about to break (or past) a promise. */
export function slaDeskRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/sla' });
  router.get('/at-risk', requireStaff(deps, 'tickets:read'), moduleGuard(deps, 'sla'), async (ctx) => {
    ctx.body = await atRisk(deps, ctx.state.actor.tenantId, parse(SlaAtRiskQuerySchema, ctx.query));
  });
  return router;
}
