/** Mini-program sizes: the weapp main package, and the gzipped JS the H5 QR landing page loads. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../processes';
import { kib, type Row } from '../report';

const DIST = path.join(REPO_ROOT, 'miniapp/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Builds both targets when a full run finds either missing (about 70 s); --quick never builds. */
export function ensureMiniappBuilt(build: boolean): { weapp: boolean; h5: boolean } {
  const built = () => ({ weapp: fs.existsSync(path.join(DIST, 'weapp/app.json')), h5: fs.existsSync(path.join(DIST, 'h5/index.html')) });
  const now = built();
  if ((now.weapp && now.h5) || !build) return now;
  execFileSync('npm', ['run', 'build', '-w', 'miniapp'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return built();
}

/** Main package = every file of dist/weapp outside the subpackage roots declared in app.json (and the IDE's project file). */
export function weappRow(): Row {
  const dir = path.join(DIST, 'weapp');
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }> };
  const roots = (app.subPackages ?? []).map((s) => path.join(dir, s.root) + path.sep);
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])]);
  for (const file of filesUnder(dir)) {
    if (path.basename(file) === 'project.config.json') continue;
    const root = roots.find((r) => file.startsWith(r)) ?? 'main';
    sizes.set(root, (sizes.get(root) ?? 0) + fs.statSync(file).size);
  }
  const main = sizes.get('main') ?? 0;
  const subs = roots.map((r) => `${path.relative(dir, r)} ${kib(sizes.get(r) ?? 0)}`).join(', ');
  return {
    path: 'miniapp weapp: main package size',
    measured: `${kib(main)} (subpackages: ${subs})`,
    baseline: '—',
    ratio: null,
    bar: '≤ 1 MB (WeChat limit 2 MB)',
    verdict: main <= 1024 * 1024 ? 'pass' : 'fail',
    note: 'bytes of the built files, licence comments included',
    data: {
      mainBytes: main,
      subpackages: Object.fromEntries([...sizes].filter(([k]) => k !== 'main').map(([k, v]) => [path.relative(dir, k), v])),
    },
  };
}

/**
 * Exact where Chromium is present: open the QR URL /r/<code> on the server under test, gzip every
 * script the page actually fetched, and add them up. Without Chromium: the entry scripts of index.html only.
 */
export async function h5Row(origin: string, assetCode: string): Promise<Row> {
  const bar = '≤ 300 KB (judged as KiB)';
  // playwright-core comes with the miniapp's e2e tooling; without it or Chromium we fall back to a static estimate.
  const pw = fs.existsSync(CHROMIUM) ? await import('playwright-core').catch(() => null) : null;
  if (!pw) {
    const html = fs.readFileSync(path.join(DIST, 'h5/index.html'), 'utf8');
    const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
    const bytes = srcs.reduce((sum, src) => sum + gzipSync(fs.readFileSync(path.join(DIST, 'h5', src))).length, 0);
    return {
      path: 'miniapp H5: first-load JS (gzip)',
      measured: `≥ ${kib(bytes)} (${srcs.length} entry scripts)`,
      baseline: '—',
      ratio: null,
      bar,
      verdict: bytes <= 300 * 1024 ? 'pass' : 'fail',
      note: 'approximate: no Chromium or playwright-core, so page chunks loaded on demand are not counted',
      data: { gzipBytes: bytes, scripts: srcs },
    };
  }
  const browser = await pw.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const scripts: Array<Promise<{ url: string; gzip: number; raw: number }>> = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script' || res.status() !== 200) return;
      scripts.push(res.body().then((b) => ({ url: new URL(res.url()).pathname, gzip: gzipSync(b).length, raw: b.length })));
    });
    await page.goto(`${origin}/r/${assetCode}`, { waitUntil: 'networkidle' });
    const loaded = await Promise.all(scripts);
    const gzip = loaded.reduce((s, x) => s + x.gzip, 0);
    const raw = loaded.reduce((s, x) => s + x.raw, 0);
    return {
      path: 'miniapp H5: first-load JS of the QR landing page /r/:code (gzip)',
      measured: `${kib(gzip)} gzip (${kib(raw)} raw, ${loaded.length} scripts)`,
      baseline: '—',
      ratio: null,
      bar,
      verdict: gzip <= 300 * 1024 ? 'pass' : 'fail',
      note: 'scripts Chromium fetched until network idle, each gzipped (level 6)',
      data: { gzipBytes: gzip, rawBytes: raw, scripts: loaded },
    };
  } finally {
    await browser.close();
  }
}
