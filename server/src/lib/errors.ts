import { ERRORS, type ErrorCode } from '@baoxiu/shared';

/** The one application error: a shared code, its HTTP status, and details the client may show. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND', details?: Record<string, unknown>) => new AppError(code, details);

export function illegalTransition(action: string, status: string): AppError {
  return new AppError('ILLEGAL_TRANSITION', { action, status });
}
