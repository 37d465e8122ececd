import Router from '@koa/router';
import { IdParamSchema, StaffCreateSchema, StaffPasswordResetSchema, StaffUpdateSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { createStaff, listStaff, resetStaffPassword, setStaffActive, updateStaff } from './staff.service';

/** Staff administration for admins: every role's accounts, their profile, access and password. */
export function staffRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/staff' });
  const manage = requireStaff(deps, 'staff:manage');
  const editor = (state: StaffState) => ({ tenantId: state.actor.tenantId, userId: state.actor.userId });
  router.get('/', manage, async (ctx) => {
    ctx.body = { items: await listStaff(deps, ctx.state.actor.tenantId) };
  });
  router.post('/', manage, async (ctx) => {
    const input = parse(StaffCreateSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = { staff: await createStaff(deps, ctx.state.actor.tenantId, input) };
  });
  router.patch('/:id', manage, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const input = parse(StaffUpdateSchema, ctx.request.body);
    ctx.body = { staff: await updateStaff(deps, editor(ctx.state), id, input) };
  });
  router.post('/:id/disable', manage, async (ctx) => {
    ctx.body = { staff: await setStaffActive(deps, editor(ctx.state), parse(IdParamSchema, ctx.params).id, false) };
  });
  router.post('/:id/enable', manage, async (ctx) => {
    ctx.body = { staff: await setStaffActive(deps, editor(ctx.state), parse(IdParamSchema, ctx.params).id, true) };
  });
  router.post('/:id/password', manage, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const { password } = parse(StaffPasswordResetSchema, ctx.request.body);
    ctx.body = { staff: await resetStaffPassword(deps, ctx.state.actor.tenantId, id, password) };
  });
  return router;
}
