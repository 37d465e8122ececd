import type { LabelLayoutId } from '@baoxiu/shared';

// The ids live in shared (the console lists them); add a layout there and its geometry here.
export { LABEL_LAYOUT_IDS, LabelLayoutSchema, type LabelLayoutId } from '@baoxiu/shared';

/** Typography of one label, in points. */
export interface LabelTypography {
  nameMax: number;
  nameMin: number;
  nameLines: number;
  meta: number;
  metaLines: number;
  code: number;
  cta: number;
}

/** A page of labels, all lengths in millimetres as printed on the stock's packaging. */
export interface LabelLayout {
  id: LabelLayoutId;
  title: { zh: string; en: string };
  page: { width: number; height: number };
  columns: number;
  rows: number;
  label: { width: number; height: number };
  /** Offset of the first label from the page's top-left corner. */
  margin: { top: number; left: number };
  gap: { x: number; y: number };
  /** Blank border inside each label, so printer misalignment never cuts content. */
  padding: number;
  /** White between the QR and the text column. */
  gutter: number;
  type: LabelTypography;
}

const A4 = { width: 210, height: 297 };

export const LABEL_LAYOUTS: Readonly<Record<LabelLayoutId, LabelLayout>> = {
  // 70 × 37 mm, 24 a sheet, no gaps (Avery 3474 / common "A4 24格" stock).
  'a4-3x8': {
    id: 'a4-3x8',
    title: { zh: 'A4 不干胶 3×8（70×37 mm，每页 24 张）', en: 'A4 sheet 3×8 (70×37 mm, 24 a page)' },
    page: A4,
    columns: 3,
    rows: 8,
    label: { width: 70, height: 37 },
    margin: { top: 0.5, left: 0 },
    gap: { x: 0, y: 0 },
    padding: 2.5,
    gutter: 0.5,
    type: { nameMax: 9, nameMin: 6, nameLines: 2, meta: 6, metaLines: 2, code: 8, cta: 6 },
  },
  // 99.1 × 57 mm, 10 a sheet (Avery L7173 geometry).
  'a4-2x5': {
    id: 'a4-2x5',
    title: { zh: 'A4 不干胶 2×5（99×57 mm，每页 10 张）', en: 'A4 sheet 2×5 (99×57 mm, 10 a page)' },
    page: A4,
    columns: 2,
    rows: 5,
    label: { width: 99.1, height: 57 },
    margin: { top: 6, left: 4.65 },
    gap: { x: 2.5, y: 0 },
    padding: 3.5,
    gutter: 1,
    type: { nameMax: 13, nameMin: 8, nameLines: 3, meta: 8, metaLines: 3, code: 11, cta: 8 },
  },
  // One label a page: label printers feed a roll and cut or tear per page.
  'thermal-50x30': {
    id: 'thermal-50x30',
    title: { zh: '热敏标签 50×30 mm', en: 'Thermal label 50×30 mm' },
    page: { width: 50, height: 30 },
    columns: 1,
    rows: 1,
    label: { width: 50, height: 30 },
    margin: { top: 0, left: 0 },
    gap: { x: 0, y: 0 },
    padding: 1.5,
    gutter: 0,
    type: { nameMax: 7, nameMin: 5, nameLines: 2, meta: 5, metaLines: 1, code: 6, cta: 5 },
  },
  'thermal-60x40': {
    id: 'thermal-60x40',
    title: { zh: '热敏标签 60×40 mm', en: 'Thermal label 60×40 mm' },
    page: { width: 60, height: 40 },
    columns: 1,
    rows: 1,
    label: { width: 60, height: 40 },
    margin: { top: 0, left: 0 },
    gap: { x: 0, y: 0 },
    padding: 2,
    gutter: 0,
    type: { nameMax: 8, nameMin: 5.5, nameLines: 3, meta: 5.5, metaLines: 2, code: 6.5, cta: 5.5 },
  },
};

export const MM_TO_PT = 72 / 25.4;

export function labelsPerPage(layout: LabelLayout): number {
  return layout.columns * layout.rows;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Page size in points, as pdfkit wants it. */
export function pageSizePt(layout: LabelLayout): [number, number] {
  return [layout.page.width * MM_TO_PT, layout.page.height * MM_TO_PT];
}

/** Where the label at `slot` (0-based, row by row) sits on its page, in points from the top-left corner. */
export function labelRect(layout: LabelLayout, slot: number): Rect {
  const column = slot % layout.columns;
  const row = Math.floor(slot / layout.columns) % layout.rows;
  const { label, margin, gap } = layout;
  return {
    x: (margin.left + column * (label.width + gap.x)) * MM_TO_PT,
    y: (margin.top + row * (label.height + gap.y)) * MM_TO_PT,
    width: label.width * MM_TO_PT,
    height: label.height * MM_TO_PT,
  };
}
