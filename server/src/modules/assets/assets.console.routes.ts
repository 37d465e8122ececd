import Router from '@koa/router';
import multer from '@koa/multer';
import QRCode from 'qrcode';
import { AssetExportQuerySchema, IdParamSchema, ImportQuerySchema, TemplateQuerySchema } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { getAsset } from './assets.service';
import { getSite } from './sites.service';
import { presentAsset, presentSite } from './assets.presenter';
import { buildImportTemplate, IMPORT_DEFAULT_LIMITS } from './assets.import';
import { commitImport, previewImport } from './assets.import.service';
import { exportAssets } from './assets.export';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The manager console's asset work: detail, history, QR, import and export. Registered before `/:id` routes. */
export function assetConsoleRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/assets' });
  const read = requireStaff(deps, 'assets:read');
  const write = requireStaff(deps, 'assets:write');
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: IMPORT_DEFAULT_LIMITS.maxBytes, files: 1, fields: 5, parts: 6 },
  }).single('file');

  router.get('/import/template', read, async (ctx) => {
    const { format } = parse(TemplateQuerySchema, ctx.query);
    ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE;
    ctx.attachment(`baoxiu-asset-template.${format}`);
    ctx.body = await buildImportTemplate(format);
  });
  router.post('/import', write, upload, async (ctx) => {
    const { mode } = parse(ImportQuerySchema, ctx.query);
    const file = ctx.file;
    if (!file || file.size === 0) throw new AppError('UPLOAD_REQUIRED');
    const input = { buffer: file.buffer, filename: file.originalname, mimetype: file.mimetype };
    const tenantId = ctx.state.actor.tenantId;
    ctx.body = mode === 'commit' ? await commitImport(deps, tenantId, input) : { preview: await previewImport(deps, tenantId, input) };
  });
  router.get('/export', read, async (ctx) => {
    const file = await exportAssets(deps, ctx.state.actor.tenantId, parse(AssetExportQuerySchema, ctx.query));
    ctx.type = file.type;
    ctx.attachment(file.filename);
    ctx.body = file.body;
  });
  router.get('/:id', read, async (ctx) => {
    const asset = await getAsset(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id);
    const site = await getSite(deps, ctx.state.actor.tenantId, asset.siteId);
    ctx.body = { asset: presentAsset(asset, deps.config.publicBaseUrl), site: presentSite(site) };
  });
  router.get('/:id/qr.svg', read, async (ctx) => {
    const asset = await getAsset(deps, ctx.state.actor.tenantId, parse(IdParamSchema, ctx.params).id);
    const url = presentAsset(asset, deps.config.publicBaseUrl).url;
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.body = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  });
  return router;
}
