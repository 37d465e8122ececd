import { mapHeaders } from './assets.import.columns';
import { readTable } from './assets.import.read';
import { validateRows } from './assets.import.rows';
import type { ImportContext, ImportRowResult } from './assets.import.rows';

export { IMPORT_COLUMNS, IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS } from './assets.import.columns';
export type { ImportField } from './assets.import.columns';
export { IMPORT_FILE_ERRORS, IMPORT_ROW_ERRORS, ImportError } from './assets.import.errors';
export type { ImportErrorCode, ImportRowError, ImportRowErrorCode } from './assets.import.errors';
export { parseImportDate } from './assets.import.rows';
export type { AssetImportRow, ImportContext, ImportRowResult } from './assets.import.rows';
export { IMPORT_TEMPLATE_EXAMPLE, buildImportTemplate } from './assets.import.template';

export interface AssetImportFile {
  buffer: Buffer;
  /** Informational only: the type is read from the content, since names and browsers' MIME types lie. */
  filename: string;
  mimetype?: string;
}

export interface ImportLimits {
  maxRows?: number;
  maxBytes?: number;
}

export const IMPORT_DEFAULT_LIMITS = { maxRows: 5_000, maxBytes: 5 * 1024 * 1024 } as const;

export interface ImportPreview {
  format: 'csv' | 'xlsx';
  /** Every non-blank data row, in file order; `input` is null exactly when `errors` is not empty. */
  rows: ImportRowResult[];
  /** Rows without errors, and rows with at least one error. */
  validCount: number;
  errorCount: number;
  /** Among the valid rows: how many would add an asset and how many update one found by serial. */
  createCount: number;
  updateCount: number;
}

/** Reads a CSV (UTF-8, GBK, UTF-16) or XLSX asset sheet into a per-row report; throws `ImportError` when the whole file is unusable. */
export async function parseAssetImport(file: AssetImportFile, context: ImportContext, limits: ImportLimits = {}): Promise<ImportPreview> {
  const table = await readTable(file.buffer, {
    maxRows: limits.maxRows ?? IMPORT_DEFAULT_LIMITS.maxRows,
    maxBytes: limits.maxBytes ?? IMPORT_DEFAULT_LIMITS.maxBytes,
  });
  const rows = validateRows(table, mapHeaders(table.headers), context);
  const valid = rows.filter((row) => row.errors.length === 0);
  return {
    format: table.format,
    rows,
    validCount: valid.length,
    errorCount: rows.length - valid.length,
    createCount: valid.filter((row) => row.action === 'create').length,
    updateCount: valid.filter((row) => row.action === 'update').length,
  };
}
