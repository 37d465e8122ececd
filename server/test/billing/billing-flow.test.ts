import { randomBytes } from 'node:crypto';
import type { CreatedTenantView, PreviewView, PublicPlanList, Quote, SubscriptionView } from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from '../helpers/system';
import { auth, makeAsset, PNG_BYTES } from '../helpers/factories';
import { expectError, fileTicket } from '../helpers/contract';
import { ManualClock } from '../../src/lib/clock';
import { In } from 'typeorm';
import { meter, meterStorage } from '../../src/modules/billing/metering';
import { BillingUsageDaily } from '../../src/modules/billing/billing.entity';
import { Upload } from '../../src/modules/uploads/upload.entity';
import { Ticket } from '../../src/modules/tickets/ticket.entity';

const PASSWORD = 'signup-pass-1';

describe.each(DRIVERS)('billing on %s', (driver) => {
  let sys: TestSystem;
  const clock = new ManualClock('2026-03-01T02:00:00Z'); // 10:00 in Shanghai, 1 March
  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock, env: { RATE_LIMIT_SIGNUPS_PER_IP: '0' } });
  });
  afterAll(async () => {
    await sys.stop();
  });

  const signup = async (plan: string, seats?: number) => {
    const slug = `co-${randomBytes(4).toString('hex')}`;
    const res = await sys.http
      .post('/api/public/signup')
      .send({ slug, name: `公司 ${slug}`, admin: { username: 'boss', password: PASSWORD, name: '老板' }, plan, seats });
    expect(res.status).toBe(201);
    const created = res.body as CreatedTenantView;
    const login = await sys.http.post('/api/auth/login').send({ tenant: slug, username: 'boss', password: PASSWORD }).expect(200);
    return { ...created, token: (login.body as { token: string }).token };
  };

  it('lists the published plans, each with the first-period price the quote gives for the same plan and seats', async () => {
    const res = await sys.http.get('/api/public/plans').expect(200);
    const items = (res.body as PublicPlanList).items;
    expect(items.map((p) => p.code)).toEqual(expect.arrayContaining(['free', 'basic-month', 'standard-quarter', 'pro-year']));
    const periods = items.map((p) => p.period);
    expect([...periods].sort((a, b) => ['month', 'quarter', 'year'].indexOf(a) - ['month', 'quarter', 'year'].indexOf(b))).toEqual(periods);
    const pro = items.find((p) => p.code === 'pro-month');
    expect(pro).toMatchObject({
      trialDays: 14,
      defaultSeats: 5,
      modules: expect.arrayContaining(['kb', 'parts', 'pm']),
      firstPeriod: { phase: 'discount' },
    });
    expect(items.find((p) => p.code === 'free')).toMatchObject({ trialDays: null, limits: { tickets: 100 }, firstPeriod: { total: 0 } });
    for (const code of ['basic-month', 'pro-month', 'standard-year']) {
      const plan = items.find((p) => p.code === code);
      const q = (
        await sys.http
          .post('/api/billing/quote')
          .send({ plan: code, quantities: { seats: plan?.defaultSeats } })
          .expect(200)
      ).body as { quote: Quote };
      expect(plan?.firstPeriod).toEqual({
        phase: q.quote.period.phase,
        subtotal: q.quote.subtotal,
        discount: q.quote.discount,
        tax: q.quote.tax,
        total: q.quote.total,
      });
    }
    // The basic monthly plan: 99 base + 5 seats × 50, 6 % tax.
    expect(items.find((p) => p.code === 'basic-month')?.firstPeriod).toMatchObject({ subtotal: 34900, total: Math.round(34900 * 1.06) });
  });

  it('signs up on a 14-day trial, meters real tickets and previews them, the preview equal to the quote', async () => {
    const t = await signup('standard-month', 6);
    expect(t.subscription).toMatchObject({
      plan: { code: 'standard-month' },
      phase: 'trial',
      trialEndsOn: '2026-03-15',
      trialDaysLeft: 14,
      seats: { purchased: 6, used: 1 },
    });
    const sites = await sys.http.get('/api/sites').set(auth(t.token));
    const siteId =
      (sites.body as { items: Array<{ id: number }> }).items[0]?.id ??
      ((await sys.http.post('/api/sites').set(auth(t.token)).send({ name: '总部' }).expect(201)).body as { site: { id: number } }).site.id;
    const asset = await makeAsset(sys.deps, t.tenant.id, siteId);
    for (let i = 0; i < 3; i += 1)
      await fileTicket(sys.http, `bill-${t.tenant.slug}-${i}`, {
        assetCode: asset.code,
        description: `坏了 ${i}`,
        contactPhone: '13800138000',
      });

    const trial = (await sys.http.get('/api/billing/preview').set(auth(t.token)).expect(200)).body as PreviewView;
    expect(trial.quantities.tickets).toBe(3);
    expect(trial.quote).toMatchObject({ period: { start: '2026-03-01', end: '2026-03-14', phase: 'trial' }, total: 0 });
    const sub = (await sys.http.get('/api/billing/subscription').set(auth(t.token)).expect(200)).body as { subscription: SubscriptionView };
    expect(sub.subscription.usage.find((u) => u.metric === 'tickets')).toMatchObject({ used: 3, included: 500 });

    // After the trial: a paid period; its preview is the public quote for the same plan, quantities and days.
    clock.set('2026-03-20T02:00:00Z');
    await fileTicket(sys.http, `bill-${t.tenant.slug}-late`, { assetCode: asset.code, description: '又坏了', contactPhone: '13800138000' });
    const paid = (await sys.http.get('/api/billing/preview').set(auth(t.token)).expect(200)).body as PreviewView;
    expect(paid.quote.period).toEqual({ start: '2026-03-15', end: '2026-04-14', phase: 'evergreen' });
    expect(paid.quantities).toMatchObject({ tickets: 1, seats: 6 });
    const quoted = await sys.http
      .post('/api/billing/quote')
      .send({ plan: 'standard-month', quantities: paid.quantities, subscriptionStart: '2026-03-01', periodStart: '2026-03-15' })
      .expect(200);
    expect((quoted.body as { quote: Quote }).quote).toEqual(paid.quote);
    expect(paid.quote.total).toBe(Math.round((19900 + 6 * 5000) * 1.06));
    const past = (await sys.http.get('/api/billing/preview?at=2026-03-05').set(auth(t.token)).expect(200)).body as PreviewView;
    expect(past.quantities.tickets).toBe(3);
    clock.set('2026-03-01T02:00:00Z');
  });

  it("meters storage as the bytes of the photos the tenant's tickets hold, and bills it in whole gigabytes", async () => {
    const t = await signup('standard-month');
    const site = (
      (await sys.http.post('/api/sites').set(auth(t.token)).send({ name: '仓库' }).expect(201)).body as { site: { id: number } }
    ).site.id;
    const asset = await makeAsset(sys.deps, t.tenant.id, site);
    const photo = async () =>
      (await sys.http.post('/api/public/uploads').attach('file', PNG_BYTES, 'p.png').expect(201)).body as { upload: { id: string } };
    const [a, b, unclaimed] = [await photo(), await photo(), await photo()];
    await fileTicket(sys.http, `store-${t.tenant.slug}`, {
      assetCode: asset.code,
      description: '屏幕裂了',
      contactPhone: '13800138000',
      photoIds: [a.upload.id, b.upload.id],
    });
    expect(await meterStorage(sys.deps)).toBeGreaterThan(0);
    const rows = await sys.deps.db.ds.getRepository(Upload).findBy({ publicId: In([a.upload.id, b.upload.id, unclaimed.upload.id]) });
    const claimed = rows.filter((r) => r.tenantId === t.tenant.id).reduce((n, r) => n + r.size, 0);
    const level = await sys.deps.db.ds
      .getRepository(BillingUsageDaily)
      .findOneByOrFail({ tenantId: t.tenant.id, metric: 'storage_bytes', day: '2026-03-01' });
    expect(level.quantity).toBe(claimed); // the unclaimed photo is nobody's storage yet
    await meterStorage(sys.deps); // a second pass the same day keeps the level, never adds
    expect(
      (
        await sys.deps.db.ds
          .getRepository(BillingUsageDaily)
          .findOneByOrFail({ tenantId: t.tenant.id, metric: 'storage_bytes', day: '2026-03-01' })
      ).quantity,
    ).toBe(claimed);
    const sub = (await sys.http.get('/api/billing/subscription').set(auth(t.token)).expect(200)).body as { subscription: SubscriptionView };
    expect(sub.subscription.usage.find((u) => u.metric === 'storage_gb')).toMatchObject({ used: 1 });
  });

  it('refuses a staff account beyond the purchased seats with 422 SEAT_LIMIT saying how to add seats', async () => {
    const t = await signup('basic-month', 2);
    const engineer = (n: number) => ({ username: `eng${n}`, name: `工程师 ${n}`, password: 'secret-pass' });
    await sys.http.post('/api/engineers').set(auth(t.token)).send(engineer(1)).expect(201);
    const res = await sys.http.post('/api/engineers').set(auth(t.token)).send(engineer(2));
    const error = expectError(res, 422, 'SEAT_LIMIT');
    expect(error.details).toMatchObject({ used: 2, purchased: 2 });
    expect(String(error.details.addSeats)).toMatch(/billing/);
  });

  it('answers an endpoint of a module the plan lacks with 403 MODULE_NOT_IN_PLAN naming the module', async () => {
    const basic = await signup('basic-month');
    const res = await sys.http.get('/api/reports/kpis?from=2026-03-01&to=2026-03-01').set(auth(basic.token));
    expect(expectError(res, 403, 'MODULE_NOT_IN_PLAN').details).toMatchObject({ module: 'reports' });
    const standard = await signup('standard-month');
    await sys.http.get('/api/reports/kpis?from=2026-03-01&to=2026-03-01').set(auth(standard.token)).expect(200);
    // Preventive maintenance is in the pro plan only: moduleGuard answers every /api/pm route.
    expect(expectError(await sys.http.get('/api/pm/plans').set(auth(standard.token)), 403, 'MODULE_NOT_IN_PLAN').details).toMatchObject({
      module: 'pm',
    });
    const pro = await signup('pro-month');
    await sys.http.get('/api/pm/plans').set(auth(pro.token)).expect(200);
  });

  it('gates every route of a plan module the same way: SLA settings and the at-risk list, the KPI export', async () => {
    const basic = await signup('basic-month');
    const gated: Array<[string, () => ReturnType<typeof sys.http.get>]> = [
      ['sla', () => sys.http.get('/api/settings/sla').set(auth(basic.token))],
      ['sla', () => sys.http.put('/api/settings/sla').set(auth(basic.token)).send({ targets: [] })],
      ['sla', () => sys.http.get('/api/sla/at-risk').set(auth(basic.token))],
      ['reports', () => sys.http.get('/api/reports/kpis/export?from=2026-03-01&to=2026-03-01').set(auth(basic.token))],
    ];
    for (const [module, call] of gated) expect(expectError(await call(), 403, 'MODULE_NOT_IN_PLAN').details).toMatchObject({ module });
    // Business hours are part of every plan (the calendar also drives preventive maintenance).
    await sys.http.get('/api/settings/business-hours').set(auth(basic.token)).expect(200);
    const standard = await signup('standard-month');
    await sys.http.get('/api/settings/sla').set(auth(standard.token)).expect(200);
    await sys.http.get('/api/sla/at-risk').set(auth(standard.token)).expect(200);
  });

  it("always stores a reporter's repair, even beyond the free tier's ticket cap", async () => {
    const t = await signup('free');
    await sys.deps.db.transaction((em) => meter(em, [{ tenantId: t.tenant.id, metric: 'tickets', day: '2026-03-01', quantity: 100 }]));
    const site = (
      (await sys.http.post('/api/sites').set(auth(t.token)).send({ name: '总部' }).expect(201)).body as { site: { id: number } }
    ).site;
    const asset = await makeAsset(sys.deps, t.tenant.id, site.id);
    const ticket = await fileTicket(sys.http, `free-${t.tenant.slug}`, {
      assetCode: asset.code,
      description: '超出免费额度也要收下',
      contactPhone: '13800138000',
    });
    expect(await sys.deps.db.ds.getRepository(Ticket).countBy({ tenantId: t.tenant.id, number: ticket.number })).toBe(1);
    const sub = (await sys.http.get('/api/billing/subscription').set(auth(t.token)).expect(200)).body as { subscription: SubscriptionView };
    expect(sub.subscription.usage.find((u) => u.metric === 'tickets')).toMatchObject({ used: 101, limit: 100 });
  });

  it('quotes a published plan for anyone, an inline plan document only with the operator token', async () => {
    const q = await sys.http
      .post('/api/billing/quote')
      .send({ plan: 'pro-year', quantities: { seats: 10 } })
      .expect(200);
    expect((q.body as { quote: Quote }).quote).toMatchObject({ currency: 'CNY', period: { phase: 'discount' } });
    const doc = { code: 'custom', name: '定制', period: 'month', charges: [{ kind: 'seats', unitAmount: 5000 }] };
    expectError(await sys.http.post('/api/billing/quote').send({ plan: doc, quantities: { seats: 10 } }), 403, 'OPERATOR_ONLY');
    const inline = await sys.http
      .post('/api/billing/quote')
      .set(auth(sys.deps.operatorToken))
      .send({ plan: doc, quantities: { seats: 10 } })
      .expect(200);
    expect((inline.body as { quote: Quote }).quote.total).toBe(50000);
    expectError(await sys.http.post('/api/billing/quote').send({ plan: 'no-such-plan' }), 404, 'PLAN_NOT_FOUND');
  });
});
