import { createHash, randomBytes } from 'node:crypto';

/** The WeChat server APIs the stand-in speaks; failure rules and the call log name them. */
export const STANDIN_APIS = ['jscode2session', 'stable_token', 'getuserphonenumber', 'subscribe_send', 'getwxacodeunlimit'] as const;
export type StandinApi = (typeof STANDIN_APIS)[number];

/**
 * A configured failure. `httpStatus` answers with that status and no WeChat body (a gateway error);
 * `errcode` answers HTTP 200 with `{ errcode, errmsg }` like WeChat; `deliverThenDrop` (subscribe_send
 * only) records the message as delivered and then cuts the connection without answering.
 * `times` counts matching calls (default 1, 0 = until reset); `touser` limits a send rule to one openid.
 */
export interface FailureRule {
  api: StandinApi;
  httpStatus?: number;
  errcode?: number;
  deliverThenDrop?: boolean;
  times?: number;
  touser?: string;
}

export interface SentMessage {
  at: string;
  msgid: number;
  touser: string;
  template_id: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang: string;
}

export interface CallRecord {
  at: string;
  api: StandinApi;
  httpStatus: number;
  errcode: number;
  touser?: string;
}

export const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40163: 'code been used',
  40226: 'high risk level user, login refused',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40129: 'invalid scene',
  41030: 'invalid page',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  47003: 'argument invalid!',
};

const CODE_TTL_MS = 5 * 60_000;

/** Everything the stand-in remembers: users, one-time codes, the token, failures and what was sent. */
export class StandinState {
  readonly sent: SentMessage[] = [];
  readonly calls: CallRecord[] = [];
  readonly wxacodes: Array<{ at: string; scene: string; page: string | null }> = [];
  failures: FailureRule[] = [];
  tokensIssued = 0;
  private token: { value: string; expiresAt: number; expired: boolean } | null = null;
  private previous: { value: string; expiresAt: number; expired: boolean } | null = null;
  private readonly loginCodes = new Map<string, { openid: string; expiresAt: number }>();
  /** Codes already exchanged: WeChat answers a second exchange with 40163, not 40029. */
  private readonly usedLoginCodes = new Set<string>();
  /** One-time subscriptions: accepts left per `openid templateId` (each accept carries one message). */
  private readonly accepts = new Map<string, number>();
  private readonly phoneCodes = new Map<string, { phone: string; countryCode: string; expiresAt: number }>();
  private readonly openids = new Set<string>();
  private msgid = 1_000_000;

  constructor(
    readonly appId: string,
    readonly secret: string,
    private readonly tokenTtlSeconds: number,
  ) {}

  /** A WeChat user's openid is fixed per (mini-program, user): the same person always gets the same one. */
  openidOf(user: string): string {
    return `o${createHash('sha256').update(`${this.appId}:${user}`).digest('base64url').slice(0, 27)}`;
  }

  /** What `wx.login` does on the phone: a one-time code for this user, valid five minutes. */
  mintLoginCode(user: string): { code: string; openid: string } {
    const openid = this.openidOf(user);
    const code = randomBytes(16).toString('hex');
    this.loginCodes.set(code, { openid, expiresAt: Date.now() + CODE_TTL_MS });
    this.openids.add(openid);
    return { code, openid };
  }

  /** What the phone-number button hands the mini-program: a one-time code for that number. */
  mintPhoneCode(phone: string, countryCode = '86'): { code: string } {
    const code = randomBytes(16).toString('hex');
    this.phoneCodes.set(code, { phone, countryCode, expiresAt: Date.now() + CODE_TTL_MS });
    return { code };
  }

  /** The openid of a live code (used up by this call), or WeChat's errcode: 40163 used before, 40029 unknown or expired. */
  redeemLoginCode(code: string): string | 40163 | 40029 {
    if (this.usedLoginCodes.has(code)) return 40163;
    const entry = this.loginCodes.get(code);
    this.loginCodes.delete(code);
    if (!entry || entry.expiresAt <= Date.now()) return 40029;
    this.usedLoginCodes.add(code);
    return entry.openid;
  }

  /** The user tapped "accept" in wx.requestSubscribeMessage: one more message for that template. */
  grantAccept(openid: string, templateId: string, times = 1): number {
    const key = `${openid} ${templateId}`;
    const left = (this.accepts.get(key) ?? 0) + times;
    this.accepts.set(key, left);
    return left;
  }

  /** Uses one accept for a send; false when none is left (WeChat's 43101). */
  takeAccept(openid: string, templateId: string): boolean {
    const key = `${openid} ${templateId}`;
    const left = this.accepts.get(key) ?? 0;
    if (left <= 0) return false;
    this.accepts.set(key, left - 1);
    return true;
  }

  acceptsLeft(openid: string, templateId: string): number {
    return this.accepts.get(`${openid} ${templateId}`) ?? 0;
  }

