import { exceljs } from '../../lib/lazy-libs';
import { csvRows, neutralizeFormula } from '../../lib/csv';
import type { AssetExportQuery } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { Site } from './site.entity';
import { filteredAssets } from './assets.service';
import { publicAssetUrl } from './assets.presenter';
import { EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS, IMPORT_FIELDS } from './assets.import.columns';

const MAX_EXPORT_ROWS = 50_000;
const header = (c: { zh: string; en: string }) => `${c.zh} / ${c.en}`;

/** The filtered list in the import template's columns (plus code and URL), so an export imports back as updates. */
export async function exportAssets(
  deps: Deps,
  tenantId: number,
  q: AssetExportQuery,
): Promise<{ body: Buffer; type: string; filename: string }> {
  const assets = await (await filteredAssets(deps, tenantId, q)).orderBy('a.id', 'ASC').take(MAX_EXPORT_ROWS).getMany();
  const sites = new Map((await deps.db.ds.getRepository(Site).findBy({ tenantId })).map((s) => [s.id, s.name]));
  const customKeys = [...new Set(assets.flatMap((a) => Object.keys(a.customFields ?? {})))].sort();
  const head = [
    header(EXPORT_ONLY_COLUMNS.code),
    ...IMPORT_FIELDS.map((f) => header(IMPORT_COLUMNS[f])),
    ...customKeys,
    header(EXPORT_ONLY_COLUMNS.url),
  ];
  const rows = assets.map((a) => {
    const known: Record<(typeof IMPORT_FIELDS)[number], string> = {
      name: a.name,
      site: sites.get(a.siteId) ?? String(a.siteId),
      model: a.model ?? '',
      serial: a.serial ?? '',
      category: a.category ?? '',
      location: a.location ?? '',
      warrantyUntil: a.warrantyUntil ?? '',
      externalId: a.externalId ?? '',
    };
    const custom = customKeys.map((k) => (a.customFields?.[k] === undefined ? '' : String(a.customFields[k])));
    return [a.code, ...IMPORT_FIELDS.map((f) => known[f]), ...custom, publicAssetUrl(deps.config.publicBaseUrl, a.code)];
  });
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  if (q.format === 'csv') {
    // BOM: Excel on Chinese Windows opens UTF-8 CSV correctly only with it.
    const body = Buffer.concat([Buffer.from('\ufeff'), Buffer.from(csvRows([head, ...rows]))]);
    return { body, type: 'text/csv; charset=utf-8', filename: `assets-${stamp}.csv` };
  }
  const book = new (exceljs().Workbook)();
  const sheet = book.addWorksheet('assets');
  sheet.addRow(head).font = { bold: true };
  // Text cells neutralised as in the CSV, so a cell never turns into a formula when someone edits it in Excel.
  for (const r of rows) sheet.addRow(r.map(neutralizeFormula));
  sheet.columns.forEach((c) => (c.width = 18));
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return { body, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `assets-${stamp}.xlsx` };
}
