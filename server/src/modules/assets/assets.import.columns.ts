import { ImportError } from './assets.import.errors';

/** The columns the importer understands; every other column becomes a custom field. */
export const IMPORT_FIELDS = ['name', 'site', 'model', 'serial', 'category', 'location', 'warrantyUntil', 'externalId'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['name', 'site'];

/** Chinese label first (the template's header is `中文 / english`), then accepted spellings. */
export const IMPORT_COLUMNS: Readonly<Record<ImportField, { zh: string; en: string; aliases: readonly string[] }>> = {
  name: { zh: '名称', en: 'name', aliases: ['设备名称', '资产名称', '设备', 'asset name', 'asset'] },
  site: { zh: '站点', en: 'site', aliases: ['站点名称', '站点id', '场所', 'site name', 'site id'] },
  model: { zh: '型号', en: 'model', aliases: ['规格型号'] },
  serial: { zh: '序列号', en: 'serial', aliases: ['sn', '序列号sn', 'serial number', 'serial no'] },
  category: { zh: '类别', en: 'category', aliases: ['分类', '设备类别'] },
  location: { zh: '位置', en: 'location', aliases: ['安装位置', '具体位置'] },
  warrantyUntil: {
    zh: '保修截止',
    en: 'warrantyUntil',
    aliases: ['保修截止日期', '保修到期', '保修期至', 'warranty until', 'warranty end', 'warranty'],
  },
  externalId: { zh: '外部编号', en: 'externalId', aliases: ['外部id', '资产编号', 'external id'] },
};

/** Columns of our own export that the system assigns, so an exported sheet imports back cleanly. */
export const EXPORT_ONLY_COLUMNS = { code: { zh: '设备编码', en: 'code' }, url: { zh: '报修链接', en: 'url' } } as const;
const IGNORED_HEADERS = new Set(
  Object.values(EXPORT_ONLY_COLUMNS).flatMap(({ zh, en }) => [zh, en, `${zh}/${en}`].map((h) => normalizeHeader(h))),
);

/** Custom fields share the asset's limits (shared `AssetInputSchema`): 30 keys of at most 50 characters. */
const MAX_CUSTOM_COLUMNS = 30;
const MAX_CUSTOM_KEY = 50;

/** Case, width (全角/半角), spaces, `_`, `-` and the `*` some people add to required headers do not matter. */
function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_*\-:：]/g, '');
}

const ALIAS_TO_FIELD = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => {
    const { zh, en, aliases } = IMPORT_COLUMNS[field];
    return [zh, en, ...aliases].map((alias) => [normalizeHeader(alias), field] as [string, ImportField]);
  }),
);

/** `名称 / name`, `名称(name)` and `名称｜name` each match on either part. */
function headerField(header: string): ImportField | undefined {
  const whole = ALIAS_TO_FIELD.get(normalizeHeader(header));
  if (whole) return whole;
  for (const part of header.normalize('NFKC').split(/[/|()\n]/)) {
    const field = ALIAS_TO_FIELD.get(normalizeHeader(part));
    if (field) return field;
  }
  return undefined;
}

export interface ColumnMap {
  /** Column index of each known field found in the header. */
  fields: Partial<Record<ImportField, number>>;
  /** Column index → custom field key (the header as written, trimmed). */
  custom: Array<{ index: number; key: string }>;
}

/** Maps header cells to fields; throws IMPORT_BAD_HEADERS listing every problem at once. */
export function mapHeaders(headers: readonly string[]): ColumnMap {
  const fields: Partial<Record<ImportField, number>> = {};
  const custom: Array<{ index: number; key: string }> = [];
  const duplicate: string[] = [];
  const invalid: string[] = [];
  const customKeys = new Set<string>();
  headers.forEach((raw, index) => {
    const header = raw.trim();
    if (!header) return; // Excel keeps stray formatted columns with no header: nothing to import there.
    if (IGNORED_HEADERS.has(normalizeHeader(header))) return;
    const field = headerField(header);
    if (field) {
      if (fields[field] === undefined) fields[field] = index;
      else duplicate.push(header);
    } else if (customKeys.has(header)) {
      duplicate.push(header);
    } else if (header.length > MAX_CUSTOM_KEY) {
      invalid.push(header);
    } else {
      customKeys.add(header);
      custom.push({ index, key: header });
    }
  });
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => fields[f] === undefined).map(
    (f) => `${IMPORT_COLUMNS[f].zh} / ${IMPORT_COLUMNS[f].en}`,
  );
  const tooManyCustom = custom.length > MAX_CUSTOM_COLUMNS;
  if (missing.length || duplicate.length || invalid.length || tooManyCustom) {
    throw new ImportError('IMPORT_BAD_HEADERS', {
      missing,
      duplicate,
      invalid,
      ...(tooManyCustom ? { maxCustomFields: MAX_CUSTOM_COLUMNS, customFields: custom.length } : {}),
      found: headers.map((h) => h.trim()).filter(Boolean),
    });
  }
  return { fields, custom };
}