  redeemPhoneCode(code: string): { phone: string; countryCode: string } | null {
    const entry = this.phoneCodes.get(code);
    this.phoneCodes.delete(code);
    return entry && entry.expiresAt > Date.now() ? entry : null;
  }

  knowsOpenid(openid: string): boolean {
    return this.openids.has(openid);
  }

  /**
   * getStableAccessToken. Normal mode: the same token while it lives, and (like WeChat) a new one in its
   * last five minutes, the old one staying valid until it ends. Forced: a new one, the old one invalid.
   */
  stableToken(force: boolean): { access_token: string; expires_in: number } {
    const now = Date.now();
    const t = this.token;
    const renewAt = t ? t.expiresAt - Math.min(300, this.tokenTtlSeconds / 2) * 1000 : 0;
    if (!force && t && !t.expired && renewAt > now) {
      return { access_token: t.value, expires_in: Math.floor((t.expiresAt - now) / 1000) };
    }
    this.previous = !force && t && !t.expired ? t : null;
    this.token = {
      value: `standin-${randomBytes(24).toString('base64url')}`,
      expiresAt: now + this.tokenTtlSeconds * 1000,
      expired: false,
    };
    this.tokensIssued += 1;
    return { access_token: this.token.value, expires_in: this.tokenTtlSeconds };
  }

  /** 0 for a live token (the current one, or the previous one until it ends); 42001 expired; 40001 anything else. */
  checkToken(value: string | null): number {
    const t = [this.token, this.previous].find((x) => x && x.value === value);
    if (!value || !t) return 40001;
    return t.expired || t.expiresAt <= Date.now() ? 42001 : 0;
  }

  expireToken(): void {
    if (this.token) this.token.expired = true;
    if (this.previous) this.previous.expired = true;
  }

  /** The first rule matching this call, used up by one. */
  takeFailure(api: StandinApi, touser?: string): FailureRule | null {
    const i = this.failures.findIndex((f) => f.api === api && (!f.touser || f.touser === touser));
    if (i < 0) return null;
    const rule = this.failures[i];
    const left = rule.times ?? 1;
    if (left === 1) this.failures.splice(i, 1);
    else if (left > 1) this.failures[i] = { ...rule, times: left - 1 };
    return rule;
  }

  recordSent(body: Omit<SentMessage, 'at' | 'msgid'>): number {
    this.msgid += 1;
    this.sent.push({ ...body, at: new Date().toISOString(), msgid: this.msgid });
    return this.msgid;
  }

  reset(): void {
    this.sent.length = 0;
    this.calls.length = 0;
    this.wxacodes.length = 0;
    this.failures = [];
    this.tokensIssued = 0;
  }
}

// WeChat's rules for subscription-message values (sendMessage, "订阅消息参数值内容限制说明").
const HAN = /^\p{Script=Han}+$/u;
// eslint-disable-next-line no-control-regex -- this pattern is the check for control characters
const CONTROL = /[\u0000-\u001f\u007f]/;
/** "Symbols": anything but Chinese, letters, digits, whitespace and control characters. */
const SYMBOLS = /^[^\p{Script=Han}\p{L}\p{N}\s]+$/u;
const TIME = '\\d{1,2}:\\d{2}(:\\d{2})?';
const DAY = '(\\d{4}[-/.])?\\d{1,2}[-/.]\\d{1,2}|\\d{4}[-/.]\\d{1,2}|(\\d{4}年)?\\d{1,2}月(\\d{1,2}日)?|\\d{4}年\\d{1,2}月';
const ONE_TIME = new RegExp(`^((${DAY}) )?${TIME}$`);
const ONE_DATE = new RegExp(`^(${DAY})( ${TIME})?$`);
const range = (one: RegExp) => (v: string) => v.split('~').every((part) => one.test(part.trim()));

export const TYPE_LIMITS: Record<string, (v: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  number: (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v),
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  symbol: (v) => [...v].length <= 5 && SYMBOLS.test(v),
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  time: range(ONE_TIME),
  date: range(ONE_DATE),
  amount: (v) => /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v),
  car_number: (v) => [...v].length <= 8 && /^[\p{Script=Han}A-Z0-9][A-Z0-9]*[\p{Script=Han}A-Z0-9]?$/u.test(v),
  // ≤ 10 Chinese characters, or ≤ 20 letters and symbols; a mix counts as Chinese.
  name: (v) => (/\p{Script=Han}/u.test(v) ? [...v].length <= 10 : v.length <= 20 && !/\d/.test(v)),
  phrase: (v) => [...v].length <= 5 && HAN.test(v),
};

/** The first data key whose value breaks WeChat's rule for its type (thing ≤ 20 characters, …), or null. */
export function invalidDataKey(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'data';
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    const check = type ? TYPE_LIMITS[type] : undefined;
    const value = typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
    if (!check || typeof value !== 'string' || value.length === 0 || CONTROL.test(value) || !check(value)) return key;
  }
  return null;
}
