import Router from '@koa/router';
import path from 'node:path';
import multer from '@koa/multer';
import type Koa from 'koa';
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
  // Refused on the declared length before a byte of the body is read (multipart framing adds a few hundred bytes).
  const declaredLength: Koa.Middleware = async (ctx, next) => {
    const length = Number(ctx.get('content-length'));
    if (Number.isFinite(length) && length > deps.config.uploadMaxBytes + 16 * 1024) throw new AppError('UPLOAD_TOO_LARGE');
    await next();
  };
  router.post('/', perIp, declaredLength, single, async (ctx) => {
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
    // Opened directly, the file is an inert download-named image: no script, no plugin, no same-origin rights.
    ctx.set('Content-Disposition', `inline; filename="${upload.publicId}.${path.extname(upload.path).slice(1)}"`);
    ctx.set('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    ctx.body = stream;
  });
  return router;
}
