import { create as createQr } from 'qrcode';

/** ISO/IEC 18004 asks for 4 light modules around the symbol; scanners fail on busy backgrounds without it. */
export const QR_QUIET_ZONE_MODULES = 4;

/** Dark runs of one QR: [row, firstColumn, length] in module units, quiet zone excluded. */
export interface QrRuns {
  size: number;
  runs: Array<[number, number, number]>;
}

/** Level-M QR as row runs of dark modules; one byte segment, since qrcode's segment optimiser costs 25 % and gains nothing on a URL. */
export function qrRuns(text: string): QrRuns {
  const { modules } = createQr([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const { size, data } = modules;
  const runs: Array<[number, number, number]> = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  }
  return { size, runs };
}

/** Vector QR in the square (x, y, side), quiet zone included; integer module units make the PDF less than half the size of rect() calls. */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const { size, runs } = qrRuns(text);
  const module = side / (size + 2 * QR_QUIET_ZONE_MODULES);
  const ops: string[] = [];
  // Runs overlap the next row by a hair so viewers show no seams between rows.
  for (const [row, col, length] of runs) ops.push(`${col} ${row} ${length} ${row === size - 1 ? '1' : '1.04'} re`);
  doc.save();
  doc.transform(module, 0, 0, module, x + QR_QUIET_ZONE_MODULES * module, y + QR_QUIET_ZONE_MODULES * module);
  doc.fillColor('black');
  doc.addContent(`${ops.join('\n')}\nf`);
  doc.restore();
}
