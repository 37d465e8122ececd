import type Koa from 'koa';
import { errorMessage, pickLang, type ErrorBody, type ErrorCode } from '@baoxiu/shared';
import { AppError } from '../lib/errors';
import { isConnectionLost } from '../db/database';
import type { Logger } from '../lib/logger';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  field?: string;
  expose?: boolean;
}

/** Maps what body parsers and multer throw onto our codes; anything unknown is an internal error. */
function classify(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  // decodeURIComponent on a malformed path or parameter: the client's mistake, never a stack in the log.
  if (err instanceof URIError) return new AppError('MALFORMED_URL');
  if (typeof err !== 'object' || err === null) return null;
  const e = err as HttpishError;
  // raw-body style parsers tag it; co-body (under @koa/bodyparser) throws a SyntaxError with status 400.
  if (e.type === 'entity.parse.failed' || (err instanceof SyntaxError && e.status === 400)) return new AppError('MALFORMED_JSON');
  if (e.type === 'entity.too.large' || e.status === 413) return new AppError('BODY_TOO_LARGE');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return new AppError('VALIDATION_FAILED', { reason: e.type });
  if (e.code === 'LIMIT_FILE_SIZE') return new AppError('UPLOAD_TOO_LARGE');
  if (e.code === 'LIMIT_UNEXPECTED_FILE' && e.field !== 'file')
    return new AppError('VALIDATION_FAILED', { field: e.field, expected: 'file' });
  if (e.code === 'LIMIT_FILE_COUNT' || e.code === 'LIMIT_UNEXPECTED_FILE') return new AppError('TOO_MANY_FILES');
  if (typeof e.code === 'string' && (e.code.startsWith('LIMIT_') || e.code === 'MISSING_FIELD_NAME'))
    return new AppError('VALIDATION_FAILED', { reason: e.code });
  const status = e.status ?? e.statusCode;
  if (status && status >= 400 && status < 500 && e.expose !== false) {
    // Busboy/raw-body complaints about a malformed request (bad multipart, aborted upload).
    const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED';
    return new AppError(code, { reason: err instanceof Error ? err.message : 'bad request' });
  }
  // busboy's own words for a broken multipart body (see busboy/lib/types/multipart.js).
  if (err instanceof Error && /multipart|boundary|unexpected end of (form|file)|malformed (part header|content type)/i.test(err.message)) {
    return new AppError('VALIDATION_FAILED', { reason: err.message });
  }
  // The database is out of reach: a clear, retryable 503 rather than an internal error.
  if (isConnectionLost(err)) return new AppError('NOT_READY', { reason: 'database unavailable' });
  return null;
}

export function errorHandler(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined && ctx.path.startsWith('/api/')) {
        if (ctx.status === 404) throw new AppError('NOT_FOUND');
        if (ctx.status === 405) throw new AppError('METHOD_NOT_ALLOWED', { allowed: ctx.response.get('Allow') });
      }
    } catch (err) {
      const lang = pickLang(ctx.get('accept-language'));
      const known = classify(err);
      const appErr = known ?? new AppError('INTERNAL', { requestId: ctx.state.requestId });
      if (!known) log.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
      const body: ErrorBody = {
        error: { code: appErr.code, message: errorMessage(appErr.code, lang), details: appErr.details },
      };
      ctx.status = appErr.status;
      const retryAfter = appErr.details.retryAfterSeconds;
      if (typeof retryAfter === 'number' && (appErr.status === 429 || appErr.status === 503)) ctx.set('Retry-After', String(retryAfter));
      ctx.body = body;
    }
  };
}
