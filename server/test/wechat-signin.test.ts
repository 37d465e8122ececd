import { ManualClock } from '../src/lib/clock';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant } from './helpers/factories';
import { startStandin, type TestStandin } from './helpers/wechat';

describe.each(DRIVERS)('WeChat sign-in and engineer binding on %s', (driver) => {
  let standin: TestStandin;
  let sys: TestSystem;
  let clock: ManualClock;
  let tenant: TestTenant;

  beforeAll(async () => {
    standin = await startStandin();
    clock = new ManualClock(new Date());
    sys = await startTestSystem(driver, { env: standin.env, clock });
    tenant = await makeTenant(sys.deps, { dispatchMode: 'manual' });
  });
  afterAll(async () => {
    await sys.stop();
    await standin.close();
  });

  const signIn = async (user: string, as: 'reporter' | 'staff', status: number) => {
    const { code } = await standin.loginCode(user);
    return sys.http.post('/api/auth/wechat').send({ code, as }).expect(status);
  };
  const invite = async (userId: number, ttlHours?: number) => {
    const res = await sys.http
      .post(`/api/staff/${userId}/wechat-invite`)
      .set(auth(tenant.admin.token))
      .send(ttlHours ? { ttlHours } : {})
      .expect(201);
    return new URL(res.body.invite.url as string).searchParams.get('invite') as string;
  };
  const bind = async (user: string, token: string, status: number) => {
    const { code } = await standin.loginCode(user);
    return sys.http.post('/api/auth/wechat/bind').send({ code, invite: token }).expect(status);
  };

  it("signs a new reporter in by openid and never hands out WeChat's session_key", async () => {
    const res = await signIn('new-reporter', 'reporter', 200);
    expect(res.body).toEqual({ token: expect.any(String), reporter: { phone: null } });
    expect(JSON.stringify(res.body)).not.toMatch(/session_key/);
    const mine = await sys.http.get('/api/public/me/tickets').set(auth(res.body.token)).expect(200);
    expect(mine.body).toMatchObject({ items: [], total: 0 });
  });

  it('shows a returning reporter "my requests" filed on another device, and only theirs', async () => {
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { name: '会议室投影仪' });
    const phoneA = (await signIn('returning-reporter', 'reporter', 200)).body.token as string;
    const filed = await sys.http
      .post('/api/public/tickets')
      .set(auth(phoneA))
      .set('Idempotency-Key', `wx-mine-${driver}-1`)
      .send({ assetCode: asset.code, description: '投影仪无信号', contactPhone: '13800138000' })
      .expect(201);
    const anonymous = await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `wx-mine-${driver}-2`)
      .send({ assetCode: asset.code, description: '匿名报修', contactPhone: '13800138000' })
      .expect(201);
    // A stale or foreign token never blocks intake: the request is filed anonymously.
    await sys.http
      .post('/api/public/tickets')
      .set(auth(tenant.admin.token))
      .set('Idempotency-Key', `wx-mine-${driver}-3`)
      .send({ assetCode: asset.code, description: '员工令牌', contactPhone: '13800138000' })
      .expect(201);

    const phoneB = (await signIn('returning-reporter', 'reporter', 200)).body.token as string;
    const mine = await sys.http.get('/api/public/me/tickets').set(auth(phoneB)).expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        number: filed.body.ticket.number,
        status: expect.any(String),
        trackingToken: filed.body.ticket.trackingToken,
        asset: { code: asset.code, name: '会议室投影仪' },
      }),
    ]);
    const other = (await signIn('someone-else', 'reporter', 200)).body.token as string;
    expect((await sys.http.get('/api/public/me/tickets').set(auth(other)).expect(200)).body.total).toBe(0);
    const stored = await sys.deps.db.ds
      .getRepository(Ticket)
      .findOneByOrFail({ number: anonymous.body.ticket.number, tenantId: tenant.id });
    expect(stored.reporterOpenid).toBeNull();
    await sys.http.get('/api/public/me/tickets').set(auth(tenant.admin.token)).expect(401);
  });

  it("stores the phone number from WeChat's button on the reporter and returns it at the next sign-in", async () => {
    const token = (await signIn('phone-reporter', 'reporter', 200)).body.token as string;
    const code = await standin.phoneCode('13912345678');
    expect((await sys.http.post('/api/public/me/phone').set(auth(token)).send({ code }).expect(200)).body).toEqual({
      phone: '13912345678',
    });
    const again = await sys.http.post('/api/public/me/phone').set(auth(token)).send({ code }).expect(401);
    expect(again.body.error.code).toBe('WECHAT_CODE_INVALID');
    expect((await signIn('phone-reporter', 'reporter', 200)).body.reporter).toEqual({ phone: '13912345678' });
  });

  it("refuses a login code used twice with WECHAT_CODE_USED (WeChat's 40163): sign in again", async () => {
    const { code } = await standin.loginCode('twice');
    await sys.http.post('/api/auth/wechat').send({ code }).expect(200);
    const res = await sys.http.post('/api/auth/wechat').send({ code }).set('Accept-Language', 'en').expect(401);
    expect(res.body.error).toMatchObject({ code: 'WECHAT_CODE_USED', message: expect.stringMatching(/sign in again/) });
  });

  it("binds an engineer's WeChat with an admin's invite, after which WeChat alone signs them in", async () => {
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer', { name: '王工' });
    expect((await signIn('engineer-wang', 'staff', 401)).body.error.code).toBe('WECHAT_NOT_BOUND');
    const bound = await bind('engineer-wang', await invite(engineer.id), 200);
    expect(bound.body).toEqual({
      token: expect.any(String),
      user: { id: engineer.id, name: '王工', role: 'engineer' },
      tenant: tenant.slug,
    });
    await sys.http.get('/api/engineer/jobs?status=offered').set(auth(bound.body.token)).expect(200);

    const later = await signIn('engineer-wang', 'staff', 200);
    expect(later.body.user).toEqual({ id: engineer.id, name: '王工', role: 'engineer' });
    const status = await sys.http.get('/api/staff/wechat').set(auth(tenant.dispatcher.token)).expect(200);
    expect(status.body.items.find((i: { id: number }) => i.id === engineer.id)).toMatchObject({ bound: true });
    // Password sign-in stays for the console.
    await sys.http.post('/api/auth/login').send({ tenant: tenant.slug, username: engineer.username, password: 'secret-pass' }).expect(200);
  });

  it('refuses a reused invite (INVITE_USED), an expired one (INVITE_EXPIRED) and an unknown one (INVITE_NOT_FOUND)', async () => {
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    const token = await invite(engineer.id, 1);
    await bind('engineer-reuse-1', token, 200);
    expect((await bind('engineer-reuse-2', token, 409)).body.error.code).toBe('INVITE_USED');
    await signIn('engineer-reuse-2', 'staff', 401);

    const late = await makeUser(sys.deps, tenant.id, 'engineer');
    const expiring = await invite(late.id, 1);
    clock.advance(61 * 60_000);
    expect((await bind('engineer-late', expiring, 422)).body.error.code).toBe('INVITE_EXPIRED');
    await signIn('engineer-late', 'staff', 401);
    expect((await bind('engineer-late', 'x'.repeat(32), 404)).body.error.code).toBe('INVITE_NOT_FOUND');
  });

  it('will not bind one WeChat to a second staff account, and lets an admin unbind a lost phone', async () => {
    const first = await makeUser(sys.deps, tenant.id, 'engineer');
    const second = await makeUser(sys.deps, tenant.id, 'engineer');
    await bind('engineer-shared-phone', await invite(first.id), 200);
    const secondInvite = await invite(second.id);
    expect((await bind('engineer-shared-phone', secondInvite, 409)).body.error.code).toBe('WECHAT_ALREADY_BOUND');
    await bind('engineer-own-phone', secondInvite, 200); // the refusal did not use the invite up
    await sys.http.delete(`/api/staff/${first.id}/wechat`).set(auth(tenant.admin.token)).expect(200);
    await signIn('engineer-shared-phone', 'staff', 401);
    await sys.http.post(`/api/staff/${first.id}/wechat-invite`).set(auth(tenant.dispatcher.token)).send({}).expect(403);
  });

  it('mints dev sign-in codes for the H5 build only while the stand-in is configured', async () => {
    const { body } = await sys.http.post('/api/dev/wechat/login-code').send({ user: 'h5-device-1234' }).expect(200);
    const res = await sys.http.post('/api/auth/wechat').send({ code: body.code, as: 'reporter' }).expect(200);
    expect(res.body.token).toEqual(expect.any(String));
    const plain = await startTestSystem(driver);
    try {
      await plain.http.post('/api/dev/wechat/login-code').send({ user: 'h5-device-1234' }).expect(404);
      expect((await plain.http.post('/api/auth/wechat').send({ code: 'abc' }).expect(503)).body.error.code).toBe('WECHAT_NOT_CONFIGURED');
    } finally {
      await plain.stop();
    }
  });
});
