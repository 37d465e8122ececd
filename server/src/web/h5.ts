import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.map': 'application/json',
};

const NOT_H5 = /^\/(api|healthz|readyz)(\/|$)/;
/** Webpack's content-hashed names (`js/app.1a2b3c4d.js`): a new build makes a new name, so they never change. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;
const YEAR = 'public, max-age=31536000, immutable';

/** The precompressed copy (`.br`, else `.gz`, written by scripts/h5-postbuild.js) the client accepts, if there is one. */
async function encoded(file: string, accept: string): Promise<{ file: string; encoding: string; size: number } | null> {
  for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (!new RegExp(`\\b${encoding}\\b`).test(accept)) continue;
    const stat = await fs.promises.stat(`${file}${ext}`).catch(() => null);
    if (stat?.isFile()) return { file: `${file}${ext}`, encoding, size: stat.size };
  }
  return null;
}

/**
 * Serves the H5 build: real files as they are (brotli or gzip when precompressed and accepted; hashed files cached
 * for a year as immutable, index.html revalidated each time), every other GET (including /r/<code>, the URL a
 * printed QR opens) gets index.html so the single-page app can route it.
 */
export function serveH5(dir: string): Koa.Middleware {
  const root = path.resolve(dir);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || NOT_H5.test(ctx.path)) return next();
    const index = path.join(root, 'index.html');
    let file = path.resolve(root, `.${decodeURIComponent(ctx.path)}`);
    if (file !== root && !file.startsWith(root + path.sep)) return next();
    let stat = await fs.promises.stat(file).catch(() => null);
    if (!stat?.isFile()) {
      if (path.extname(ctx.path) && !ctx.path.startsWith('/r/')) return next();
      file = index;
      stat = await fs.promises.stat(file).catch(() => null);
      if (!stat) {
        ctx.status = 503;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = 'H5 build not found: run `npm run build -w miniapp` (H5 页面尚未构建)';
        return;
      }
    }
    ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', file === index ? 'no-cache' : HASHED.test(file) ? YEAR : 'public, max-age=3600');
    const packed = await encoded(file, ctx.get('accept-encoding'));
    ctx.vary('Accept-Encoding');
    if (packed) {
      ctx.set('Content-Encoding', packed.encoding);
      ctx.length = packed.size;
      ctx.body = fs.createReadStream(packed.file);
      return;
    }
    ctx.length = stat.size;
    ctx.body = fs.createReadStream(file);
  };
}
