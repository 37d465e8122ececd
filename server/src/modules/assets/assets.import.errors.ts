import { AppError } from '../../lib/errors';

/** Whole-file failures; their status and zh / en text live with every other code in shared/src/errors.ts. */
export const IMPORT_FILE_ERRORS = [
  'IMPORT_UNSUPPORTED_FILE',
  'IMPORT_EMPTY',
  'IMPORT_BAD_HEADERS',
  'IMPORT_TOO_LARGE',
  'IMPORT_MALFORMED',
] as const;

export type ImportErrorCode = (typeof IMPORT_FILE_ERRORS)[number];

/** Thrown for a file that cannot be imported at all; row problems are reported per row instead. */
export class ImportError extends AppError {
  constructor(
    override readonly code: ImportErrorCode,
    details: Record<string, unknown> = {},
  ) {
    super(code, details);
    this.name = 'ImportError';
  }
}

/** Row problems: stable codes the console can translate, with `{placeholders}` filled from the error's params. */
export const IMPORT_ROW_ERRORS = {
  MISSING_NAME: { zh: '名称不能为空', en: 'Name is required' },
  MISSING_SITE: { zh: '站点不能为空', en: 'Site is required' },
  UNKNOWN_SITE: { zh: '找不到站点“{value}”', en: 'There is no site "{value}"' },
  DUPLICATE_SERIAL_IN_FILE: { zh: '序列号“{value}”与第 {firstLine} 行重复', en: 'Serial "{value}" is already on line {firstLine}' },
  INVALID_DATE: { zh: '日期“{value}”无效，请使用 YYYY-MM-DD 格式', en: 'Invalid date "{value}"; use YYYY-MM-DD' },
  TOO_LONG: { zh: '{label}太长（最多 {max} 个字符）', en: '{label} is too long (at most {max} characters)' },
  INVALID_VALUE: { zh: '{label}的值无效', en: 'Invalid value for {label}' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ImportRowErrorCode = keyof typeof IMPORT_ROW_ERRORS;

export interface ImportRowError {
  /** An `IMPORT_FIELDS` name, or the custom column's header. */
  field: string;
  code: ImportRowErrorCode;
  /** `zh / en`, ready to show; `zh` and `en` alone for a console that picks the language. */
  message: string;
  zh: string;
  en: string;
  params: Record<string, string | number>;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export function rowError(
  field: string,
  code: ImportRowErrorCode,
  params: Record<string, string | number> = {},
  labels?: { zh: string; en: string },
): ImportRowError {
  const zh = fill(IMPORT_ROW_ERRORS[code].zh, { ...params, label: labels?.zh ?? field });
  const en = fill(IMPORT_ROW_ERRORS[code].en, { ...params, label: labels?.en ?? field });
  return { field, code, message: `${zh} / ${en}`, zh, en, params };
}
