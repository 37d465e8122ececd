import { csvRows } from '../../lib/csv';
import { exceljs } from '../../lib/lazy-libs';
import { IMPORT_COLUMNS, IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS } from './assets.import.columns';
import type { ImportField } from './assets.import.columns';

/** The template's example row; its site must exist for the row to import, which the console should say. */
export const IMPORT_TEMPLATE_EXAMPLE: Readonly<Record<ImportField, string>> & { custom: Readonly<Record<string, string>> } = {
  name: '1号楼中央空调',
  site: '总部大楼',
  model: 'GMV-H180WL',
  serial: 'SN20240001',
  category: '空调',
  location: '1号楼 屋顶',
  warrantyUntil: '2027-12-31',
  externalId: 'FA-000123',
  custom: { 品牌: '格力' },
};

const NOTES: Readonly<Record<ImportField, string>> = {
  name: '必填，最多 100 字 / Required, up to 100 characters',
  site: '必填：站点名称或站点 ID / Required: site name or site id',
  model: '选填 / Optional',
  serial: '选填；已存在的序列号会更新该设备而不是新建 / Optional; an existing serial updates that asset instead of adding one',
  category: '选填，用于派单技能匹配 / Optional, used to match engineers’ skills',
  location: '选填，如楼层、房间 / Optional, e.g. floor or room',
  warrantyUntil: '选填，日期 YYYY-MM-DD / Optional, a date YYYY-MM-DD',
  externalId: '选填，贵司的资产编号 / Optional, your own asset number',
};

function headers(): string[] {
  return [...IMPORT_FIELDS.map((f) => `${IMPORT_COLUMNS[f].zh} / ${IMPORT_COLUMNS[f].en}`), ...Object.keys(IMPORT_TEMPLATE_EXAMPLE.custom)];
}

function exampleRow(): string[] {
  return [...IMPORT_FIELDS.map((f) => IMPORT_TEMPLATE_EXAMPLE[f]), ...Object.values(IMPORT_TEMPLATE_EXAMPLE.custom)];
}

/** A file to fill in: bilingual headers and one example row; the XLSX adds header notes and an instructions sheet. */
export async function buildImportTemplate(format: 'csv' | 'xlsx'): Promise<Buffer> {
  // The BOM makes Excel open the UTF-8 CSV with the Chinese intact.
  if (format === 'csv') return Buffer.from(`\ufeff${csvRows([headers(), exampleRow()])}`, 'utf8');

  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'Baoxiu 报修';
  const sheet = workbook.addWorksheet('资产 Assets', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers());
  const example = exampleRow().map<string | Date>((value, i) =>
    IMPORT_FIELDS[i] === 'warrantyUntil' ? new Date(`${value}T00:00:00Z`) : value,
  );
  sheet.addRow(example);
  const header = sheet.getRow(1);
  header.font = { bold: true };
  IMPORT_FIELDS.forEach((field, i) => {
    const cell = header.getCell(i + 1);
    cell.note = NOTES[field];
    if (REQUIRED_IMPORT_FIELDS.includes(field)) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  headers().forEach((text, i) => {
    sheet.getColumn(i + 1).width = Math.max(14, text.length * 1.6);
  });
  const dateColumn = sheet.getColumn(IMPORT_FIELDS.indexOf('warrantyUntil') + 1);
  dateColumn.numFmt = 'yyyy-mm-dd';
  // Serials and external ids are text: as numbers Excel would drop leading zeros.
  for (const field of ['serial', 'externalId'] as const) sheet.getColumn(IMPORT_FIELDS.indexOf(field) + 1).numFmt = '@';

  const help = workbook.addWorksheet('说明 Help');
  help.addRow(['列 / Column', '说明 / Notes']).font = { bold: true };
  for (const field of IMPORT_FIELDS) help.addRow([`${IMPORT_COLUMNS[field].zh} / ${IMPORT_COLUMNS[field].en}`, NOTES[field]]);
  help.addRow(['其他列 / Other columns', '作为自定义字段导入（如示例中的“品牌”）/ Imported as custom fields (like “品牌” in the example)']);
  help.addRow(['', '只读取第一个工作表；空行会被忽略 / Only the first sheet is read; blank rows are skipped']);
  help.getColumn(1).width = 26;
  help.getColumn(2).width = 90;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
