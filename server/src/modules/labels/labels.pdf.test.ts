import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import jsQR from 'jsqr';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { LABEL_LAYOUTS, MM_TO_PT, labelRect, labelsPerPage } from './labels.layouts';
import type { LabelLayoutId, Rect } from './labels.layouts';
import { renderLabelSheet } from './labels.pdf';
import { publicAssetUrl as labelUrl } from '../assets/assets.presenter';
import { formatAssetCode as formatLabelCode } from '../../lib/ids';
import type { LabelData } from './labels.pdf';

const BASE_URL = 'https://bx.example.com';
const DPI = 200;
const PX_PER_PT = DPI / 72;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baoxiu-labels-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['中央空调机组 1号', 'Elevator B', '饮水机', 'HP LaserJet M428', '消防栓', 'Server rack A-12'];

function makeLabels(count: number, overrides: Partial<LabelData> = {}): LabelData[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `K7Q2M9X4${String(i).padStart(4, '0')}`,
    name: NAMES[i % NAMES.length],
    site: i % 2 ? '北京朝阳 SOHO' : 'Pudong Tower 2',
    location: i % 3 ? `${i} 层机房` : null,
    ...overrides,
  }));
}

async function renderToFile(
  name: string,
  labels: LabelData[],
  layout: LabelLayoutId,
  logo?: Buffer,
): Promise<{ path: string; pages: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const { pages } = await renderLabelSheet(labels, { layout, baseUrl: BASE_URL, logo }, sink);
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, Buffer.concat(chunks));
  return { path, pages };
}

function poppler(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
}

function pdfPageCount(path: string): number {
  return Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path]))?.[1]);
}

/** Rasterises every page and returns one PNG per page, in page order. */
function rasterize(path: string): PNG[] {
  const prefix = path.replace(/\.pdf$/, '');
  poppler('pdftoppm', ['-r', String(DPI), '-png', path, prefix]);
  const base = prefix.split('/').pop() ?? '';
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => PNG.sync.read(readFileSync(join(dir, f))));
}

/** The QR's square within a label: the layout puts it at the left, as tall as the label less its padding. */
function qrSquare(layout: LabelLayoutId, slot: number): Rect {
  const cell = labelRect(LABEL_LAYOUTS[layout], slot);
  const pad = LABEL_LAYOUTS[layout].padding * MM_TO_PT;
  return { x: cell.x, y: cell.y, width: cell.height - pad, height: cell.height };
}

