import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type Koa from 'koa';
import { AssetCodeSchema } from '@baoxiu/shared';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

const NOT_H5 = /^\/(api|healthz|readyz)(\/|$)/;
/** Webpack's content-hashed names (`js/app.1a2b3c4d.js`): a new build makes a new name, so they never change. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/;
const YEAR = 'public, max-age=31536000, immutable';

/** The asset code in a `/r/<code>` path, normalised by the shared asset-code schema (case, dashes and spaces ignored). */
function landingCode(urlPath: string): string | null {
  const match = /^\/r\/([^/]+)\/?$/.exec(urlPath);
  if (!match) return null;
  let raw: string;
  try {
    raw = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const code = AssetCodeSchema.safeParse(raw);
  return code.success ? code.data : null;
}

/** The precompressed copy (`.br`, else `.gz`, written by scripts/h5-postbuild.js) the client accepts, if there is one. */
async function encoded(file: string, accept: string): Promise<{ file: string; encoding: string; size: number } | null> {
  for (const [encoding, ext] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const) {
    if (!new RegExp(`\\b${encoding}\\b`).test(accept)) continue;
    const stat = await fs.promises.stat(`${file}${ext}`).catch(() => null);
    if (stat?.isFile()) return { file: `${file}${ext}`, encoding, size: stat.size };
  }
  return null;
}

/** The scan answer's JSON for a code (`GET /api/public/assets/:code`), or null when no asset has it. */
export type LandingLookup = (code: string) => Promise<string | null>;

let indexCache: { file: string; mtimeMs: number; html: string } | null = null;

async function indexHtml(file: string): Promise<string> {
  const stat = await fs.promises.stat(file);
  if (indexCache?.file !== file || indexCache.mtimeMs !== stat.mtimeMs) {
    indexCache = { file, mtimeMs: stat.mtimeMs, html: await fs.promises.readFile(file, 'utf8') };
  }
  return indexCache.html;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

interface ShellAsset {
  name?: unknown;
  site?: unknown;
  location?: unknown;
}

/**
 * index.html for a printed QR's /r/<code>, with the device already named: a shell the phone paints as soon as the
 * HTML and the stylesheet arrive (on a slow mobile network, seconds before the scripts have run), and the scan
 * answer embedded for the page to use instead of asking for it again. The asset page removes both once it renders.
 */
export function withLandingShell(html: string, scanJson: string, lang: 'zh' | 'en'): string {
  let asset: ShellAsset = {};
  try {
    asset = (JSON.parse(scanJson) as { asset?: ShellAsset }).asset ?? {};
  } catch {
    return html;
  }
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const place = [str(asset.site), str(asset.location)].filter(Boolean).join(' · ');
  const opening = lang === 'en' ? 'Opening the repair page…' : '正在打开报修页面…';
  const title = lang === 'en' ? 'Report a problem with this device' : '扫码报修';
  const shell =
    '<div id="bx-landing" style="position:fixed;inset:0;z-index:1000;background:#f5f6f7;font-family:-apple-system,BlinkMacSystemFont,\'PingFang SC\',\'Noto Sans CJK SC\',sans-serif;color:#1a1a1a;padding:24px 16px">' +
    `<p style="margin:0 0 12px;font-size:14px;color:#666">${escapeHtml(title)}</p>` +
    '<div style="background:#fff;border-radius:12px;padding:20px 16px">' +
    `<h1 style="margin:0 0 8px;font-size:24px;line-height:1.3;font-weight:600">${escapeHtml(str(asset.name))}</h1>` +
    (place ? `<p style="margin:0;font-size:15px;color:#555">${escapeHtml(place)}</p>` : '') +
    '</div>' +
    `<p role="status" style="margin:16px 0 0;font-size:14px;color:#888">${escapeHtml(opening)}</p></div>`;
  // `<` escaped so no text inside the JSON can close the script element.
  const data = `<script id="bx-scan" type="application/json">${scanJson.replace(/</g, '\\u003c')}</script>`;
  return html.replace('<div id="app"></div>', `<div id="app"></div>${shell}${data}`);
}

/**
 * Serves the H5 build: real files as they are (brotli or gzip when precompressed and accepted; hashed files cached
 * for a year as immutable, index.html revalidated each time), every other GET (including /r/<code>, the URL a
 * printed QR opens) gets index.html so the single-page app can route it.
 */
export function serveH5(dir: string, landing?: LandingLookup): Koa.Middleware {
  const root = path.resolve(dir);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || NOT_H5.test(ctx.path)) return next();
    const index = path.join(root, 'index.html');
    let decoded: string;
    try {
      decoded = decodeURIComponent(ctx.path);
    } catch {
      ctx.status = 400; // a malformed %-escape names no file and no page
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'Bad request: malformed URL (地址格式错误)';
      return;
    }
    let file = path.resolve(root, `.${decoded}`);
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
    const code = file === index && landing ? landingCode(ctx.path) : null;
    const scan = code && landing ? await landing(code) : null;
    if (scan) {
      ctx.set('Cache-Control', 'no-cache');
      ctx.vary('Accept-Encoding');
      const html = withLandingShell(await indexHtml(index), scan, ctx.acceptsLanguages('zh-CN', 'zh', 'en') === 'en' ? 'en' : 'zh');
      const accept = ctx.get('accept-encoding');
      if (/\bbr\b/.test(accept)) {
        ctx.set('Content-Encoding', 'br');
        ctx.body = zlib.brotliCompressSync(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
      } else if (/\bgzip\b/.test(accept)) {
        ctx.set('Content-Encoding', 'gzip');
        ctx.body = zlib.gzipSync(html);
      } else {
        ctx.body = html;
      }
      return;
    }
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
