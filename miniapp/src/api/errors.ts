import Taro from '@tarojs/taro';
import { errorMessage, isErrorCode, type ErrorCode } from '@baoxiu/shared';
import { getLang, t } from '../i18n';

// TODO(shared): a shared code for "the server could not be reached" (no HTTP answer at all).
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR';

/** Every failed call ends as one of these, whatever the transport said. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ApiErrorCode, message: string, status: number, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** Unwraps `{ error: { code, message, details } }`; a body without it still becomes a typed error from its status. */
export function toApiError(status: number, rawBody: unknown): ApiError {
  const body = parseBody(rawBody);
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : null;
  const rawCode = envelope?.code;
  const code: ErrorCode = isErrorCode(rawCode) ? rawCode : fallbackCode(status);
  const message = typeof envelope?.message === 'string' && envelope.message ? envelope.message : errorMessage(code, getLang());
  const details = isRecord(envelope?.details) ? envelope.details : {};
  return new ApiError(code, message, status, details);
}

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'BODY_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'NOT_READY';
  return status >= 400 && status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL';
}

export function networkError(): ApiError {
  return new ApiError('NETWORK_ERROR', t('networkError'), 0);
}

/** The answer parsed but did not match the shared schema: report it as a server fault. */
export function badResponse(status: number): ApiError {
  return new ApiError('INTERNAL', t('badResponse'), status);
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : networkError();
}

export function showError(error: ApiError): void {
  void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
}

export { parseBody };
