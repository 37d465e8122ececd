import fc from 'fast-check';
import { errorMessage } from '@baoxiu/shared';
import { WechatError } from '../src/wechat/errors';
import { fitValue } from '../src/wechat/limits';
import { formatTime } from '../src/modules/notifications/values';
import { invalidDataKey } from '../../scripts/wechat-standin/state';
import { DRIVERS, type TestSystem } from './helpers/system';
import { startStandinSystem, type TestStandin } from './helpers/wechat';

/** Our sender's values against the stand-in's (WeChat's) rules, for every key type we fit. */
describe('subscription message values (WeChat contract)', () => {
  const TYPES = ['thing', 'name', 'phrase', 'symbol', 'character_string', 'number', 'letter', 'phone_number'];

  it('fits any text to a value WeChat accepts, for every key type we fill', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.constantFrom(
        '已完成',
        '待确认',
        '等待客户',
        'abc',
        '123',
        '张三 Zhang',
        'engineer-3f2a1b9c',
        'BX-20261123-0001',
        '第一行\n第二行',
        '',
        '   ',
        '😀😀😀',
        '¥12.50',
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), texts, (type, text) => {
        const key = `${type}3`;
        const value = fitValue(key, text);
        expect([key, text, value, invalidDataKey({ [key]: { value } })]).toEqual([key, text, value, null]);
      }),
      { numRuns: 3000 },
    );
  });

  it("writes times in the form WeChat's time and date types accept", () => {
    const at = formatTime(new Date('2026-11-23T02:05:00Z'), 'Asia/Shanghai');
    expect(at).toBe('2026-11-23 10:05');
    expect(invalidDataKey({ time4: { value: at }, date5: { value: at } })).toBeNull();
  });

  it('the stand-in refuses what WeChat refuses: a phrase with letters, a thing over 20 characters, a line break, Chinese in a character_string', () => {
    for (const data of [
      { phrase3: { value: 'done' } },
      { phrase3: { value: '已完成了吗啊' } },
      { thing2: { value: '一'.repeat(21) } },
      { thing2: { value: '第一行\n第二行' } },
      { character_string1: { value: '工单-1' } },
      { number1: { value: '12a' } },
      { symbol1: { value: 'ab' } },
      { name3: { value: '一二三四五六七八九十一' } },
      { thing2: { value: '' } },
    ])
      expect([data, invalidDataKey(data)]).toEqual([data, Object.keys(data)[0]]);
  });
});

describe.each(DRIVERS)('WeChat contract on %s', (driver) => {
  let standin: TestStandin;
  let sys: TestSystem;
  let stopAll: () => Promise<void>;
  beforeAll(async () => {
    ({ standin, sys, stop: stopAll } = await startStandinSystem(driver));
  });
  afterAll(() => stopAll());
  const wechat = () => {
    if (!sys.deps.wechat) throw new Error('no WeChat client');
    return sys.deps.wechat;
  };
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  it('answers a login code used twice (WeChat\'s 40163) with 401 WECHAT_CODE_USED, "请重新登录", not a 502', async () => {
    const { code } = await standin.loginCode('twice-user');
    await sys.http.post('/api/auth/wechat').send({ code, as: 'reporter' }).expect(200);
    const again = await sys.http.post('/api/auth/wechat').send({ code, as: 'reporter' }).expect(401);
    expect(again.body.error.code).toBe('WECHAT_CODE_USED');
    expect(again.body.error.message).toContain('请重新登录');
    expect(errorMessage('WECHAT_CODE_USED', 'en')).toMatch(/sign in again/i);
  });

  it('answers a user WeChat flags as risky (40226) with 403 WECHAT_USER_BLOCKED, which is not retried', async () => {
    await standin.fail({ api: 'jscode2session', errcode: 40226 });
    const { code } = await standin.loginCode('risky-user');
    const res = await sys.http.post('/api/auth/wechat').send({ code, as: 'reporter' }).expect(403);
    expect(res.body.error.code).toBe('WECHAT_USER_BLOCKED');
    expect(new WechatError('jscode2session', { kind: 'errcode', errcode: 40226, errmsg: 'risky' }).retryable).toBe(false);
  });

  it('the stand-in answers a reused code with 40163', async () => {
    const { code } = await standin.loginCode('reuse-user');
    await wechat().code2Session(code);
    expect(await failure(wechat().code2Session(code))).toMatchObject({ errcode: 40163 });
  });

  it('the stand-in enforces the one-time subscription quota: each accept carries one message, then 43101', async () => {
    const { openid } = await standin.loginCode('quota-user');
    const msg = { touser: openid, templateId: 'tmpl-quota-1', page: 'pages/index/index', data: { thing1: { value: 'x' } } };
    const send = () => wechat().sendSubscribeMessage({ ...msg, data: { thing1: 'x' } });
    expect(await failure(send())).toMatchObject({ errcode: 43101, code: 'WECHAT_NOT_SUBSCRIBED' });
    const res = await fetch(`${standin.url}/__standin/subscribe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid, templateIds: [msg.templateId], times: 2 }),
    });
    expect(res.status).toBe(200);
    await send();
    await send();
    expect(await failure(send())).toMatchObject({ errcode: 43101 });
  });

  it('the stand-in refuses a message page that is no page of the mini-program (41030)', async () => {
    const { openid } = await standin.loginCode('page-user');
    await fetch(`${standin.url}/__standin/subscribe`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid, templateIds: ['tmpl-page-1'], times: 10 }),
    });
    for (const page of ['https://evil.example/x', '/pages/index/index', 'pages/../admin', 'pages/index/index#frag', 'pages//index']) {
      const e = await failure(wechat().sendSubscribeMessage({ touser: openid, templateId: 'tmpl-page-1', page, data: { thing1: 'x' } }));
      expect([page, e]).toEqual([page, expect.objectContaining({ errcode: 41030 })]);
    }
    await wechat().sendSubscribeMessage({
      touser: openid,
      templateId: 'tmpl-page-1',
      page: 'pages/reporter/track/index?token=abc',
      data: { thing1: 'x' },
    });
  });
});
