import { randomBytes } from 'node:crypto';
import { MemoryKv, RedisKv, type KeyValueStore } from '../src/lib/kv';
import { createLogger } from '../src/lib/logger';
import { WechatClient } from '../src/wechat/client';
import { WechatError } from '../src/wechat/errors';
import { fitValue } from '../src/wechat/limits';
import { DRIVERS } from './helpers/system';
import { freePort } from './helpers/redis-server';
import { startStandin, type TestStandin } from './helpers/wechat';

const log = createLogger('silent');

/** Two "processes": separate clients and separate store connections, sharing Redis on the MySQL run. */
function twoProcesses(driver: string, standin: TestStandin): { a: WechatClient; b: WechatClient; stores: KeyValueStore[] } {
  const prefix = `bxw${randomBytes(4).toString('hex')}`;
  const shared = new MemoryKv();
  const stores: KeyValueStore[] =
    driver === 'mysql'
      ? [new RedisKv(process.env.REDIS_URL as string, prefix, log), new RedisKv(process.env.REDIS_URL as string, prefix, log)]
      : [shared, shared];
  const opts = { appId: standin.env.WECHAT_APPID, secret: standin.env.WECHAT_SECRET, apiBase: standin.url, envVersion: 'develop' as const };
  return { a: new WechatClient(opts, stores[0], log), b: new WechatClient(opts, stores[1], log), stores };
}

describe.each(DRIVERS)('WeChat API client against the stand-in (%s store)', (driver) => {
  let standin: TestStandin;
  let a: WechatClient;
  let b: WechatClient;
  let stores: KeyValueStore[];

  beforeAll(async () => {
    standin = await startStandin();
    ({ a, b, stores } = twoProcesses(driver, standin));
  });
  afterAll(async () => {
    await Promise.all([...new Set(stores)].map((s) => s.close()));
    await standin.close();
  });

  it('signs in with a login code once, and refuses the same code again as 40163 (WECHAT_CODE_USED), as WeChat does', async () => {
    const { code, openid } = await standin.loginCode('alice');
    await expect(a.code2Session(code)).resolves.toEqual({ openid, unionid: null });
    const again = await a.code2Session(code).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WechatError);
    expect(again).toMatchObject({ code: 'WECHAT_CODE_USED', status: 401, errcode: 40163, retryable: false });
  });

  it('fetches the access token once for a burst across two processes, and once more when it expires mid-burst', async () => {
    await standin.reset();
    const codes = await Promise.all(Array.from({ length: 24 }, (_, i) => standin.phoneCode(`1380013${String(i).padStart(4, '0')}`)));
    const first = await Promise.all(codes.slice(0, 12).map((c, i) => (i % 2 ? a : b).phoneNumber(c)));
    expect(first.map((p) => p.purePhoneNumber)).toEqual(codes.slice(0, 12).map((_, i) => `1380013${String(i).padStart(4, '0')}`));
    expect((await standin.log()).tokensIssued).toBe(1);

    await standin.expireToken();
    const second = await Promise.all(codes.slice(12).map((c, i) => (i % 2 ? a : b).phoneNumber(c)));
    expect(second).toHaveLength(12);
    const after = await standin.log();
    expect(after.tokensIssued).toBe(2);
    expect(after.calls.filter((c) => c.api === 'stable_token')).toHaveLength(2);
    // Every call of the second burst first met the expired token (42001), then succeeded with the new one.
    expect(after.calls.filter((c) => c.api === 'getuserphonenumber' && c.errcode === 42001).length).toBeGreaterThanOrEqual(1);
    expect(after.calls.filter((c) => c.api === 'getuserphonenumber' && c.errcode === 0)).toHaveLength(24);
  });

  it('maps WeChat refusals to our codes: 45011 rate limit (retryable), 43101 refused (final)', async () => {
    const { openid } = await standin.loginCode('bob');
    const msg = { touser: openid, templateId: 'tmpl-job-offered-0001', data: { thing1: '空调不制冷' } };
    await standin.accept(openid, msg.templateId, 3);
    await standin.fail({ api: 'subscribe_send', errcode: 45011 });
    await expect(a.sendSubscribeMessage(msg)).rejects.toMatchObject({ code: 'WECHAT_RATE_LIMITED', status: 429, retryable: true });
    await standin.fail({ api: 'subscribe_send', errcode: 43101, touser: openid });
    await expect(a.sendSubscribeMessage(msg)).rejects.toMatchObject({ code: 'WECHAT_NOT_SUBSCRIBED', errcode: 43101, retryable: false });
    await expect(a.sendSubscribeMessage(msg)).resolves.toEqual({ msgid: expect.any(Number) });
  });

  it('treats a 5xx as retryable, a lost answer as ambiguous (maybe sent), a refused connection as not sent', async () => {
    const { openid } = await standin.loginCode('carol');
    const msg = { touser: openid, templateId: 'tmpl-job-offered-0001', data: { thing1: 'x' } };
    await standin.accept(openid, msg.templateId, 2);
    await standin.fail({ api: 'subscribe_send', httpStatus: 503 });
    await expect(a.sendSubscribeMessage(msg)).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE', retryable: true, ambiguous: false });
    await standin.fail({ api: 'subscribe_send', deliverThenDrop: true });
    await expect(a.sendSubscribeMessage(msg)).rejects.toMatchObject({ retryable: false, ambiguous: true });
    expect((await standin.log()).sent.filter((m) => m.touser === openid)).toHaveLength(1);
    const nowhere = new WechatClient({ ...a.opts, apiBase: `http://127.0.0.1:${await freePort()}` }, new MemoryKv(), log);
    await expect(nowhere.code2Session('x')).rejects.toMatchObject({ retryable: true, ambiguous: false });
  });

  it('returns a mini-program code image for a scene, and 40129 for a scene longer than 32 characters', async () => {
    const png = await a.wxaCodeUnlimit({ scene: 'F93BYAK8MDXF', page: 'pages/reporter/asset/index', checkPath: false });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await expect(a.wxaCodeUnlimit({ scene: 'X'.repeat(33), page: 'pages/reporter/asset/index' })).rejects.toMatchObject({
      code: 'WECHAT_ERROR',
      errcode: 40129,
    });
  });
});

