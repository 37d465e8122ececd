import { randomBytes } from 'node:crypto';
import type { CreatedTenantView, PreviewView, Quote, SubscriptionView } from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from '../helpers/system';
import { auth, makeAsset } from '../helpers/factories';
import { expectError, fileTicket } from '../helpers/contract';
import { ManualClock } from '../../src/lib/clock';
import { meter } from '../../src/modules/billing/metering';
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
    const res = await sys.http.post('/api/public/signup').send({ slug, name: `公司 ${slug}`, admin: { username: 'boss', password: PASSWORD, name: '老板' }, plan, seats });
    expect(res.status).toBe(201);
    const created = res.body as CreatedTenantView;
    const login = await sys.http.post('/api/auth/login').send({ tenant: slug, username: 'boss', password: PASSWORD }).expect(200);
    return { ...created, token: (login.body as { token: string }).token };
  };

  it('signs up on a 14-day trial, meters real tickets and previews them, the preview equal to the quote', async () => {
    const t = await signup('standard-month', 6);
    expect(t.subscription).toMatchObject({ plan: { code: 'standard-month' }, phase: 'trial', trialEndsOn: '2026-03-15', trialDaysLeft: 14, seats: { purchased: 6, used: 1 } });
    const sites = await sys.http.get('/api/sites').set(auth(t.token));
    const siteId = (sites.body as { items: Array<{ id: number }> }).items[0]?.id
      ?? ((await sys.http.post('/api/sites').set(auth(t.token)).send({ name: '总部' }).expect(201)).body as { site: { id: number } }).site.id;
    const asset = await makeAsset(sys.deps, t.tenant.id, siteId);
    for (let i = 0; i < 3; i += 1) await fileTicket(sys.http, `bill-${t.tenant.slug}-${i}`, { assetCode: asset.code, description: `坏了 ${i}`, contactPhone: '13800138000' });

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
    const quoted = await sys.http.post('/api/billing/quote')
      .send({ plan: 'standard-month', quantities: paid.quantities, subscriptionStart: '2026-03-01', periodStart: '2026-03-15' }).expect(200);
    expect((quoted.body as { quote: Quote }).quote).toEqual(paid.quote);
    expect(paid.quote.total).toBe(Math.round((19900 + 6 * 5000) * 1.06));
    const past = (await sys.http.get('/api/billing/preview?at=2026-03-05').set(auth(t.token)).expect(200)).body as PreviewView;
    expect(past.quantities.tickets).toBe(3);
    clock.set('2026-03-01T02:00:00Z');
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
    expect(expectError(await sys.http.get('/api/pm/plans').set(auth(standard.token)), 403, 'MODULE_NOT_IN_PLAN').details).toMatchObject({ module: 'pm' });
    const pro = await signup('pro-month');
    await sys.http.get('/api/pm/plans').set(auth(pro.token)).expect(200);
  });

  it('always stores a reporter\'s repair, even beyond the free tier\'s ticket cap', async () => {
    const t = await signup('free');
    await sys.deps.db.transaction((em) => meter(em, [{ tenantId: t.tenant.id, metric: 'tickets', day: '2026-03-01', quantity: 100 }]));
    const site = ((await sys.http.post('/api/sites').set(auth(t.token)).send({ name: '总部' }).expect(201)).body as { site: { id: number } }).site;
    const asset = await makeAsset(sys.deps, t.tenant.id, site.id);
    const ticket = await fileTicket(sys.http, `free-${t.tenant.slug}`, { assetCode: asset.code, description: '超出免费额度也要收下', contactPhone: '13800138000' });
    expect(await sys.deps.db.ds.getRepository(Ticket).countBy({ tenantId: t.tenant.id, number: ticket.number })).toBe(1);
    const sub = (await sys.http.get('/api/billing/subscription').set(auth(t.token)).expect(200)).body as { subscription: SubscriptionView };
    expect(sub.subscription.usage.find((u) => u.metric === 'tickets')).toMatchObject({ used: 101, limit: 100 });
  });

  it('quotes a published plan for anyone, an inline plan document only with the operator token', async () => {
    const q = await sys.http.post('/api/billing/quote').send({ plan: 'pro-year', quantities: { seats: 10 } }).expect(200);
    expect((q.body as { quote: Quote }).quote).toMatchObject({ currency: 'CNY', period: { phase: 'discount' } });
    const doc = { code: 'custom', name: '定制', period: 'month', charges: [{ kind: 'seats', unitAmount: 5000 }] };
    expectError(await sys.http.post('/api/billing/quote').send({ plan: doc, quantities: { seats: 10 } }), 403, 'OPERATOR_ONLY');
    const inline = await sys.http.post('/api/billing/quote').set(auth(sys.deps.operatorToken)).send({ plan: doc, quantities: { seats: 10 } }).expect(200);
    expect((inline.body as { quote: Quote }).quote.total).toBe(50000);
    expectError(await sys.http.post('/api/billing/quote').send({ plan: 'no-such-plan' }), 404, 'PLAN_NOT_FOUND');
  });
});
