import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import { AssetInputSchema } from '@baoxiu/shared';
import { IMPORT_COLUMNS } from './assets.import.columns';
import type { ColumnMap, ImportField } from './assets.import.columns';
import { rowError } from './assets.import.errors';
import type { ImportRowError } from './assets.import.errors';
import { cellText, isoDate } from './assets.import.read';
import type { RawCell, RawTable } from './assets.import.read';

dayjs.extend(customParseFormat);

/** A row ready for the asset service: the shared `AssetInput` fields plus where it came from. */
export interface AssetImportRow {
  siteId: number;
  name: string;
  model: string | null;
  serial: string | null;
  category: string | null;
  location: string | null;
  warrantyUntil: string | null;
  /** The customer's own asset number; not an asset column yet, so the service decides where it goes. */
  externalId: string | null;
  customFields: Record<string, string>;
}

export interface ImportRowResult {
  line: number;
  /** `update` when the serial already exists in the tenant: re-importing a file updates instead of duplicating. */
  action: 'create' | 'update';
  input: AssetImportRow | null;
  errors: ImportRowError[];
}

export interface ImportContext {
  sites: ReadonlyArray<{ id: number; name: string }>;
  /** Serials already registered in the tenant, compared exactly after trimming. */
  existingSerials: ReadonlySet<string>;
}

const MAX_EXTERNAL_ID = 100;
/** What people type in Chinese and English spreadsheets (2026-1-5, 2026/01/05, 2026.1.5, 2026年1月5日, 20260105), time ignored. */
const TYPED_DATE = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

/** Names compare as people read them: case, full-width forms and repeated spaces do not matter. */
function siteKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function isImportField(field: string): field is ImportField {
  return Object.prototype.hasOwnProperty.call(IMPORT_COLUMNS, field);
}

function labels(field: ImportField): { zh: string; en: string } {
  return { zh: IMPORT_COLUMNS[field].zh, en: IMPORT_COLUMNS[field].en };
}

/** Accepts date cells, common typed forms and bare Excel serial numbers (a date column formatted as General). */
export function parseImportDate(cell: RawCell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : isoDate(cell);
  if (typeof cell === 'number') {
    if (cell >= 1 && cell < 100_000) return isoDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * 86_400_000));
  }
  const match = TYPED_DATE.exec(cellText(cell));
  if (!match) return null;
  const month = match[2] ?? match[4];
  const day = match[3] ?? match[5];
  const iso = `${match[1]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  // Strict parsing rejects days that do not exist, such as 2026-02-30.
  return dayjs(iso, 'YYYY-MM-DD', true).isValid() ? iso : null;
}

type SiteLookup = (text: string) => number | undefined;

/** By name first; a number is taken as a site id only when no site has that name. */
function siteLookup(sites: ImportContext['sites']): SiteLookup {
  const byName = new Map(sites.map((site) => [siteKey(site.name), site.id]));
  const ids = new Set(sites.map((site) => site.id));
  return (text) => byName.get(siteKey(text)) ?? (/^\d+$/.test(text) && ids.has(Number(text)) ? Number(text) : undefined);
}

/** Validates every row; all problems of a row are reported together, never only the first. */
export function validateRows(table: RawTable, columns: ColumnMap, context: ImportContext): ImportRowResult[] {
  const findSite = siteLookup(context.sites);
  const serialLines = new Map<string, number>();
  return table.rows.map(({ line, cells }) => {
    const cell = (field: ImportField): RawCell => {
      const index = columns.fields[field];
      return index === undefined ? null : (cells[index] ?? null);
    };
    const text = (field: ImportField): string | null => cellText(cell(field)) || null;
    const errors: ImportRowError[] = [];

    const name = text('name');
    if (!name) errors.push(rowError('name', 'MISSING_NAME'));

    const siteText = text('site');
    const siteId = siteText ? findSite(siteText) : undefined;
    if (!siteText) errors.push(rowError('site', 'MISSING_SITE'));
    else if (siteId === undefined) errors.push(rowError('site', 'UNKNOWN_SITE', { value: siteText }));

    const warrantyText = text('warrantyUntil');
    const warrantyUntil = warrantyText ? parseImportDate(cell('warrantyUntil')) : null;
    if (warrantyText && !warrantyUntil) errors.push(rowError('warrantyUntil', 'INVALID_DATE', { value: warrantyText }));

    const serial = text('serial');
    const firstLine = serial ? serialLines.get(serial) : undefined;
    if (serial && firstLine !== undefined) errors.push(rowError('serial', 'DUPLICATE_SERIAL_IN_FILE', { value: serial, firstLine }));
    else if (serial) serialLines.set(serial, line);

    const externalId = text('externalId');
    if (externalId && externalId.length > MAX_EXTERNAL_ID) {
      errors.push(rowError('externalId', 'TOO_LONG', { max: MAX_EXTERNAL_ID }, labels('externalId')));
    }

    // An empty cell means "not given", so an update keeps the stored value; fromEntries keeps a "__proto__" header as data.
    const customFields = Object.fromEntries(
      columns.custom.map(({ index, key }) => [key, cellText(cells[index] ?? null)] as const).filter(([, v]) => v !== ''),
    );
    const fields = {
      siteId,
      name,
      model: text('model'),
      serial,
      category: text('category'),
      location: text('location'),
      warrantyUntil,
      customFields,
    };
    errors.push(...schemaErrors(fields, errors));

    const action = serial && context.existingSerials.has(serial) ? 'update' : 'create';
    const input = errors.length === 0 && siteId !== undefined && name ? { ...fields, siteId, name, externalId } : null;
    return { line, action, input, errors };
  });
}

/** Lengths and formats from the shared asset schema, so an accepted row never fails later in the service. */
function schemaErrors(fields: Record<string, unknown>, already: ImportRowError[]): ImportRowError[] {
  // Placeholders for fields already reported missing, so the schema still checks all the others.
  const result = AssetInputSchema.safeParse({ ...fields, siteId: fields.siteId ?? 1, name: fields.name ?? '-' });
  if (result.success) return [];
  const errors: ImportRowError[] = [];
  const seen = new Set(already.map((e) => e.field));
  for (const issue of result.error.issues) {
    const [top, key] = issue.path.map(String);
    const field = top === 'customFields' && key ? key : top;
    if (!field || seen.has(field)) continue;
    seen.add(field);
    const known = isImportField(field) ? labels(field) : { zh: field, en: field };
    errors.push(
      issue.code === 'too_big' && typeof issue.maximum === 'number'
        ? rowError(field, 'TOO_LONG', { max: issue.maximum }, known)
        : rowError(field, 'INVALID_VALUE', {}, known),
    );
  }
  return errors;
}
