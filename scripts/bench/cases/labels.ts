/** Label PDFs of 1,000 and 10,000 labels: wall time and peak RSS of the process that renders them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, spawnTs } from '../processes';
import { ms, num, type Row } from '../report';

interface Rendered {
  labels: number;
  pages: number;
  bytes: number;
  ms: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
}

function render(count: number, file: string): Promise<Rendered> {
  return new Promise((resolve, reject) => {
    const child = spawnTs(path.join(REPO_ROOT, 'scripts/bench/labels/render-child.ts'), [String(count), file], {});
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Rendered);
      else reject(new Error(`label renderer exited ${code}: ${err}`));
    });
  });
}

export async function labelRows(sizes: number[]): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-labels-'));
  const rows: Row[] = [];
  try {
    for (const size of sizes) {
      const r = await render(size, path.join(dir, `labels-${size}.pdf`));
      const small = size <= 1_000;
      const rss = `peak RSS ${Math.round(r.maxRssMiB)} MiB (process at start ${Math.round(r.rssBeforeMiB)} MiB)`;
      rows.push({
        path: `label PDF: ${num(size)} labels (a4-3x8, vector QR, CJK font subset)`,
        measured: `${ms(r.ms)}, ${num(r.pages)} pages, ${(r.bytes / 2 ** 20).toFixed(1)} MiB, ${rss}`,
        baseline: '—',
        ratio: null,
        bar: small ? '≤ 2 s' : 'streamed, RSS < 250 MB',
        verdict: small ? (r.ms <= 2_000 ? 'pass' : 'fail') : r.maxRssMiB * 2 ** 20 < 250e6 ? 'pass' : 'fail',
        data: { ...r },
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
