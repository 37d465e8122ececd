import type { ErrorCode } from '@baoxiu/shared';
import { AppError } from '../lib/errors';

/**
 * How a WeChat call failed. `errcode`: WeChat answered (HTTP 200) and refused; `http`: a non-200 answer
 * (a gateway or WeChat itself failing, nothing processed); `network`: no answer — `sent` tells whether the
 * request may have reached WeChat (connection cut after writing) or certainly did not (connect refused).
 */
export type WechatFailure =
  | { kind: 'errcode'; errcode: number; errmsg: string }
  | { kind: 'http'; status: number }
  | { kind: 'network'; sent: boolean; message: string };

/** access_token rejected (invalid, expired, not the latest): fetch a new one and call once more. */
export const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);
export const ERR_INVALID_CODE = 40029;
export const ERR_RATE_LIMITED = 45011;
export const ERR_REFUSED = 43101;
/** jscode2session: the login code was already used (each code works once). */
export const ERR_CODE_USED = 40163;
/** jscode2session: WeChat flags the user as risky ("高风险等级用户"); trying again does not help. */
export const ERR_RISKY_USER = 40226;
const ERR_SYSTEM_BUSY = -1;

function codeOf(f: WechatFailure): ErrorCode {
  if (f.kind !== 'errcode') return 'WECHAT_UNAVAILABLE';
  if (f.errcode === ERR_INVALID_CODE) return 'WECHAT_CODE_INVALID';
  if (f.errcode === ERR_CODE_USED) return 'WECHAT_CODE_USED';
  if (f.errcode === ERR_RISKY_USER) return 'WECHAT_USER_BLOCKED';
  if (f.errcode === ERR_RATE_LIMITED) return 'WECHAT_RATE_LIMITED';
  if (f.errcode === ERR_REFUSED) return 'WECHAT_NOT_SUBSCRIBED';
  if (f.errcode === ERR_SYSTEM_BUSY) return 'WECHAT_UNAVAILABLE';
  return 'WECHAT_ERROR';
}

/** A failed WeChat call, already one of our error codes, so routes let it through unchanged. */
export class WechatError extends AppError {
  constructor(
    readonly api: string,
    readonly failure: WechatFailure,
  ) {
    super(codeOf(failure), {
      api,
      ...(failure.kind === 'errcode' ? { errcode: failure.errcode } : {}),
      ...(failure.kind === 'http' ? { httpStatus: failure.status } : {}),
    });
    this.message = `wechat ${api}: ${describe(failure)}`;
  }

  /** Worth another try later: WeChat busy or rate limiting, a 5xx/429, or a request that never left. */
  get retryable(): boolean {
    const f = this.failure;
    if (f.kind === 'errcode') return f.errcode === ERR_SYSTEM_BUSY || f.errcode === ERR_RATE_LIMITED;
    if (f.kind === 'http') return f.status >= 500 || f.status === 429;
    return !f.sent;
  }

  /** The request may have been carried out although no answer came: repeating it could act twice. */
  get ambiguous(): boolean {
    return this.failure.kind === 'network' && this.failure.sent;
  }

  get errcode(): number | null {
    return this.failure.kind === 'errcode' ? this.failure.errcode : null;
  }
}

export function describe(f: WechatFailure): string {
  if (f.kind === 'errcode') return `errcode ${f.errcode} ${f.errmsg}`;
  if (f.kind === 'http') return `HTTP ${f.status}`;
  return `${f.sent ? 'no answer' : 'not sent'}: ${f.message}`;
}

// Failures while connecting: the request was never written, so repeating it cannot act twice.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Classifies what fetch threw: a connect failure (not sent) or a lost answer (maybe sent). */
export function networkFailure(err: unknown): WechatFailure {
  // Duck-typed: fetch's errors come from another realm under test runners, so instanceof is unreliable.
  const field = (o: unknown, k: string): unknown => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined);
  const cause = field(err, 'cause') ?? err;
  const code = field(cause, 'code');
  const message = String(field(cause, 'message') ?? cause);
  return { kind: 'network', sent: !(typeof code === 'string' && NOT_SENT.has(code)), message: typeof code === 'string' ? code : message };
}
