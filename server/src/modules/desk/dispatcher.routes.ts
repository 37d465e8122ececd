import Router from '@koa/router';
import { AssignSchema, CancelSchema, TicketListQuerySchema, TicketNumberSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { assignTicket, cancelTicket, listTickets } from './dispatcher.service';
import { deskTicketDetail } from './desk.detail';

export function dispatcherTicketRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/tickets' });
  const read = requireStaff(deps, 'tickets:read');
  const dispatch = requireStaff(deps, 'tickets:dispatch');
  const num = (p: Record<string, string | undefined>) => parse(TicketNumberSchema, p.number);
  router.get('/', read, async (ctx) => {
    ctx.body = await listTickets(deps, ctx.state.actor, parse(TicketListQuerySchema, ctx.query));
  });
  router.get('/:number', read, async (ctx) => {
    ctx.body = await deskTicketDetail(deps, ctx.state.actor, num(ctx.params));
  });
  router.post('/:number/assign', dispatch, async (ctx) => {
    const number = num(ctx.params);
    ctx.body = await assignTicket(deps, ctx.state.actor, number, parse(AssignSchema, ctx.request.body));
  });
  router.post('/:number/cancel', dispatch, async (ctx) => {
    const number = num(ctx.params);
    ctx.body = await cancelTicket(deps, ctx.state.actor, number, parse(CancelSchema, ctx.request.body));
  });
  return router;
}
