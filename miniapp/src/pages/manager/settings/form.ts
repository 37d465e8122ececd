import {
  KIND_RECIPIENT,
  NOTIFICATION_KINDS,
  RECIPIENT_TYPES,
  TemplateIdSchema,
  TemplateKeySchema,
  WechatSettingsSchema,
  type FieldSource,
  type NotificationKind,
  type RecipientType,
  type WechatSettingsInput,
  type WechatTemplateSetting,
} from '@baoxiu/shared';
import type { ApiError } from '../../../api/errors';
import { tc } from '../../../i18n/console';

export interface FieldRow {
  key: string;
  source: FieldSource;
}

/** One notification kind as the form holds it: text as typed, so nothing is reshaped while editing. */
export interface KindDraft {
  templateId: string;
  fields: FieldRow[];
}

export type SettingsDraft = Record<NotificationKind, KindDraft>;

export interface KindErrors {
  templateId?: string;
  fields?: string;
}

export type SettingsErrors = Partial<Record<NotificationKind, KindErrors>>;

export const MAX_FIELDS = 10;

/** Kinds grouped by who receives them, in the shared order. */
export const KINDS_BY_RECIPIENT: Record<RecipientType, NotificationKind[]> = Object.fromEntries(
  RECIPIENT_TYPES.map((r) => [r, NOTIFICATION_KINDS.filter((k) => KIND_RECIPIENT[k] === r)]),
) as Record<RecipientType, NotificationKind[]>;

/** Every kind gets a row; a kind the tenant has no template for is an empty one (not sent). */
export function draftOf(templates: readonly WechatTemplateSetting[]): SettingsDraft {
  const byKind = new Map(templates.map((t) => [t.kind, t]));
  const entries = NOTIFICATION_KINDS.map((kind): [NotificationKind, KindDraft] => {
    const found = byKind.get(kind);
    return [
      kind,
      {
        templateId: found?.templateId ?? '',
        fields: found ? Object.entries(found.fields).map(([key, source]) => ({ key, source })) : [],
      },
    ];
  });
  return Object.fromEntries(entries) as SettingsDraft;
}

function checkKind(draft: KindDraft): { setting: Omit<WechatTemplateSetting, 'kind'> | null; errors: KindErrors } {
  const templateId = draft.templateId.trim();
  const rows = draft.fields.filter((row) => row.key.trim() !== ''); // a blank row the user added and left
  // No id and no fields: the kind is off. Fields without an id would be dropped on save, so they ask for one.
  if (!templateId && rows.length === 0) return { setting: null, errors: {} };
  const errors: KindErrors = {};
  if (!TemplateIdSchema.safeParse(templateId).success) errors.templateId = tc('needTemplateId');
  const fields: Record<string, FieldSource> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!TemplateKeySchema.safeParse(key).success) errors.fields ??= `${tc('badFieldKey')}${key}`;
    else if (key in fields) errors.fields ??= `${tc('duplicateFieldKey')}${key}`;
    fields[key] = row.source;
  }
  if (!errors.fields && (rows.length === 0 || rows.length > MAX_FIELDS)) errors.fields = tc('needFields');
  return Object.keys(errors).length ? { setting: null, errors } : { setting: { templateId, fields }, errors };
}

export type BuildResult = { body: WechatSettingsInput; errors: null } | { body: null; errors: SettingsErrors };

/** Checks every kind with the shared rules (the server's own) and builds the PUT body: all kinds at once. */
export function buildSettings(draft: SettingsDraft): BuildResult {
  const errors: SettingsErrors = {};
  const templates: WechatTemplateSetting[] = [];
  for (const kind of NOTIFICATION_KINDS) {
    const checked = checkKind(draft[kind]);
    if (Object.keys(checked.errors).length) errors[kind] = checked.errors;
    else if (checked.setting) templates.push({ kind, ...checked.setting });
  }
  if (Object.keys(errors).length) return { body: null, errors };
  const parsed = WechatSettingsSchema.safeParse({ templates });
  return parsed.success
    ? { body: parsed.data, errors: null }
    : {
        body: null,
        errors: issueErrors(
          parsed.error.issues,
          templates.map((t) => t.kind),
        ),
      };
}

interface Issue {
  path: string;
  message: string;
}

/** `templates.3.fields.thing9` → the kind sent at index 3, its `fields`. */
function issueErrors(
  issues: readonly { path: PropertyKey[] | string; message: string }[],
  sent: readonly NotificationKind[],
): SettingsErrors {
  const errors: SettingsErrors = {};
  for (const issue of issues) {
    const path = Array.isArray(issue.path) ? issue.path.map(String) : String(issue.path).split('.');
    const kind = path[0] === 'templates' ? sent[Number(path[1])] : undefined;
    if (!kind) continue;
    const field: keyof KindErrors = path[2] === 'templateId' ? 'templateId' : 'fields';
    const mine = (errors[kind] ??= {});
    mine[field] ??= issue.message;
  }
  return errors;
}

function isIssue(value: unknown): value is Issue {
  return (
    typeof value === 'object' &&
    value !== null &&
    'path' in value &&
    'message' in value &&
    typeof value.path === 'string' &&
    typeof value.message === 'string'
  );
}

/** A 400 VALIDATION_FAILED lists `{ path, message }` issues: put each next to the kind and field it names. */
export function serverSettingsErrors(error: ApiError, sent: readonly NotificationKind[]): SettingsErrors {
  const issues = error.details.issues;
  return Array.isArray(issues) ? issueErrors(issues.filter(isIssue), sent) : {};
}
