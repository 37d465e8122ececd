import Router from '@koa/router';
import {
  DeskExportQuerySchema,
  DeskQuerySchema,
  InternalNoteSchema,
  RedispatchSchema,
  TicketNumberSchema,
  UrgencyChangeSchema,
} from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { addInternalNote, changeUrgency, deskPage, redispatchTicket } from './desk.service';
import { engineerChoices } from './desk.detail';
import { exportTickets } from './desk.export';

/** The dispatcher's desk: the grouped queue, the export, the assign picker and the actions beyond assign / cancel. */
export function deskRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/tickets' });
  const read = requireStaff(deps, 'tickets:read');
  const dispatch = requireStaff(deps, 'tickets:dispatch');
  const num = (p: Record<string, string | undefined>) => parse(TicketNumberSchema, p.number);
  router.get('/desk', read, async (ctx) => {
    ctx.body = await deskPage(deps, ctx.state.actor, parse(DeskQuerySchema, ctx.query));
  });
  router.get('/export', read, async (ctx) => {
    const file = await exportTickets(deps, ctx.state.actor.tenantId, parse(DeskExportQuerySchema, ctx.query));
    ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
    // The console shows progress against this; the file's length is not known before the last row.
    ctx.set('X-Export-Rows', String(file.rows));
    ctx.set('Cache-Control', 'no-store');
    ctx.type = file.type;
    ctx.body = file.body;
  });
  router.get('/:number/engineers', dispatch, async (ctx) => {
    ctx.body = await engineerChoices(deps, ctx.state.actor, num(ctx.params));
  });
  router.post('/:number/urgency', dispatch, async (ctx) => {
    const number = num(ctx.params);
    ctx.body = await changeUrgency(deps, ctx.state.actor, number, parse(UrgencyChangeSchema, ctx.request.body));
  });
  router.post('/:number/notes', dispatch, async (ctx) => {
    const number = num(ctx.params);
    ctx.status = 201;
    ctx.body = await addInternalNote(deps, ctx.state.actor, number, parse(InternalNoteSchema, ctx.request.body));
  });
  router.post('/:number/redispatch', dispatch, async (ctx) => {
    const number = num(ctx.params);
    ctx.body = await redispatchTicket(deps, ctx.state.actor, number, parse(RedispatchSchema, ctx.request.body ?? {}));
  });
  return router;
}
