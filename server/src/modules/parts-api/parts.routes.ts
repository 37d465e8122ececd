import Router from '@koa/router';
import multer from '@koa/multer';
import {
  IdParamSchema,
  ImportQuerySchema,
  PartInputSchema,
  TemplateQuerySchema,
  PartListQuerySchema,
  PartUpdateSchema,
  StockMovementInputSchema,
  StockMovementListQuerySchema,
  StockBalanceListQuerySchema,
  type StockBalancePage,
  type LowStockItem,
  type PartStock,
  type StockLocationView,
} from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { moduleGuard } from '../../middleware/module-guard';
import { createPart, getPart, listBalances, listMovements, listParts, partStock, postMovement, updatePart } from '../parts/parts.service';
import type { StockLocation } from '../parts/stock.entity';
import { getLocationIn } from '../parts/stock.service';
import { tenantLocations } from './locations';
import { lowStockWithMessages } from './low-stock.alerts';
import { exportParts, importParts } from './parts.sheet';

const presentLocation = (l: StockLocation): StockLocationView => ({
  id: l.id,
  kind: l.kind,
  name: l.name,
  siteId: l.siteId,
  engineerId: l.engineerId,
});

/** The parts catalogue (module `parts`). */
export function partRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/parts' });
  const read = [requireStaff(deps, 'parts:read'), moduleGuard(deps, 'parts')];
  const write = [requireStaff(deps, 'parts:write'), moduleGuard(deps, 'parts')];
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5, parts: 6 } }).single(
    'file',
  );
  // Before '/:id': the sheet's paths are not ids.
  router.get('/export', ...read, async (ctx) => {
    const file = await exportParts(deps, ctx.state.actor.tenantId, parse(TemplateQuerySchema, ctx.query).format);
    ctx.type = file.type;
    ctx.attachment(file.filename);
    ctx.body = file.body;
  });
  router.post('/import', ...write, upload, async (ctx) => {
    const { mode } = parse(ImportQuerySchema, ctx.query);
    const file = ctx.file;
    if (!file || file.size === 0) throw new AppError('UPLOAD_REQUIRED');
    ctx.body = await importParts(deps, ctx.state.actor.tenantId, file.buffer, mode === 'commit');
  });
  router.get('/', ...read, async (ctx) => {
    ctx.body = await listParts(deps, ctx.state.actor.tenantId, parse(PartListQuerySchema, ctx.query));
  });
  router.post('/', ...write, async (ctx) => {
    ctx.status = 201;
    ctx.body = { part: await createPart(deps, ctx.state.actor.tenantId, parse(PartInputSchema, ctx.request.body)) };
  });
  router.get('/:id', ...read, async (ctx) => {
    ctx.body = { part: await getPart(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id) };
  });
  router.patch('/:id', ...write, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    ctx.body = { part: await updatePart(deps, ctx.state.actor.tenantId, id, parse(PartUpdateSchema, ctx.request.body)) };
  });
  router.get('/:id/stock', ...read, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const tenantId = ctx.state.actor.tenantId;
    const body: PartStock = await deps.db.transaction(async (em) => partStock(em, tenantId, id, await tenantLocations(deps, em, tenantId)));
    ctx.body = body;
  });
  return router;
}

/** Stock locations, the movement ledger and the low-stock list (module `parts`). */
export function stockRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/stock' });
  const read = [requireStaff(deps, 'parts:read'), moduleGuard(deps, 'parts')];
  const write = [requireStaff(deps, 'stock:write'), moduleGuard(deps, 'parts')];
  router.get('/locations', ...read, async (ctx) => {
    const tenantId = ctx.state.actor.tenantId;
    const locations = await deps.db.transaction((em) => tenantLocations(deps, em, tenantId));
    ctx.body = { items: locations.map(presentLocation) };
  });
  router.get('/locations/:id/movements', ...read, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    ctx.body = await listMovements(deps, ctx.state.actor.tenantId, id, parse(StockMovementListQuerySchema, ctx.query));
  });
  router.post('/movements', ...write, async (ctx) => {
    const input = parse(StockMovementInputSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = { movements: await postMovement(deps, ctx.state.actor.tenantId, ctx.state.actor.userId, input) };
  });
  router.get('/low', ...read, async (ctx) => {
    const items: LowStockItem[] = await lowStockWithMessages(deps, ctx.state.actor.tenantId);
    ctx.body = { items };
  });
  // An engineer reads only their own van (the resolve page's parts picker); dispatchers and admins any location.
  router.get('/locations/:id/balances', ...read, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const query = parse(StockBalanceListQuerySchema, ctx.query);
    const { actor } = ctx.state;
    const location = await getLocationIn(deps.db.ds.manager, actor.tenantId, id);
    if (actor.type === 'engineer' && location.engineerId !== actor.userId) throw new AppError('FORBIDDEN', { locationId: id });
    const body: StockBalancePage = { location: presentLocation(location), ...(await listBalances(deps.db.ds.manager, location, query)) };
    ctx.body = body;
  });
  return router;
}
