import Router from '@koa/router';
import multer from '@koa/multer';
import { UploadIdSchema } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { byIp, rateLimit } from '../../middleware/rate-limit';
import { openUpload, storeUpload } from './uploads.service';

export function uploadRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/public/uploads' });
  const single = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.config.uploadMaxBytes, files: 1, fields: 5, parts: 6 },
  }).single('file');

  const perIp = rateLimit(deps, { name: 'uploads-ip', limit: deps.config.rateLimits.uploadsPerIp, windowSeconds: 60, key: byIp });
  router.post('/', perIp, single, async (ctx) => {
    const file = ctx.file;
    if (!file || file.size === 0) throw new AppError('UPLOAD_REQUIRED');
    ctx.status = 201;
    ctx.body = { upload: await storeUpload(deps, file.buffer) };
  });

  router.get('/:id', async (ctx) => {
    const { upload, stream } = await openUpload(deps, parse(UploadIdSchema, ctx.params.id));
    ctx.type = upload.mime;
    ctx.length = upload.size;
    ctx.set('Cache-Control', 'private, max-age=86400, immutable');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = stream;
  });
  return router;
}
