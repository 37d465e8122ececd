import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { exceljs } from '../../lib/lazy-libs';
import type { CellValue } from 'exceljs';
import { ImportError } from './assets.import.errors';
import { checkZipInflation } from './assets.import.zip';

/** A cell as read: CSV gives strings; XLSX may also give numbers, booleans and dates. */
export type RawCell = string | number | boolean | Date | null;

export interface RawTable {
  format: 'csv' | 'xlsx';
  headers: string[];
  /** `line` is the spreadsheet row number (the header is usually row 1), so users find the row in Excel. */
  rows: Array<{ line: number; cells: RawCell[] }>;
}

export interface ReadLimits {
  maxRows: number;
  maxBytes: number;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // legacy .xls (and .doc): exceljs cannot read it
/** A zip inflating to more than this many times the upload limit (and at most 50 MiB) is refused before exceljs loads it. */
const MAX_UNPACK_RATIO = 20;
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/** Reads CSV or XLSX, told apart by content rather than by name, into a header and its non-blank rows. */
export async function readTable(buffer: Buffer, limits: ReadLimits): Promise<RawTable> {
  if (buffer.length === 0) throw new ImportError('IMPORT_EMPTY');
  if (buffer.length > limits.maxBytes) throw new ImportError('IMPORT_TOO_LARGE', { maxBytes: limits.maxBytes, bytes: buffer.length });
  let format: RawTable['format'];
  let grid: Array<{ line: number; cells: RawCell[] }>;
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) {
    format = 'xlsx';
    grid = await readXlsx(buffer, limits);
  } else if (buffer.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new ImportError('IMPORT_UNSUPPORTED_FILE', { detected: 'xls', hint: '请另存为 .xlsx 或 CSV / save it as .xlsx or CSV' });
  } else {
    format = 'csv';
    grid = readCsv(buffer);
  }
  const nonBlank = grid.filter((row) => row.cells.some((cell) => cell !== null && String(cell).trim() !== ''));
  const [header, ...rows] = nonBlank;
  if (!header || rows.length === 0) throw new ImportError('IMPORT_EMPTY');
  if (rows.length > limits.maxRows) throw new ImportError('IMPORT_TOO_LARGE', { maxRows: limits.maxRows, rows: rows.length });
  return { format, headers: header.cells.map((cell) => cellText(cell)), rows };
}

/** Excel saves "CSV UTF-8" with a BOM, plain "CSV" in the system code page (GBK in China), "Unicode text" as UTF-16. */
function decodeText(buffer: Buffer): string | null {
  const attempts: Array<[string, Buffer]> = [];
  if (buffer[0] === 0xff && buffer[1] === 0xfe) attempts.push(['utf-16le', buffer.subarray(2)]);
  else if (buffer[0] === 0xfe && buffer[1] === 0xff) attempts.push(['utf-16be', buffer.subarray(2)]);
  else attempts.push(['utf-8', buffer], ['gb18030', buffer]);
  for (const [encoding, bytes] of attempts) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // not this encoding; try the next
    }
  }
  return null;
}

function readCsv(buffer: Buffer): Array<{ line: number; cells: RawCell[] }> {
  const text = decodeText(buffer);
  // Control characters other than tab and line breaks mean a binary file (PDF, image…) that happened to decode.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point of this test
  if (text === null || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(text.slice(0, 64 * 1024))) {
    throw new ImportError('IMPORT_UNSUPPORTED_FILE');
  }
  if (text.trim() === '') throw new ImportError('IMPORT_EMPTY');
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter: guessDelimiter(text), relax_column_count: true, relax_quotes: true, bom: true });
  } catch (error) {
    if (error instanceof CsvError) throw new ImportError('IMPORT_MALFORMED', { reason: error.code });
    throw error;
  }
  // csv-parse keeps blank lines as records, so the record number is the row number Excel shows.
  return records.map((cells, i) => ({ line: i + 1, cells }));
}

/** Excel writes `;` where the decimal separator is a comma, and tabs for "Unicode text": pick what the header uses most. */
function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best[1] > 0 ? best[0] : ',';
}

async function readXlsx(buffer: Buffer, limits: ReadLimits): Promise<Array<{ line: number; cells: RawCell[] }>> {
  const budget = Math.min(limits.maxBytes * MAX_UNPACK_RATIO, MAX_UNPACKED_BYTES);
  const zip = await checkZipInflation(buffer, budget);
  if (!zip.ok && zip.reason === 'unreadable') throw new ImportError('IMPORT_UNSUPPORTED_FILE', { reason: 'not a readable zip archive' });
  if (!zip.ok) throw new ImportError('IMPORT_TOO_LARGE', { maxBytes: limits.maxBytes, maxUnpackedBytes: budget });
  const workbook = new (exceljs().Workbook)();
  try {
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; a copied ArrayBuffer satisfies them honestly.
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  } catch {
    // The library's own words may quote the file or its internals: never echoed to the client.
    throw new ImportError('IMPORT_UNSUPPORTED_FILE', { reason: 'not a readable workbook' });
  }
  const sheet = workbook.worksheets[0];
  // Every workbook has a sheet; a zip without one is some other document (.docx, an archive…).
  if (!sheet) throw new ImportError('IMPORT_UNSUPPORTED_FILE', { reason: 'no worksheet' });
  // +1 for the header; checked before walking the rows so a huge sheet costs nothing more.
  if (sheet.actualRowCount > limits.maxRows + 1) {
    throw new ImportError('IMPORT_TOO_LARGE', { maxRows: limits.maxRows, rows: sheet.actualRowCount - 1 });
  }
  const width = sheet.columnCount;
  const grid: Array<{ line: number; cells: RawCell[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: RawCell[] = [];
    for (let col = 1; col <= width; col++) cells.push(rawCell(row.getCell(col).value));
    grid.push({ line, cells });
  });
  return grid;
}

/** Flattens exceljs' rich text, hyperlinks and formulas to the value a person sees in the cell. */
function rawCell(value: CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : rawCell(value.text);
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : rawCell(value.result);
  return null; // an error cell (#N/A…) has no value to import
}

/** A cell as the text a person typed; dates as YYYY-MM-DD, whole numbers without exponent. */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === 'number' && Number.isInteger(cell) && Math.abs(cell) < 1e21) return cell.toFixed(0);
  // Our exports write `'=…` for a text starting like a formula (lib/csv.ts): read back the text itself.
  return String(cell)
    .trim()
    .replace(/^'(?=[=+\-@\t\r])/, '');
}

/** Excel date cells are stored as midnight UTC of the calendar day. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