describe('the access token near its end', () => {
  it('is renewed before it expires, so no call ever meets an expired token', async () => {
    const standin = await startStandin({ tokenTtlSeconds: 4 });
    try {
      const opts = {
        appId: standin.env.WECHAT_APPID,
        secret: standin.env.WECHAT_SECRET,
        apiBase: standin.url,
        envVersion: 'develop' as const,
      };
      const client = new WechatClient(opts, new MemoryKv(), log);
      // Calls over 4.5 s: past the first token's 4 s life, which a cache keeping it to the end would meet as 42001.
      for (let i = 0; i < 4; i += 1) {
        await client.phoneNumber(await standin.phoneCode('13800138000'));
        await new Promise((r) => setTimeout(r, 1_500));
      }
      const { calls, tokensIssued } = await standin.log();
      expect(tokensIssued).toBeGreaterThanOrEqual(2);
      expect(calls.filter((c) => c.errcode !== 0)).toEqual([]);
    } finally {
      await standin.close();
    }
  });
});

describe('subscription message values', () => {
  it("cuts values to WeChat's limits by key type (thing ≤ 20 characters, character_string ≤ 32 of [A-Za-z0-9_.-])", () => {
    expect([...fitValue('thing1', '格力中央空调 1 号机组压缩机异响且不制冷，请尽快处理')]).toHaveLength(20);
    expect(fitValue('thing1', '格力中央空调 1 号机组压缩机异响且不制冷，请尽快处理').endsWith('…')).toBe(true);
    expect(fitValue('thing2', '短')).toBe('短');
    expect(fitValue('character_string3', 'BX-20261123-0042')).toBe('BX-20261123-0042');
    expect(fitValue('character_string3', '单号 BX-1')).toBe('BX-1');
    expect(fitValue('phrase4', '已接单处理中')).toBe('已接单处理');
    expect(fitValue('thing5', '   ')).toBe('-');
  });
});
