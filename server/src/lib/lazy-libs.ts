import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';
import type PDFDocumentClass from 'pdfkit';

/**
 * The two heavy document libraries, loaded on first use rather than at start: together they add ≈ 29 MB to every
 * process (exceljs ≈ 19 MB, pdfkit ≈ 10 MB, measured with `require` on Node 20), and most API processes never build
 * a spreadsheet or a PDF. A memo of a module, the same in every system (not per-system state).
 */
const load = createRequire(__filename);

let excel: typeof ExcelJSModule | undefined;
let pdf: typeof PDFDocumentClass | undefined;

export function exceljs(): typeof ExcelJSModule {
  excel ??= load('exceljs') as typeof ExcelJSModule;
  return excel;
}

export function pdfDocument(): typeof PDFDocumentClass {
  pdf ??= load('pdfkit') as typeof PDFDocumentClass;
  return pdf;
}
