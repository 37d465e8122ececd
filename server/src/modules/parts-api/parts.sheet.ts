import { exceljs } from '../../lib/lazy-libs';
import { In } from 'typeorm';
import { PartInputSchema, type FileFormat, type PartImportResult, type PartInput } from '@baoxiu/shared';
import { csvRows, neutralizeFormula } from '../../lib/csv';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { readTable, type RawCell } from '../assets/assets.import.read';
import { ImportError } from '../assets/assets.import.errors';
import { Part } from '../parts/part.entity';
import { yuanText } from '../parts/money';
import { refreshLowStock } from '../parts/stock.service';

/** The sheet's columns: `中文 / English` headers, either half accepted on import. Money is in yuan (two decimals at most). */
const COLUMNS = [
  { key: 'sku', zh: '编号', en: 'SKU', required: true },
  { key: 'name', zh: '名称', en: 'Name', required: true },
  { key: 'unit', zh: '单位', en: 'Unit', required: true },
  { key: 'cost', zh: '成本（元）', en: 'Cost (CNY)', required: true },
  { key: 'price', zh: '售价（元）', en: 'Price (CNY)', required: true },
  { key: 'minStock', zh: '最低库存', en: 'Min stock', required: false },
  { key: 'barcode', zh: '条码', en: 'Barcode', required: false },
  { key: 'categories', zh: '类别', en: 'Categories', required: false },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

const MAX_ROWS = 5_000;
const MAX_BYTES = 5 * 1024 * 1024;
const header = (c: (typeof COLUMNS)[number]) => `${c.zh} / ${c.en}`;
const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export async function exportParts(
  deps: Deps,
  tenantId: number,
  format: FileFormat,
): Promise<{ body: Buffer; type: string; filename: string }> {
  const parts = await deps.db.ds.getRepository(Part).find({ where: { tenantId }, order: { id: 'ASC' }, take: 50_000 });
  const head = COLUMNS.map(header);
  const rows = parts.map((p) => [
    p.sku,
    p.name,
    p.unit,
    yuanText(p.cost),
    yuanText(p.price),
    String(p.minStock),
    p.barcode ?? '',
    p.categories.join(';'),
  ]);
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  if (format === 'csv') {
    return {
      body: Buffer.concat([Buffer.from('\ufeff'), Buffer.from(csvRows([head, ...rows]))]),
      type: 'text/csv; charset=utf-8',
      filename: `parts-${stamp}.csv`,
    };
  }
  const book = new (exceljs().Workbook)();
  const sheet = book.addWorksheet('parts');
  sheet.addRow(head).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(neutralizeFormula));
  sheet.columns.forEach((c) => (c.width = 18));
  return {
    body: Buffer.from(await book.xlsx.writeBuffer()),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `parts-${stamp}.xlsx`,
  };
}

/** Yuan as a cell holds it (text "12.5" or the number 12.5) → fen, or null when it is not such an amount. */
export function fenOfCell(cell: RawCell): number | null {
  const text = typeof cell === 'number' ? String(cell) : typeof cell === 'string' ? cell.trim() : '';
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

const textOf = (cell: RawCell): string =>
  (cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).trim();

type PartImportRow = PartImportResult['rows'][number];

/**
 * Reads a parts sheet: a row's SKU names the part (an existing SKU is updated, a new one created). Preview writes
 * nothing; commit writes every valid row in one transaction (none valid: 422 IMPORT_NOTHING_VALID).
 */
export async function importParts(deps: Deps, tenantId: number, buffer: Buffer, commit: boolean): Promise<PartImportResult> {
  const table = await readTable(buffer, { maxRows: MAX_ROWS, maxBytes: MAX_BYTES });
  const index = new Map<ColumnKey, number>();
  table.headers.forEach((h, i) => {
    const names = h.split('/').map(norm);
    const col = COLUMNS.find((c) => names.includes(norm(c.zh)) || names.includes(norm(c.en)) || names.includes(norm(c.key)));
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  const missing = COLUMNS.filter((c) => c.required && !index.has(c.key)).map(header);
  if (missing.length > 0) throw new ImportError('IMPORT_BAD_HEADERS', { missing });
  const cell = (cells: RawCell[], key: ColumnKey): RawCell => {
    const i = index.get(key);
    return i === undefined ? null : (cells[i] ?? null);
  };
  const seen = new Map<string, number>();
  const parsed = table.rows.map(({ line, cells }) => {
    const errors: Array<{ field: string; message: string }> = [];
    const cost = fenOfCell(cell(cells, 'cost'));
    const price = fenOfCell(cell(cells, 'price'));
    if (cost === null)
      errors.push({ field: 'cost', message: '成本应为金额（元，最多两位小数） / cost is an amount in CNY with at most two decimals' });
    if (price === null)
      errors.push({ field: 'price', message: '售价应为金额（元，最多两位小数） / price is an amount in CNY with at most two decimals' });
    const minText = textOf(cell(cells, 'minStock'));
    const categories = textOf(cell(cells, 'categories'))
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const candidate = {
      sku: textOf(cell(cells, 'sku')),
      name: textOf(cell(cells, 'name')),
      unit: textOf(cell(cells, 'unit')),
      cost: cost ?? 0,
      price: price ?? 0,
      minStock: minText === '' ? 0 : Number(minText),
      barcode: textOf(cell(cells, 'barcode')) || null,
      categories,
    };
    const result = PartInputSchema.safeParse(candidate);
    if (!result.success)
      for (const issue of result.error.issues) errors.push({ field: String(issue.path[0] ?? ''), message: issue.message });
    const first = seen.get(candidate.sku);
    if (first !== undefined) errors.push({ field: 'sku', message: `编号与第 ${first} 行重复 / SKU already on line ${first}` });
    else seen.set(candidate.sku, line);
    return { line, input: errors.length === 0 && result.success ? result.data : null, errors };
  });
  const skus = parsed.flatMap((r) => (r.input ? [r.input.sku] : []));
  const existing = new Map(
    (skus.length ? await deps.db.ds.getRepository(Part).findBy({ tenantId, sku: In(skus) }) : []).map((p) => [p.sku, p]),
  );
  const rows: PartImportRow[] = parsed.map((r) => ({ ...r, action: r.input && existing.has(r.input.sku) ? 'update' : 'create' }));
  const valid = rows.filter((r) => r.input);
  const counts = { created: valid.filter((r) => r.action === 'create').length, updated: valid.filter((r) => r.action === 'update').length };
  if (!commit) return { format: table.format, rows, ...counts, committed: false };
  if (valid.length === 0) throw new AppError('IMPORT_NOTHING_VALID', { rows: rows.length });
  const now = deps.clock.now();
  await deps.db.transaction(async (em) => {
    const updated: number[] = [];
    for (const r of valid) {
      const input = r.input as PartInput;
      const fields = {
        name: input.name,
        unit: input.unit,
        cost: input.cost,
        price: input.price,
        minStock: input.minStock,
        barcode: input.barcode ?? null,
        categories: input.categories ?? [],
      };
      const part = existing.get(input.sku);
      if (part) {
        await em.update(Part, { id: part.id, tenantId }, { ...fields, updatedAt: now });
        updated.push(part.id);
      } else await em.insert(Part, { tenantId, sku: input.sku, ...fields, lowSince: null, createdAt: now, updatedAt: now });
    }
    // A new minimum may cross the line, as a PATCH does.
    if (updated.length > 0) await refreshLowStock(em, tenantId, updated, now);
  });
  return { format: table.format, rows, ...counts, committed: true };
}