/** jsQR finds one code per image, so each label's QR square is cut out by the layout geometry and decoded alone. */
function decodeCell(page: PNG, cell: Rect): string | null {
  const x0 = Math.floor(cell.x * PX_PER_PT);
  const y0 = Math.floor(cell.y * PX_PER_PT);
  const width = Math.min(Math.ceil(cell.width * PX_PER_PT), page.width - x0);
  const height = Math.min(Math.ceil(cell.height * PX_PER_PT), page.height - y0);
  const crop = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y0 + row) * page.width + x0) * 4;
    crop.set(page.data.subarray(from, from + width * 4), row * width * 4);
  }
  return jsQR(crop, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** Decodes the first `count` label slots of a rasterised sheet, in print order. */
function decodeSlots(pages: PNG[], layout: LabelLayoutId, count: number): Array<string | null> {
  const perPage = labelsPerPage(LABEL_LAYOUTS[layout]);
  return Array.from({ length: count }, (_, i) => decodeCell(pages[Math.floor(i / perPage)], qrSquare(layout, i % perPage)));
}

function decodeSheet(path: string, layout: LabelLayoutId, count: number): Array<string | null> {
  return decodeSlots(rasterize(path), layout, count);
}

interface WordBox {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function wordBoxes(path: string): WordBox[] {
  const html = poppler('pdftotext', ['-bbox', path, '-']);
  const words: WordBox[] = [];
  html
    .split('<page ')
    .slice(1)
    .forEach((pageHtml, page) => {
      for (const m of pageHtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        words.push({ page, text: m[5], xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
      }
    });
  return words;
}

describe('label URLs and codes', () => {
  it('builds the QR URL from the public base URL without doubling slashes', () => {
    expect(labelUrl('https://bx.example.com', 'ABCD1234EFGH')).toBe('https://bx.example.com/r/ABCD1234EFGH');
    expect(labelUrl('https://bx.example.com/', 'ABCD1234EFGH')).toBe('https://bx.example.com/r/ABCD1234EFGH');
    expect(labelUrl('https://bx.example.com/sub//', 'X1')).toBe('https://bx.example.com/sub/r/X1');
  });

  it('groups the printed code in fours so it can be read out', () => {
    expect(formatLabelCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(formatLabelCode('ABCDEFGHJK')).toBe('ABCD-EFGH-JK');
  });
});

describe('label sheet PDF', () => {
  it('decodes every QR on an A4 sheet back to its asset URL', async () => {
    const labels = makeLabels(26);
    const { path, pages } = await renderToFile('a4-3x8', labels, 'a4-3x8');
    expect(pages).toBe(2);
    const sheet = rasterize(path);
    expect(decodeSlots(sheet, 'a4-3x8', 26)).toEqual(labels.map((l) => `${BASE_URL}/r/${l.code}`));
    // Page 2 holds labels 25 and 26 only; the next slot and the last one stay blank.
    expect([2, 23].map((slot) => decodeCell(sheet[1], qrSquare('a4-3x8', slot)))).toEqual([null, null]);
  });

  it('prints the call to action, the grouped code and the asset names, Chinese included, as text', async () => {
    const labels = makeLabels(12);
    const { path } = await renderToFile('text', labels, 'a4-2x5');
    const text = poppler('pdftotext', ['-raw', path, '-']);
    expect(text).toContain('扫码报修');
    expect(text).toContain('Scan to report a fault');
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).toContain('北京朝阳 SOHO / 1 层机房');
    expect(text).toContain('K7Q2-M9X4-0011');
    // The CJK font is embedded as a subset, which is what keeps the file small.
    expect(poppler('pdffonts', [path])).toMatch(/\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it.each([
    ['a4-3x8', 25, 2],
    ['a4-3x8', 24, 1],
    ['a4-2x5', 11, 2],
    ['thermal-50x30', 3, 3],
    ['thermal-60x40', 3, 3],
  ] as const)('puts %s labels on the right number of pages (%i labels → %i pages)', async (layout, count, expected) => {
    const { path, pages } = await renderToFile(`pages-${layout}-${count}`, makeLabels(count), layout);
    expect(pages).toBe(expected);
    expect(pdfPageCount(path)).toBe(expected);
  });

  it.each(['thermal-50x30', 'thermal-60x40'] as const)('makes each %s page exactly the label size, with a scannable QR', async (layout) => {
    const labels = makeLabels(2);
    const { path } = await renderToFile(`size-${layout}`, labels, layout);
    const { width, height } = LABEL_LAYOUTS[layout].page;
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(poppler('pdfinfo', [path]));
    expect(Number(size?.[1])).toBeCloseTo(width * MM_TO_PT, 1);
    expect(Number(size?.[2])).toBeCloseTo(height * MM_TO_PT, 1);
    expect(decodeSheet(path, layout, 2)).toEqual(labels.map((l) => `${BASE_URL}/r/${l.code}`));
  });

  it.each(['a4-3x8', 'thermal-50x30'] as const)(
    'keeps very long names, sites and locations inside their own %s label, right of the QR, and still scannable',
    async (layout) => {
      const longName = [
        '消防栓三楼东侧走廊尽头靠近安全出口旁边的那一个特别特别长的设备名称用于测试换行',
        'Supercalifragilisticexpialidocious-air-handling-unit-with-no-spaces-at-all-0123456789',
        'HP LaserJet Pro MFP M428fdw in the finance department meeting room next to the window',
      ];
      const labels = makeLabels(6).map((l, i) => ({
        ...l,
        name: longName[i % 3],
        site: '上海浦东新区陆家嘴环路一千号恒生银行大厦 Hang Seng Bank Tower',
        location: 'B2 层 停车场 东北角 配电房 Electrical room next to the loading dock, north-east corner',
      }));
      const { path } = await renderToFile(`long-${layout}`, labels, layout);
      expect(decodeSheet(path, layout, labels.length)).toEqual(labels.map((l) => `${BASE_URL}/r/${l.code}`));

      const def = LABEL_LAYOUTS[layout];
      const pad = def.padding * MM_TO_PT;
      const words = wordBoxes(path);
      expect(words.length).toBeGreaterThan(labels.length * 4);
      for (const word of words) {
        const slot = Array.from({ length: labelsPerPage(def) }, (_, s) => labelRect(def, s)).find(
          (r) =>
            (word.xMin + word.xMax) / 2 >= r.x &&
            (word.xMin + word.xMax) / 2 <= r.x + r.width &&
            (word.yMin + word.yMax) / 2 >= r.y &&
            (word.yMin + word.yMax) / 2 <= r.y + r.height,
        );
        expect(slot).toBeDefined();
        if (!slot) continue;
        const qrRight = slot.x + pad + (slot.height - 2 * pad);
        expect({
          word: word.text,
          inside:
            word.xMin >= qrRight - 0.5 &&
            word.xMax <= slot.x + slot.width - pad + 0.5 &&
            word.yMin >= slot.y - 0.5 &&
            word.yMax <= slot.y + slot.height + 0.5,
        }).toEqual({ word: word.text, inside: true });
      }
    },
  );

  it('embeds a logo once and draws it on every label', async () => {
    const logo = new PNG({ width: 40, height: 16 });
    logo.data.fill(0x80);
    const labels = makeLabels(5);
    const { path } = await renderToFile('logo', labels, 'a4-2x5', PNG.sync.write(logo, { colorType: 2 }));
    const rows = poppler('pdfimages', ['-list', path]).split('\n').slice(2).filter(Boolean);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.trim().split(/\s+/).slice(10, 12).join(' '))).size).toBe(1);
    expect(decodeSheet(path, 'a4-2x5', 5)).toEqual(labels.map((l) => `${BASE_URL}/r/${l.code}`));
  });

  it('refuses an empty list, an unknown layout or a base URL that is not http(s) before writing anything', async () => {
    const written: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        written.push(chunk);
        cb();
      },
    });
    await expect(renderLabelSheet([], { layout: 'a4-3x8', baseUrl: BASE_URL }, sink)).rejects.toThrow(RangeError);
    await expect(renderLabelSheet(makeLabels(1), { layout: 'a5-1x1' as LabelLayoutId, baseUrl: BASE_URL }, sink)).rejects.toThrow(/layout/);
    await expect(renderLabelSheet(makeLabels(1), { layout: 'a4-3x8', baseUrl: 'bx.example.com' }, sink)).rejects.toThrow(/baseUrl/);
    expect(written).toHaveLength(0);
  });

  it('stops drawing while the reader is not reading, then finishes when it resumes', async () => {
    const proto = (PDFDocument as unknown as { prototype: { addPage(): unknown } }).prototype;
    const addPage = jest.spyOn(proto, 'addPage');
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const received: Buffer[] = [];
    const reader = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk);
        void gate.then(() => callback());
      },
    });
    try {
      const rendering = renderLabelSheet(makeLabels(600), { layout: 'thermal-50x30', baseUrl: BASE_URL }, reader);
      let drawn = -1;
      while (drawn !== addPage.mock.calls.length) {
        drawn = addPage.mock.calls.length;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(drawn).toBeGreaterThan(0);
      expect(drawn).toBeLessThan(600);
      release();
      await expect(rendering).resolves.toEqual({ pages: 600 });
      expect(Buffer.concat(received).subarray(-6).toString()).toContain('%%EOF');
    } finally {
      addPage.mockRestore();
    }
  });

  it('renders 1,000 labels to a valid PDF', async () => {
    const started = performance.now();
    const { path, pages } = await renderToFile('thousand', makeLabels(1000), 'a4-3x8');
    const ms = Math.round(performance.now() - started);
    expect(pages).toBe(42);
    expect(pdfPageCount(path)).toBe(42);
    const size = readFileSync(path).length;
    process.stdout.write(`    1,000 labels on a4-3x8: ${ms} ms, ${(size / 1024).toFixed(0)} KiB\n`);
  });
});
