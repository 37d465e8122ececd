import { randomBytes } from 'node:crypto';
import type { ApiKeyCreated, ApiKeyList, CreatedTenantView } from '@baoxiu/shared';
import { BillingUsageDaily } from '../src/modules/billing/billing.entity';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeTenant } from './helpers/factories';
import { expectError } from './helpers/contract';

describe.each(DRIVERS)('integration API keys on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver, { env: { RATE_LIMIT_SIGNUPS_PER_IP: '0' } });
  });
  afterAll(() => sys.stop());

  const signup = async (plan: string) => {
    const slug = `key-${randomBytes(4).toString('hex')}`;
    const created = (
      await sys.http
        .post('/api/public/signup')
        .send({ slug, name: slug, admin: { username: 'boss', password: 'long-enough', name: '老板' }, plan })
        .expect(201)
    ).body as CreatedTenantView;
    const login = await sys.http.post('/api/auth/login').send({ tenant: slug, username: 'boss', password: 'long-enough' }).expect(200);
    return { id: created.tenant.id, token: (login.body as { token: string }).token };
  };
  const makeKey = async (token: string, name = '工单同步') =>
    (await sys.http.post('/api/settings/api-keys').set(auth(token)).send({ name }).expect(201)).body as ApiKeyCreated;
  const apiCallsMetered = async (tenantId: number) =>
    (await sys.deps.db.ds.getRepository(BillingUsageDaily).findBy({ tenantId, metric: 'api_calls' })).reduce((n, r) => n + r.quantity, 0);

  it('shows the secret once, lists only its prefix, and lets the key read tickets as a dispatcher', async () => {
    const t = await makeTenant(sys.deps);
    const created = await makeKey(t.admin.token);
    expect(created.secret).toMatch(/^bxk_[a-z0-9]{10}_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    const list = (await sys.http.get('/api/settings/api-keys').set(auth(t.admin.token)).expect(200)).body as ApiKeyList;
    expect(list.items).toEqual([
      expect.objectContaining({ id: created.apiKey.id, name: '工单同步', prefix: created.apiKey.prefix, revokedAt: null }),
    ]);
    expect(JSON.stringify(list)).not.toContain(created.secret);
    await sys.http.get('/api/tickets').set(auth(created.secret)).expect(200);
    await sys.http.get('/api/sites').set(auth(created.secret)).expect(200);
    // A dispatcher's permissions: no billing, no staff, no keys of its own.
    expectError(await sys.http.get('/api/billing/subscription').set(auth(created.secret)), 403, 'FORBIDDEN');
    expectError(await sys.http.post('/api/settings/api-keys').set(auth(created.secret)).send({ name: 'x' }), 403, 'FORBIDDEN');
    expect((await sys.http.get('/api/settings/api-keys').set(auth(t.admin.token)).expect(200)).body.items[0].lastUsedAt).not.toBeNull();
  });

  it('refuses a revoked key, a forged secret and a key whose admin was disabled, all as 401 TOKEN_INVALID', async () => {
    const t = await makeTenant(sys.deps);
    const revoked = await makeKey(t.admin.token, 'old');
    await sys.http.post(`/api/settings/api-keys/${revoked.apiKey.id}/revoke`).set(auth(t.admin.token)).expect(200);
    expectError(await sys.http.get('/api/tickets').set(auth(revoked.secret)), 401, 'TOKEN_INVALID');
    const live = await makeKey(t.admin.token, 'live');
    const forged = `${live.secret.slice(0, -4)}AAAA`;
    expectError(await sys.http.get('/api/tickets').set(auth(forged)), 401, 'TOKEN_INVALID');
    expectError(await sys.http.get('/api/tickets').set(auth('bxk_not-a-key')), 401, 'TOKEN_INVALID');
    await sys.http.get('/api/tickets').set(auth(live.secret)).expect(200);
    // The second admin disables the first: the first admin's keys stop with their account.
    await sys.http
      .post('/api/staff')
      .set(auth(t.admin.token))
      .send({ role: 'admin', username: `a2-${t.slug}`, name: '副管理员', password: 'secret-pass' })
      .expect(201);
    const login = await sys.http
      .post('/api/auth/login')
      .send({ tenant: t.slug, username: `a2-${t.slug}`, password: 'secret-pass' })
      .expect(200);
    await sys.http
      .post(`/api/staff/${t.admin.id}/disable`)
      .set(auth(login.body.token as string))
      .expect(200);
    expectError(await sys.http.get('/api/tickets').set(auth(live.secret)), 401, 'TOKEN_INVALID');
  });

  it('belongs to the api plan module, and meters each call once into the usage rollup', async () => {
    const basic = await signup('basic-month');
    expect(
      expectError(await sys.http.post('/api/settings/api-keys').set(auth(basic.token)).send({ name: 'x' }), 403, 'MODULE_NOT_IN_PLAN')
        .details,
    ).toMatchObject({ module: 'api' });
    const pro = await signup('pro-month');
    const key = await makeKey(pro.token);
    for (let i = 0; i < 7; i += 1) await sys.http.get('/api/tickets').set(auth(key.secret)).expect(200);
    expectError(await sys.http.get('/api/billing/subscription').set(auth(key.secret)), 403, 'FORBIDDEN'); // refused: not a call served
    await sys.deps.apiCalls.flush();
    expect(await apiCallsMetered(pro.id)).toBe(7);
    await sys.deps.apiCalls.flush(); // nothing counted twice
    expect(await apiCallsMetered(pro.id)).toBe(7);
    const sub = await sys.http.get('/api/billing/subscription').set(auth(pro.token)).expect(200);
    expect(sub.body.subscription.usage.find((u: { metric: string }) => u.metric === 'api_calls')).toMatchObject({ used: 7 });
  });

  it('keeps at most 20 active keys a tenant, and answers an unknown key id with 404', async () => {
    const t = await makeTenant(sys.deps);
    for (let i = 0; i < 20; i += 1) await makeKey(t.admin.token, `k${i}`);
    expectError(
      await sys.http.post('/api/settings/api-keys').set(auth(t.admin.token)).send({ name: 'one too many' }),
      422,
      'API_KEY_LIMIT',
    );
    expectError(await sys.http.post('/api/settings/api-keys/999999/revoke').set(auth(t.admin.token)), 404, 'API_KEY_NOT_FOUND');
    expectError(await sys.http.post('/api/settings/api-keys').set(auth(t.admin.token)).send({ name: '' }), 400, 'VALIDATION_FAILED');
  });
});
