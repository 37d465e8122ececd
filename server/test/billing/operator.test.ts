import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CreatedTenantView, PlanView, SubscriptionView } from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from '../helpers/system';
import { auth, makeTenant } from '../helpers/factories';
import { expectError } from '../helpers/contract';
import { loadConfig } from '../../src/config';
import { buildDeps } from '../../src/system';
import { BillingSubscription } from '../../src/modules/billing/billing.entity';

const doc = (amount: number) => ({
  code: `op-${amount}`,
  name: '运营套餐',
  period: 'month',
  modules: ['kb'],
  charges: [{ kind: 'seats', unitAmount: amount }],
  phases: [{ kind: 'trial', days: 7 }],
});

describe.each(DRIVERS)('operator API on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });
  const op = () => auth(sys.deps.operatorToken);

  it('versions a plan: a draft, published, and a subscription keeps the version it bought when a new one is published', async () => {
    const v1 = ((await sys.http.post('/api/operator/plans').set(op()).send(doc(3000)).expect(201)).body as { plan: PlanView }).plan;
    expect(v1).toMatchObject({ version: 1, status: 'draft' });
    expectError(await sys.http.post('/api/billing/quote').send({ plan: 'op-3000' }), 404, 'PLAN_NOT_FOUND'); // a draft is not for sale
    await sys.http.post(`/api/operator/plans/${v1.id}/publish`).set(op()).expect(200);
    expectError(await sys.http.post(`/api/operator/plans/${v1.id}/publish`).set(op()), 409, 'PLAN_NOT_DRAFT');

    const created = await sys.http
      .post('/api/operator/tenants')
      .set(op())
      .send({
        slug: `op-co-${Date.now() % 100000}`,
        name: '运营创建',
        admin: { username: 'admin', password: 'long-enough', name: '管理员' },
        plan: 'op-3000',
        seats: 4,
      })
      .expect(201);
    const tenant = created.body as CreatedTenantView;
    expect(tenant.subscription).toMatchObject({ plan: { id: v1.id, version: 1 }, seats: { purchased: 4, used: 1 }, phase: 'trial' });
    await sys.http.post('/api/auth/login').send({ tenant: tenant.tenant.slug, username: 'admin', password: 'long-enough' }).expect(200);
    expectError(
      await sys.http
        .post('/api/operator/tenants')
        .set(op())
        .send({ slug: tenant.tenant.slug, name: 'x', admin: { username: 'ab', password: 'long-enough', name: 'a' }, plan: 'op-3000' }),
      409,
      'TENANT_SLUG_TAKEN',
    );

    const v2 = (
      (
        await sys.http
          .post('/api/operator/plans')
          .set(op())
          .send({ ...doc(3000), charges: [{ kind: 'seats', unitAmount: 4000 }] })
          .expect(201)
      ).body as { plan: PlanView }
    ).plan;
    expect(v2.version).toBe(2);
    await sys.http.post(`/api/operator/plans/${v2.id}/publish`).set(op()).expect(200);
    const plans = ((await sys.http.get('/api/operator/plans?status=archived').set(op()).expect(200)).body as { items: PlanView[] }).items;
    expect(plans.map((p) => p.id)).toContain(v1.id);
    const sub = await sys.deps.db.ds.getRepository(BillingSubscription).findOneByOrFail({ tenantId: tenant.tenant.id });
    expect(sub.planId).toBe(v1.id);

    const patched = await sys.http
      .patch(`/api/operator/tenants/${tenant.tenant.id}/subscription`)
      .set(op())
      .send({ seats: 9, cancelAtPeriodEnd: true })
      .expect(200);
    expect((patched.body as { subscription: SubscriptionView }).subscription).toMatchObject({
      seats: { purchased: 9 },
      cancelAtPeriodEnd: true,
    });
    const usage = await sys.http.get(`/api/operator/tenants/${tenant.tenant.id}/usage`).set(op()).expect(200);
    expect(usage.body).toMatchObject({ planId: v1.id, quantities: { seats: 9 } });
    const summary = await sys.http.get('/api/operator/summary').set(op()).expect(200);
    expect(summary.body).toMatchObject({ trialing: expect.any(Number), activeSubscriptions: expect.any(Number) });
  });

  it('refuses every tenant token at /api/operator with 401, and the operator token nowhere a tenant token is needed', async () => {
    const t = await makeTenant(sys.deps);
    expectError(await sys.http.get('/api/operator/tenants').set(auth(t.admin.token)), 401, 'TOKEN_INVALID');
    expectError(await sys.http.get('/api/operator/summary'), 401, 'UNAUTHENTICATED');
    expectError(await sys.http.get('/api/billing/subscription').set(op()), 401, 'TOKEN_INVALID');
  });
});

describe('operator token and BILLING', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const config = (env: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-op-'));
    dirs.push(dir);
    return loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  };

  it('refuses to start in production with billing on and no OPERATOR_TOKEN', async () => {
    await expect(buildDeps(config({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }))).rejects.toThrow(
      /OPERATOR_TOKEN must be set when NODE_ENV=production and BILLING=on/,
    );
  });

  it('generates the operator token once into DATA_DIR and keeps it', async () => {
    const c = config({ NODE_ENV: 'development' });
    const first = await buildDeps(c);
    const again = await buildDeps(c);
    expect(first.operatorToken).toHaveLength(43);
    expect(again.operatorToken).toBe(first.operatorToken);
    expect(fs.readFileSync(path.join(c.dataDir, 'operator-token'), 'utf8')).toBe(first.operatorToken);
    await Promise.all(
      [first, again].map(async (d) => {
        await d.queue.close();
        await d.kv.close();
        await d.db.close();
      }),
    );
  });
});

describe.each(DRIVERS)('BILLING=off on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver, { env: { BILLING: 'off', RATE_LIMIT_SIGNUPS_PER_IP: '0' } });
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('enables every module with no seat limit, whatever the subscription', async () => {
    const res = await sys.http
      .post('/api/public/signup')
      .send({
        slug: `off-${Date.now() % 100000}`,
        name: '自建',
        admin: { username: 'boss', password: 'long-enough', name: '老板' },
        plan: 'free',
        seats: 1,
      })
      .expect(201);
    const slug = (res.body as CreatedTenantView).tenant.slug;
    const token = (
      (await sys.http.post('/api/auth/login').send({ tenant: slug, username: 'boss', password: 'long-enough' }).expect(200)).body as {
        token: string;
      }
    ).token;
    await sys.http.get('/api/reports/kpis?from=2026-03-01&to=2026-03-01').set(auth(token)).expect(200);
    for (const n of [1, 2])
      await sys.http
        .post('/api/engineers')
        .set(auth(token))
        .send({ username: `e${n}`, name: `E${n}`, password: 'secret-pass' })
        .expect(201);
  });
});
