import { AssetInputSchema } from '@baoxiu/shared';
import type { AssetBody, AssetView } from '../../../api/asset-registry';
import type { ApiError } from '../../../api/errors';
import { tc } from '../../../i18n/console';

export type CustomType = 'text' | 'number' | 'boolean';

export interface CustomRow {
  key: string;
  value: string;
  type: CustomType;
}

/** What the form holds: strings as typed, so nothing is reshaped or lost while the user edits. */
export interface AssetDraft {
  siteId: string;
  name: string;
  model: string;
  serial: string;
  category: string;
  location: string;
  warrantyUntil: string;
  externalId: string;
  custom: CustomRow[];
}

export type DraftField = Exclude<keyof AssetDraft, 'custom'> | 'customFields';
export type FieldErrors = Partial<Record<DraftField, string>>;

export function emptyDraft(siteId?: number): AssetDraft {
  return {
    siteId: siteId ? String(siteId) : '',
    name: '',
    model: '',
    serial: '',
    category: '',
    location: '',
    warrantyUntil: '',
    externalId: '',
    custom: [],
  };
}

export function draftOf(asset: AssetView): AssetDraft {
  return {
    siteId: String(asset.siteId),
    name: asset.name,
    model: asset.model ?? '',
    serial: asset.serial ?? '',
    category: asset.category ?? '',
    location: asset.location ?? '',
    warrantyUntil: asset.warrantyUntil ?? '',
    externalId: asset.externalId ?? '',
    custom: Object.entries(asset.customFields).map(([key, value]) => ({
      key,
      value: String(value),
      type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text',
    })),
  };
}

// An emptied optional field is sent as null, so an edit can clear it.
const text = (value: string): string | null => value.trim() || null;

type CustomResult = { fields: Record<string, string | number | boolean> } | { error: string };

function customFieldsOf(rows: CustomRow[]): CustomResult {
  const fields: Record<string, string | number | boolean> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && !row.value.trim()) continue; // a blank row the user added and left
    if (!key) return { error: tc('customNeedsName') };
    if (key in fields) return { error: `${tc('customDuplicate')} ${key}` };
    if (row.type === 'number') {
      const n = Number(row.value.trim());
      if (!row.value.trim() || !Number.isFinite(n)) return { error: `${tc('customNotNumber')} ${key}` };
      fields[key] = n;
    } else if (row.type === 'boolean') {
      fields[key] = row.value === 'true';
    } else {
      fields[key] = row.value.trim();
    }
  }
  return { fields };
}

export type BuildResult = { body: AssetBody; errors: null } | { body: null; errors: FieldErrors };

/** Checks the draft with the shared schema (the server's own rules) and builds the request body. */
export function buildBody(draft: AssetDraft): BuildResult {
  const custom = customFieldsOf(draft.custom);
  const body: AssetBody = {
    siteId: Number(draft.siteId) || 0,
    name: draft.name.trim(),
    model: text(draft.model),
    serial: text(draft.serial),
    category: text(draft.category),
    location: text(draft.location),
    warrantyUntil: text(draft.warrantyUntil),
    externalId: text(draft.externalId),
    customFields: 'fields' in custom ? custom.fields : {},
  };
  const errors: FieldErrors = {};
  if ('error' in custom) errors.customFields = custom.error;
  const parsed = AssetInputSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name') as DraftField;
      errors[field] ??= messageFor(field);
    }
  }
  return Object.keys(errors).length ? { body: null, errors } : { body, errors: null };
}

function messageFor(field: DraftField): string {
  if (field === 'siteId') return tc('needSite');
  if (field === 'name') return tc('needName');
  if (field === 'warrantyUntil') return tc('badDate');
  if (field === 'customFields') return tc('badCustomFields');
  return tc('tooLong');
}

/** A 400 VALIDATION_FAILED lists `{ path, message }` issues: put each next to its field. */
export function serverFieldErrors(error: ApiError): FieldErrors {
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return {};
  const errors: FieldErrors = {};
  for (const issue of issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null || !('path' in issue)) continue;
    const field = String(issue.path).split('.')[0] as DraftField;
    const message = 'message' in issue && typeof issue.message === 'string' ? issue.message : error.message;
    errors[field] ??= message;
  }
  return errors;
}
