import Router from '@koa/router';
import { IdParamSchema, PaginationQuerySchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import { pageWindow, toPage } from '../../lib/pagination';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { getAsset } from '../assets/assets.service';
import { Ticket } from '../tickets/ticket.entity';
import { presentStaffTickets } from '../tickets/tickets.presenter';

/** An asset's repair history on its console page, newest first (the desk's ticket answers, one asset's). */
export function assetTicketRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/assets' });
  const read = requireStaff(deps, 'assets:read');
  router.get('/:id/tickets', read, async (ctx) => {
    const asset = await getAsset(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id);
    const q = parse(PaginationQuerySchema, ctx.query);
    const { skip, take } = pageWindow(q);
    const [rows, total] = await deps.db.ds.getRepository(Ticket).findAndCount({
      where: { tenantId: asset.tenantId, assetId: asset.id },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip,
      take,
    });
    ctx.body = toPage(await presentStaffTickets(deps, deps.db.ds.manager, rows), q, total);
  });
  return router;
}
