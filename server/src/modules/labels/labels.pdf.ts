import { readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { pdfDocument } from '../../lib/lazy-libs';
import { LABEL_LAYOUTS, MM_TO_PT, labelRect, labelsPerPage, pageSizePt } from './labels.layouts';
import type { LabelLayout, LabelLayoutId, Rect } from './labels.layouts';
import { drawQr } from './labels.qr';
import { publicAssetUrl } from '../assets/assets.presenter';
import { formatAssetCode } from '../../lib/ids';
import { blockHeight, cleanLabelText, drawText, fitLine, fitText } from './labels.text';
import type { FittedText } from './labels.text';

export interface LabelData {
  code: string;
  name: string;
  site: string;
  location: string | null;
  /** WeChat's mini-program code for this asset (PNG or JPEG), drawn instead of the plain QR. */
  wxacode?: Buffer;
}

export interface LabelSheetOptions {
  layout: LabelLayoutId;
  /** Public origin printed into the QR, e.g. `https://baoxiu.example.com` (PUBLIC_BASE_URL). */
  baseUrl: string;
  /** PNG or JPEG, drawn small above the asset name. */
  logo?: Buffer;
  /** Called after each page is drawn, for progress bars on long runs. */
  onProgress?: (done: number, total: number) => void;
}

// pdfkit can open an image once and reuse it, but @types/pdfkit does not declare that; without it a logo is embedded once per label.
declare global {
  namespace PDFKit.Mixins {
    interface OpenedImage {
      readonly width: number;
      readonly height: number;
    }
    interface PDFImage {
      openImage(src: Buffer): OpenedImage;
      image(src: OpenedImage, x?: number, y?: number, options?: ImageOption): this;
    }
  }
}

export const LABEL_CTA = { zh: '扫码报修', en: 'Scan to report a fault' } as const;

const FONT_FILES = {
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'cjk-bold': '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

let fontBuffers: Record<keyof typeof FONT_FILES, Buffer> | undefined;

/** Noto Sans SC (OFL) from npm: read once per process, subset by pdfkit into each PDF so files stay small. */
export function cjkFonts(): Record<keyof typeof FONT_FILES, Buffer> {
  fontBuffers ??= {
    cjk: readFileSync(require.resolve(FONT_FILES.cjk)),
    'cjk-bold': readFileSync(require.resolve(FONT_FILES['cjk-bold'])),
  };
  return fontBuffers;
}

/** pdfkit pushes without backpressure; above this many buffered bytes we wait for the consumer. */
const HIGH_WATER_BYTES = 256 * 1024;

interface SheetContext {
  layout: LabelLayout;
  baseUrl: string;
  logo: PDFKit.Mixins.OpenedImage | undefined;
  textX: number;
  textWidth: number;
  cta: FittedText[];
}

/** Streams a label PDF into `out`, resolving when `out` finishes; it waits for the reader, so give `out` to the response before awaiting. */
export async function renderLabelSheet(
  labels: LabelData[],
  options: LabelSheetOptions,
  out: NodeJS.WritableStream,
): Promise<{ pages: number }> {
  const layout = LABEL_LAYOUTS[options.layout];
  if (!layout) throw new RangeError(`unknown label layout "${options.layout}"`);
  if (labels.length === 0) throw new RangeError('renderLabelSheet needs at least one label');
  if (!/^https?:\/\/[^/\s]+/.test(options.baseUrl)) throw new RangeError(`baseUrl must be an http(s) origin: "${options.baseUrl}"`);

  const doc = new (pdfDocument())({
    size: pageSizePt(layout),
    margin: 0,
    autoFirstPage: false,
    info: { Title: `Baoxiu labels (${layout.id})`, Creator: 'Baoxiu 报修' },
  });
  const fonts = cjkFonts();
  doc.registerFont('cjk', fonts.cjk);
  doc.registerFont('cjk-bold', fonts['cjk-bold']);
  const ctx = sheetContext(doc, layout, options.baseUrl, options.logo ? doc.openImage(options.logo) : undefined);

  const piping = pipeline(doc, out);
  piping.catch(() => undefined); // awaited below; this only keeps an early consumer error from being unhandled meanwhile
  const perPage = labelsPerPage(layout);
  let pages = 0;
  for (let i = 0; i < labels.length && !doc.destroyed; i++) {
    const slot = i % perPage;
    if (slot === 0) {
      if (i > 0) options.onProgress?.(i, labels.length);
      if (i > 0) await drained(doc, out);
      doc.addPage();
      pages++;
    }
    drawLabel(doc, labelRect(layout, slot), labels[i], ctx);
  }
  doc.end();
  await piping;
  options.onProgress?.(labels.length, labels.length);
  return { pages };
}

/** Per-sheet decisions that are the same for every label: text column geometry and the call to action. */
function sheetContext(
  doc: PDFKit.PDFDocument,
  layout: LabelLayout,
  baseUrl: string,
  logo: PDFKit.Mixins.OpenedImage | undefined,
): SheetContext {
  const inner = innerRect(layout, labelRect(layout, 0));
  const textX = inner.height + layout.gutter * MM_TO_PT; // relative to the inner box: the QR is a square of its height
  const textWidth = inner.width - textX;
  const { cta: size } = layout.type;
  const oneLine = `${LABEL_CTA.zh} · ${LABEL_CTA.en}`;
  const fitsOneLine = doc.font('cjk-bold', size).widthOfString(oneLine) <= textWidth;
  const cta = fitsOneLine
    ? [fitLine(doc, oneLine, 'cjk-bold', textWidth, size, size)]
    : [
        fitLine(doc, LABEL_CTA.zh, 'cjk-bold', textWidth, size * 1.25, size * 0.7),
        fitLine(doc, LABEL_CTA.en, 'cjk', textWidth, size, size * 0.7),
      ];
  return { layout, baseUrl, logo, textX, textWidth, cta };
}

function innerRect(layout: LabelLayout, cell: Rect): Rect {
  const pad = layout.padding * MM_TO_PT;
  return { x: cell.x + pad, y: cell.y + pad, width: cell.width - 2 * pad, height: cell.height - 2 * pad };
}

/** QR on the left; logo, name and site on top of the text column; code and call to action at its bottom. */
function drawLabel(doc: PDFKit.PDFDocument, cell: Rect, label: LabelData, ctx: SheetContext): void {
  const { layout, textWidth: width } = ctx;
  const type = layout.type;
  const inner = innerRect(layout, cell);
  const x = inner.x + ctx.textX;
  const bottom = inner.y + inner.height;

  doc.save();
  // A hard guarantee on top of the fitting below: nothing drawn for this label can reach its neighbour.
  doc.rect(cell.x, cell.y, cell.width, cell.height).clip();
  if (label.wxacode) doc.image(label.wxacode, inner.x, inner.y, { fit: [inner.height, inner.height] });
  else drawQr(doc, publicAssetUrl(ctx.baseUrl, label.code), inner.x, inner.y, inner.height);

  let y = inner.y;
  if (ctx.logo) {
    const logoHeight = inner.height * 0.16;
    doc.image(ctx.logo, x, y, { fit: [width, logoHeight] });
    y += logoHeight + 0.8 * MM_TO_PT;
  }

  const code = fitLine(doc, formatAssetCode(label.code), 'Courier-Bold', width, type.code, type.code * 0.6);
  const ctaHeight = ctx.cta.reduce((sum, line) => sum + blockHeight(line), 0);
  const codeY = bottom - ctaHeight - blockHeight(code);
  const room = codeY - 0.5 * MM_TO_PT - y;

  const name = fitText(doc, cleanLabelText(label.name), 'cjk-bold', width, type.nameMax, type.nameMin, type.nameLines);
  const metaText = [cleanLabelText(label.site), cleanLabelText(label.location)].filter(Boolean).join(' / ');
  const meta = metaText ? fitText(doc, metaText, 'cjk', width, type.meta, type.meta, type.metaLines) : undefined;
  // On a crowded label the site gives up lines first, then the name; the ellipsis shows something was cut.
  while (blockHeight(name) + (meta ? blockHeight(meta) : 0) > room) {
    if (meta && meta.lines > 1) meta.lines--;
    else if (name.lines > 1) name.lines--;
    else if (meta && meta.lines === 1) meta.lines = 0;
    else break;
  }
  drawText(doc, name, x, y, width);
  if (meta) drawText(doc, meta, x, y + blockHeight(name), width);

  drawText(doc, code, x, codeY, width);
  let ctaY = codeY + blockHeight(code);
  for (const line of ctx.cta) {
    drawText(doc, line, x, ctaY, width);
    ctaY += blockHeight(line);
  }
  doc.restore();
}

/** Lets the pipe move what pdfkit pushed, then waits while the reader is behind, so 10,000 labels never sit in memory. */
async function drained(doc: PDFKit.PDFDocument, out: NodeJS.WritableStream): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (doc.readableLength > HIGH_WATER_BYTES && !doc.destroyed) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        out.removeListener('drain', done);
        out.removeListener('close', done);
        out.removeListener('error', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
      out.on('error', done);
    });
  }
}
