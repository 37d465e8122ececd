/** Whole-file failures, with the HTTP status the route should answer and zh-CN / en text. */
export const IMPORT_FILE_ERRORS = {
  IMPORT_UNSUPPORTED_FILE: { status: 415, zh: '只支持 CSV 或 Excel（.xlsx）文件', en: 'Only CSV and Excel (.xlsx) files can be imported' },
  IMPORT_EMPTY: { status: 400, zh: '文件里没有可导入的数据', en: 'The file has no rows to import' },
  IMPORT_BAD_HEADERS: { status: 400, zh: '表头不正确：缺少必填列或有重复列', en: 'The header row is wrong: a required column is missing or a column is repeated' },
  IMPORT_TOO_LARGE: { status: 413, zh: '文件太大，请分批导入', en: 'The file is too large; import it in smaller parts' },
  IMPORT_MALFORMED: { status: 400, zh: '文件内容格式有误，无法读取', en: 'The file is damaged or not well-formed' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ImportErrorCode = keyof typeof IMPORT_FILE_ERRORS;

/** Thrown for a file that cannot be imported at all; row problems are reported per row instead. */
export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly details: Record<string, unknown>;
  readonly status: number;

  constructor(code: ImportErrorCode, details: Record<string, unknown> = {}) {
    const text = IMPORT_FILE_ERRORS[code];
    super(`${text.zh} / ${text.en}`);
    this.name = 'ImportError';
    this.code = code;
    this.details = details;
    this.status = text.status;
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
  field: string, code: ImportRowErrorCode, params: Record<string, string | number> = {}, labels?: { zh: string; en: string },
): ImportRowError {
  const zh = fill(IMPORT_ROW_ERRORS[code].zh, { ...params, label: labels?.zh ?? field });
  const en = fill(IMPORT_ROW_ERRORS[code].en, { ...params, label: labels?.en ?? field });
  return { field, code, message: `${zh} / ${en}`, zh, en, params };
}
