import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import Router from '@koa/router';
import type { Deps } from '../deps';
import { AppError } from '../lib/errors';
import type { Metrics } from './metrics';

/** Sign-in routes whose refusals (401, 429) count as login failures. */
const LOGIN_ROUTES = new Set(['/api/auth/login', '/api/auth/wechat', '/api/auth/wechat/bind']);

/** The route template (`/api/tickets/:number`), never the raw URL, so label values stay few. */
function routeOf(ctx: Koa.Context): string {
  const matched: unknown = (ctx as Koa.Context & { _matchedRoute?: unknown })._matchedRoute;
  if (typeof matched === 'string') return matched;
  return ctx.path.startsWith('/api/') ? '(unmatched)' : '(static)';
}

function errorCodeOf(body: unknown): string {
  const code = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown } }).error?.code : undefined;
  return typeof code === 'string' ? code : 'unknown';
}

/** Outermost middleware: sees the final status after the error handler has answered. */
export function httpMetrics(metrics: Metrics): Koa.Middleware {
  return async (ctx, next) => {
    const end = metrics.httpDuration.startTimer();
    try {
      await next();
    } finally {
      const route = routeOf(ctx);
      end({ method: ctx.method, route, status: String(ctx.status) });
      if (ctx.method === 'POST' && LOGIN_ROUTES.has(route) && (ctx.status === 401 || ctx.status === 429)) {
        metrics.loginFailures.inc({ route, code: errorCodeOf(ctx.body) });
      }
    }
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** null when the request may scrape; otherwise why not. */
function refusal(authorization: string | undefined, token: string | undefined): 'UNAUTHENTICATED' | null {
  if (!token) return null;
  const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return m && sameToken(m[1].trim(), token) ? null : 'UNAUTHENTICATED';
}

/** `GET /metrics` on the API port: only when METRICS_TOKEN is set, and only with `Authorization: Bearer <it>`. */
export function metricsRoutes(deps: Deps): Router {
  const router = new Router();
  router.get('/metrics', async (ctx) => {
    const { token } = deps.config.metrics;
    if (!token) throw new AppError('NOT_FOUND');
    if (refusal(ctx.get('authorization'), token)) throw new AppError('UNAUTHENTICATED');
    ctx.set('Content-Type', deps.metrics.registry.contentType);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.metrics.registry.metrics();
  });
  return router;
}

/**
 * METRICS_PORT: a listener serving only `/metrics` (the worker has no other HTTP), meant for an internal
 * network; it asks for the bearer token too when METRICS_TOKEN is set.
 */
export async function startMetricsServer(deps: Deps, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (refusal(req.headers.authorization, deps.config.metrics.token)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('unauthorized\n');
      return;
    }
    deps.metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': deps.metrics.registry.contentType, 'cache-control': 'no-store' }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, deps.config.host, () => resolve());
  });
  return server;
}
