import type Koa from 'koa';
import { AppError } from '../lib/errors';

/** The methods this API and the H5 pages answer; anything else (WebDAV's PROPFIND, MKCOL…) is not implemented. */
const SERVED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Known methods we refuse on purpose: TRACE echoes the request (cross-site tracing). */
const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

/**
 * Refuses, in the error envelope, what no route could handle: a method we never serve, or a path whose
 * percent-encoding does not decode (`/%zz`, `/r/%ff`), before any router or the H5 handler trips over it.
 */
export function requestGuards(): Koa.Middleware {
  return async (ctx, next) => {
    if (REFUSED_METHODS.has(ctx.method)) throw new AppError('METHOD_NOT_ALLOWED', { method: ctx.method });
    if (!SERVED_METHODS.has(ctx.method)) throw new AppError('NOT_IMPLEMENTED', { method: ctx.method });
    try {
      decodeURIComponent(ctx.path);
    } catch {
      throw new AppError('MALFORMED_URL');
    }
    await next();
  };
}
