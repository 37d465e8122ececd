/** Font names registered on every label document (see labels.pdf.ts); Courier-Bold is a PDF standard font. */
export type LabelFont = 'cjk' | 'cjk-bold' | 'Courier-Bold';

/** A run of text decided for one label: what, in which font and size, on how many lines at most. */
export interface FittedText {
  text: string;
  font: LabelFont;
  size: number;
  lines: number;
  lineHeight: number;
}

/** Newlines and tabs from spreadsheets would break the layout; labels show one flowing string. */
export function cleanLabelText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function lineHeightOf(doc: PDFKit.PDFDocument, font: LabelFont, size: number): number {
  return doc.font(font, size).currentLineHeight(true);
}

/** How many lines `text` wraps to at `size` within `width`, or `limit + 1` when it is clearly more than `limit`. */
function linesNeeded(doc: PDFKit.PDFDocument, text: string, font: LabelFont, size: number, width: number, limit: number): number {
  doc.font(font, size);
  const whole = doc.widthOfString(text);
  if (whole <= width) return 1;
  // Wrapping never packs tighter than the unbroken width, so skip the costly wrap when it cannot fit.
  if (whole > width * limit) return limit + 1;
  return Math.round(doc.heightOfString(text, { width }) / doc.currentLineHeight(true));
}

/** Largest half-point size in [min, max] that fits `maxLines` lines of `width`; past `min`, drawing ends in an ellipsis. */
export function fitText(
  doc: PDFKit.PDFDocument,
  text: string,
  font: LabelFont,
  width: number,
  max: number,
  min: number,
  maxLines: number,
): FittedText {
  for (let size = max; size >= min; size -= 0.5) {
    const lines = linesNeeded(doc, text, font, size, width, maxLines);
    if (lines <= maxLines) return { text, font, size, lines, lineHeight: lineHeightOf(doc, font, size) };
  }
  return { text, font, size: min, lines: maxLines, lineHeight: lineHeightOf(doc, font, min) };
}

/** One line, shrunk proportionally between `max` and `min` to fit `width` (the ellipsis catches the rest). */
export function fitLine(doc: PDFKit.PDFDocument, text: string, font: LabelFont, width: number, max: number, min: number): FittedText {
  const atOne = doc.font(font, 1).widthOfString(text);
  const size = Math.max(min, Math.min(max, atOne > 0 ? width / atOne : max));
  return { text, font, size, lines: 1, lineHeight: lineHeightOf(doc, font, size) };
}

/** Height the block will take, which is also how far the next block starts below it. */
export function blockHeight(fitted: FittedText): number {
  return fitted.lines * fitted.lineHeight;
}

/** Draws at most `fitted.lines` lines: `height` also keeps pdfkit from starting a new page, and the ellipsis marks a cut. */
export function drawText(doc: PDFKit.PDFDocument, fitted: FittedText, x: number, y: number, width: number): void {
  if (!fitted.text || fitted.lines < 1) return;
  doc.font(fitted.font, fitted.size).text(fitted.text, x, y, {
    width,
    height: fitted.lineHeight * (fitted.lines + 0.5),
    ellipsis: true,
    lineGap: 0,
  });
}
