import { startTestSystem, type Driver, type TestSystem, type TestSystemOptions } from './system';
import { startWechatStandin, type WechatStandin } from '../../../scripts/wechat-standin/server';
import type { CallRecord, FailureRule, SentMessage } from '../../../scripts/wechat-standin/state';

export interface StandinLog {
  sent: SentMessage[];
  calls: CallRecord[];
  tokensIssued: number;
  wxacodes: Array<{ scene: string; page: string | null }>;
}

/** The WeChat stand-in on a free port, driven only through its HTTP control endpoints (as the demo would be). */
export interface TestStandin {
  url: string;
  /** Env for startTestSystem: points the server's WeChat client at this stand-in. */
  env: Record<string, string>;
  log(): Promise<StandinLog>;
  reset(): Promise<void>;
  fail(rule: FailureRule): Promise<void>;
  expireToken(): Promise<void>;
  /** What wx.login gives the phone of `user`: a one-time code, and the openid it stands for. */
  loginCode(user: string): Promise<{ code: string; openid: string }>;
  phoneCode(phoneNumber: string): Promise<string>;
  /** The user taps "accept" in wx.requestSubscribeMessage: `times` messages of this template for them. */
  accept(openid: string, templateId: string, times?: number): Promise<void>;
  close(): Promise<void>;
}

async function control<T>(base: string, path: string, body?: object): Promise<T> {
  const res = await fetch(
    `${base}/__standin/${path}`,
    body === undefined
      ? undefined
      : {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  if (res.status !== 200) throw new Error(`stand-in ${path} → ${res.status}`);
  return (await res.json()) as T;
}

export async function startStandin(opts: { tokenTtlSeconds?: number } = {}): Promise<TestStandin> {
  const s: WechatStandin = await startWechatStandin({ tokenTtlSeconds: opts.tokenTtlSeconds });
  const base = s.url;
  return {
    url: base,
    env: { WECHAT_APPID: s.appId, WECHAT_SECRET: s.secret, WECHAT_API_BASE: base, WECHAT_STANDIN: 'true' },
    log: () => control<StandinLog>(base, 'log'),
    reset: async () => void (await control(base, 'reset', {})),
    fail: async (rule) => void (await control(base, 'failures', rule)),
    expireToken: async () => void (await control(base, 'expire-token', {})),
    loginCode: (user) => control<{ code: string; openid: string }>(base, 'login-code', { user }),
    phoneCode: async (phoneNumber) => (await control<{ code: string }>(base, 'phone-code', { phoneNumber })).code,
    accept: async (openid, templateId, times = 1) => void (await control(base, 'subscribe', { openid, templateIds: [templateId], times })),
    close: () => s.close(),
  };
}

/** Messages the stand-in delivered to one openid. */
export async function sentTo(standin: TestStandin, openid: string): Promise<SentMessage[]> {
  return (await standin.log()).sent.filter((m) => m.touser === openid);
}

/** A test system whose WeChat client talks to a fresh stand-in; stop() closes both (the system first). */
export async function startStandinSystem(
  driver: Driver,
  opts: TestSystemOptions = {},
): Promise<{ standin: TestStandin; sys: TestSystem; stop: () => Promise<void> }> {
  const standin = await startStandin();
  const sys = await startTestSystem(driver, { ...opts, env: { ...opts.env, ...standin.env } });
  return {
    standin,
    sys,
    stop: async () => {
      await sys.stop();
      await standin.close();
    },
  };
}
