import type Koa from 'koa';
import cors from '@koa/cors';
import helmet from 'koa-helmet';

/**
 * CSP for the H5 pages and every API answer. Taro's H5 build loads its scripts and styles from our own
 * origin but sets inline styles on components, hence style-src 'unsafe-inline' (no inline script is allowed).
 * Photos are same-origin; previews of chosen photos are blob: URLs; icons may be data: URLs.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  // blob: — Taro's H5 uploadFile reads the chosen photo back from its blob: URL with XHR.
  connectSrc: ["'self'", 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/** Security headers on every answer: CSP with frame-ancestors, Referrer-Policy, nosniff, frame options. */
export function securityHeaders(): Koa.Middleware {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // The tracking token is in the page URL: never hand it to another site in a Referer.
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // Photos are shown by the mini-program too, which is no browser page of ours.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/** The request headers our clients send; a preflight grants these and no others. */
const ALLOWED_HEADERS = ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-Id', 'Accept-Language'];

/**
 * CORS by allow-list (CORS_ORIGINS): the H5 pages are served by the API itself, and the mini-program is no
 * browser, so by default no other origin may call any route (staff routes included) from a browser.
 */
export function corsAllowList(origins: string[]): Koa.Middleware {
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) ? origin : '';
    },
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ALLOWED_HEADERS,
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
  });
}
