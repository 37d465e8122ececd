import type { KeyValueStore } from '../lib/kv';
import type { Logger } from '../lib/logger';
import { WechatError, TOKEN_ERRCODES, networkFailure } from './errors';
import { AccessTokenCache, type FetchedToken, type TokenCacheOptions } from './token';

export interface WechatClientOptions {
  appId: string;
  secret: string;
  /** https://api.weixin.qq.com, or the local stand-in. */
  apiBase: string;
  /** release | trial | develop: which version of the mini-program messages and codes open. */
  envVersion: 'release' | 'trial' | 'develop';
  timeoutMs?: number;
}

export interface WechatSession {
  openid: string;
  unionid: string | null;
}

export interface WechatPhone {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  /** Keys as the template names them (thing1, time2 …); values already cut to WeChat's limits. */
  data: Record<string, string>;
  lang?: 'zh_CN' | 'en_US';
}

export interface WxaCodeRequest {
  scene: string;
  page: string;
  width?: number;
  checkPath?: boolean;
}

type Json = Record<string, unknown>;

const MINIPROGRAM_STATE = { release: 'formal', trial: 'trial', develop: 'developer' } as const;

/**
 * WeChat's server API for the mini-program: sign-in (jscode2session), the stable access token, phone
 * numbers, subscription messages and unlimited mini-program codes. Every failure is a WechatError.
 */
export class WechatClient {
  readonly tokens: AccessTokenCache;
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(
    readonly opts: WechatClientOptions,
    kv: KeyValueStore,
    private readonly log: Logger,
    tokenOpts: TokenCacheOptions = {},
  ) {
    this.base = opts.apiBase.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.tokens = new AccessTokenCache(kv, opts.appId, (force) => this.fetchStableToken(force), log, tokenOpts);
  }

  get appId(): string {
    return this.opts.appId;
  }

  /** jscode2session. The session_key stays here: nothing of ours needs it, and it must never reach a client. */
  async code2Session(code: string): Promise<WechatSession> {
    const q = new URLSearchParams({ appid: this.opts.appId, secret: this.opts.secret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.json('jscode2session', `/sns/jscode2session?${q.toString()}`, { method: 'GET' });
    if (typeof body.openid !== 'string') throw new WechatError('jscode2session', { kind: 'errcode', errcode: -1, errmsg: 'no openid' });
    return { openid: body.openid, unionid: typeof body.unionid === 'string' ? body.unionid : null };
  }

  /** getStableAccessToken; the token cache calls this, everything else asks the cache. */
  async fetchStableToken(force: boolean): Promise<FetchedToken> {
    const body = await this.json(
      'stable_token',
      '/cgi-bin/stable_token',
      this.post({
        grant_type: 'client_credential',
        appid: this.opts.appId,
        secret: this.opts.secret,
        force_refresh: force,
      }),
    );
    if (typeof body.access_token !== 'string') throw new WechatError('stable_token', { kind: 'errcode', errcode: -1, errmsg: 'no token' });
    return { token: body.access_token, expiresIn: Number(body.expires_in ?? 7200) };
  }

  /** The number behind the phone-number button's code (getuserphonenumber). */
  async phoneNumber(code: string): Promise<WechatPhone> {
    const body = await this.withToken('getuserphonenumber', (t) =>
      this.json('getuserphonenumber', `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(t)}`, this.post({ code })),
    );
    const info = (body.phone_info ?? {}) as Json;
    return {
      phoneNumber: String(info.phoneNumber ?? ''),
      purePhoneNumber: String(info.purePhoneNumber ?? ''),
      countryCode: String(info.countryCode ?? ''),
    };
  }

  /** subscribeMessage.send. WeChat has no idempotency key: the caller guards against sending twice. */
  async sendSubscribeMessage(msg: SubscribeMessage): Promise<{ msgid: number | null }> {
    const payload = {
      touser: msg.touser,
      template_id: msg.templateId,
      ...(msg.page ? { page: msg.page } : {}),
      data: Object.fromEntries(Object.entries(msg.data).map(([k, value]) => [k, { value }])),
      miniprogram_state: MINIPROGRAM_STATE[this.opts.envVersion],
      lang: msg.lang ?? 'zh_CN',
    };
    const body = await this.withToken('subscribe_send', (t) =>
      this.json('subscribe_send', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(t)}`, this.post(payload)),
    );
    return { msgid: typeof body.msgid === 'number' ? body.msgid : null };
  }

  /** getwxacodeunlimit: the image bytes (JPEG or PNG); WeChat answers JSON only on errors. */
  async wxaCodeUnlimit(req: WxaCodeRequest): Promise<Buffer> {
    return this.withToken('getwxacodeunlimit', async (t) => {
      const res = await this.fetch(
        'getwxacodeunlimit',
        `/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(t)}`,
        this.post({
          scene: req.scene,
          page: req.page,
          width: req.width ?? 430,
          check_path: req.checkPath ?? true,
          env_version: this.opts.envVersion,
        }),
      );
      const bytes = Buffer.from(await res.arrayBuffer());
      if ((res.headers.get('content-type') ?? '').includes('json') || bytes[0] === 0x7b) {
        this.check('getwxacodeunlimit', JSON.parse(bytes.toString('utf8')) as Json);
      }
      return bytes;
    });
  }

  /** Calls with the shared token; a rejected token (40001/42001) is replaced once and the call repeated. */
  private async withToken<T>(api: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokens.get();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof WechatError) || !TOKEN_ERRCODES.has(err.errcode ?? 0)) throw err;
      this.log.info({ api, errcode: err.errcode }, 'wechat rejected the access token; refreshing once');
      return call(await this.tokens.refresh(token));
    }
  }

  private post(body: Json): RequestInit {
    return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  }

  private async fetch(api: string, path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new WechatError(api, networkFailure(err));
    }
    if (res.status !== 200) {
      await res.arrayBuffer().catch(() => undefined);
      throw new WechatError(api, { kind: 'http', status: res.status });
    }
    return res;
  }

  private async json(api: string, path: string, init: RequestInit): Promise<Json> {
    const res = await this.fetch(api, path, init);
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      throw new WechatError(api, networkFailure(err));
    }
    if (typeof body !== 'object' || body === null) throw new WechatError(api, { kind: 'errcode', errcode: -1, errmsg: 'not JSON' });
    return this.check(api, body as Json);
  }

  /** WeChat reports errors as HTTP 200 with a non-zero errcode (successful answers may omit it). */
  private check(api: string, body: Json): Json {
    const errcode = Number(body.errcode ?? 0);
    if (errcode !== 0) throw new WechatError(api, { kind: 'errcode', errcode, errmsg: String(body.errmsg ?? '') });
    return body;
  }
}
