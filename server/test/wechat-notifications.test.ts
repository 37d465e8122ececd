import { BillingUsageDaily } from '../src/modules/billing/billing.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { Notification } from '../src/modules/notifications/notification.entity';
import { STUCK_AFTER_MS, sweepNotifications } from '../src/modules/notifications/notifications.jobs';
import type { ManualClock } from '../src/lib/clock';
import { In } from 'typeorm';
import { DRIVERS, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './helpers/factories';
import {
  bindStaff,
  configureTemplates,
  reporterSignIn,
  settledNotifications,
  subscribe,
  templateId,
  type WechatPerson,
} from './helpers/notify';
import { sentTo, startStandinSystem, type TestStandin } from './helpers/wechat';

describe.each(DRIVERS)('WeChat notifications through the outbox on %s', (driver) => {
  let standin: TestStandin;
  let sys: TestSystem;

  let stopAll: () => Promise<void>;
  beforeAll(async () => {
    ({ standin, sys, stop: stopAll } = await startStandinSystem(driver));
  });
  afterAll(() => stopAll());

  /** A tenant with templates, one asset and one engineer bound to WeChat. */
  async function setup(mode: 'auto' | 'manual' = 'auto') {
    const tenant = await makeTenant(sys.deps, { dispatchMode: mode });
    await configureTemplates(sys, tenant);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer', { name: '李工' });
    const wx = await bindStaff(sys, standin, tenant, engineer.id, `eng-${engineer.username}`);
    return { tenant, asset, engineer, wx };
  }

  async function file(tenant: TestTenant, assetCode: string, reporter?: WechatPerson): Promise<Ticket> {
    const req = sys.http.post('/api/public/tickets').set('Idempotency-Key', `wx-n-${Math.random().toString(36).slice(2)}`);
    if (reporter) req.set(auth(reporter.token));
    const res = await req
      .send({ assetCode, description: '空调漏水，地面有积水，请尽快派人处理，谢谢', contactPhone: '13800138000' })
      .expect(201);
    return sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: tenant.id, number: res.body.ticket.number });
  }

  const wechatMessagesMetered = async (tenantId: number) =>
    (await sys.deps.db.ds.getRepository(BillingUsageDaily).findBy({ tenantId, metric: 'wechat_messages' })).reduce(
      (n, r) => n + r.quantity,
      0,
    );

  async function offeredTo(engineer: TestUser, number: string): Promise<void> {
    await waitFor(async () => {
      const res = await sys.http.get('/api/engineer/jobs?status=offered').set(auth(engineer.token));
      return (res.body.items as Array<{ number: string }>).some((j) => j.number === number);
    }, `offer of ${number}`);
  }

  it('retries a message WeChat answered with 5xx, with growing delays, and delivers it exactly once', async () => {
    const { tenant, asset, engineer, wx } = await setup();
    await subscribe(sys, wx, 'staff', tenant, ['job_offered']);
    await standin.fail({ api: 'subscribe_send', httpStatus: 503, times: 2, touser: wx.openid });
    const ticket = await file(tenant, asset.code);
    await offeredTo(engineer, ticket.number);
    const [row] = await settledNotifications(sys, ticket.id, 1);
    expect(row).toMatchObject({ kind: 'job_offered', recipientUserId: engineer.id, status: 'sent', attempts: 3 });

    const calls = (await standin.log()).calls.filter((c) => c.api === 'subscribe_send' && c.touser === wx.openid);
    expect(calls.map((c) => c.httpStatus)).toEqual([503, 503, 200]);
    const [t1, t2, t3] = calls.map((c) => Date.parse(c.at));
    expect(t2 - t1).toBeGreaterThanOrEqual(400);
    expect(t3 - t2).toBeGreaterThan(t2 - t1);
    const sent = await sentTo(standin, wx.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template_id: templateId(tenant, 'job_offered'),
      page: `pages/engineer/job/index?number=${ticket.number}`,
    });
    expect(sent[0].data).toMatchObject({
      character_string1: { value: ticket.number },
      thing3: { value: '空调漏水，地面有积水，请尽快派人处理，…' },
    });
    // Three attempts used one subscription credit.
    expect((await sys.http.get('/api/me/wechat').set(auth(wx.token)).expect(200)).body.templates).toContainEqual(
      expect.objectContaining({ kind: 'job_offered', credits: 0 }),
    );
    // Billing meters the message WeChat accepted once, not the attempts.
    expect(await wechatMessagesMetered(tenant.id)).toBe(1);
  });

  it('records a refusal (43101), does not retry it, and sends that template again only after a new accept', async () => {
    const { tenant, asset, engineer } = await setup();
    const reporter = await reporterSignIn(sys, standin, `refusing-${tenant.slug}`);
    await subscribe(sys, reporter, 'reporter', tenant, ['ticket_accepted', 'engineer_on_the_way']);
    await standin.fail({ api: 'subscribe_send', errcode: 43101, touser: reporter.openid });
    const ticket = await file(tenant, asset.code, reporter);
    await offeredTo(engineer, ticket.number);
    await sys.http.post(`/api/engineer/jobs/${ticket.number}/accept`).set(auth(engineer.token)).expect(200);
    const rows = await settledNotifications(sys, ticket.id, 2);
    expect(rows.find((r) => r.kind === 'ticket_accepted')).toMatchObject({ status: 'refused', attempts: 1 });
    await new Promise((r) => setTimeout(r, 1_500)); // longer than the first retry delay
    const calls = (await standin.log()).calls.filter((c) => c.api === 'subscribe_send' && c.touser === reporter.openid);
    expect(calls.map((c) => c.errcode)).toEqual([43101]);
    const status = await sys.http.get(`/api/public/me/subscriptions?asset=${asset.code}`).set(auth(reporter.token)).expect(200);
    expect(status.body.templates).toContainEqual(expect.objectContaining({ kind: 'ticket_accepted', credits: 0, refused: true }));

    // Another template still works; and a new "accept" lifts the refusal.
    await sys.http.post(`/api/engineer/jobs/${ticket.number}/travel`).set(auth(engineer.token)).expect(200);
    await settledNotifications(sys, ticket.id, 3);
    expect((await sentTo(standin, reporter.openid)).map((m) => m.template_id)).toEqual([templateId(tenant, 'engineer_on_the_way')]);
    expect(await wechatMessagesMetered(tenant.id)).toBe(1); // a refused message is not usage
    await subscribe(sys, reporter, 'reporter', tenant, ['ticket_accepted']);
    const again = await sys.http.get(`/api/public/me/subscriptions?asset=${asset.code}`).set(auth(reporter.token)).expect(200);
    expect(again.body.templates).toContainEqual(expect.objectContaining({ kind: 'ticket_accepted', credits: 1, refused: false }));
  });

  it('still offers the job to an engineer without credit, and shows the dispatcher that no message could be sent', async () => {
    const { tenant, asset, engineer, wx } = await setup();
    await subscribe(sys, wx, 'staff', tenant, ['job_offered']); // one accept = one message
    const first = await file(tenant, asset.code);
    await offeredTo(engineer, first.number);
    expect(await settledNotifications(sys, first.id, 1)).toEqual([expect.objectContaining({ status: 'sent' })]);
    const second = await file(tenant, asset.code);
    await offeredTo(engineer, second.number);
    await settledNotifications(sys, second.id, 1);
    const seen = await sys.http.get(`/api/tickets/${second.number}/notifications`).set(auth(tenant.dispatcher.token)).expect(200);
    expect(seen.body.items).toEqual([
      expect.objectContaining({
        kind: 'job_offered',
        recipientType: 'engineer',
        recipientUserId: engineer.id,
        status: 'skipped',
        reason: 'no_credit',
      }),
    ]);
    expect(await sentTo(standin, wx.openid)).toHaveLength(1);
    const staff = await sys.http.get('/api/staff/wechat').set(auth(tenant.dispatcher.token)).expect(200);
    expect(staff.body.items.find((i: { id: number }) => i.id === engineer.id)).toMatchObject({ bound: true, needsSubscription: true });
  });

  it('tells the bound dispatcher when every engineer declined, and when the reporter reopens', async () => {
    const { tenant, asset, engineer, wx } = await setup();
    const dispatcherWx = await bindStaff(sys, standin, tenant, tenant.dispatcher.id, `disp-${tenant.slug}`);
    await subscribe(sys, dispatcherWx, 'staff', tenant, ['offer_exhausted', 'ticket_reopened']);
    await subscribe(sys, wx, 'staff', tenant, ['job_offered', 'job_assigned']);
    const ticket = await file(tenant, asset.code);
    await offeredTo(engineer, ticket.number);
    await sys.http.post(`/api/engineer/jobs/${ticket.number}/decline`).set(auth(engineer.token)).send({ reason: '不在附近' }).expect(200);
    await waitFor(async () => (await sentTo(standin, dispatcherWx.openid)).length === 1, 'offer exhausted message');
    expect((await sentTo(standin, dispatcherWx.openid))[0]).toMatchObject({
      template_id: templateId(tenant, 'offer_exhausted'),
      data: expect.objectContaining({ thing3: { value: '所有工程师均未接单' } }),
      // Tapping it opens the phone dispatcher's page of this ticket, where it can be assigned.
      page: `pages/dispatcher/ticket/index?number=${ticket.number}`,
    });
    await sys.http
      .post(`/api/tickets/${ticket.number}/assign`)
      .set(auth(tenant.dispatcher.token))
      .send({ engineerId: engineer.id })
      .expect(200);
    for (const step of ['accept', 'travel', 'arrive'])
      await sys.http.post(`/api/engineer/jobs/${ticket.number}/${step}`).set(auth(engineer.token)).expect(200);
    await sys.http.post(`/api/engineer/jobs/${ticket.number}/resolve`).set(auth(engineer.token)).send({ notes: '已处理' }).expect(200);
    await sys.http.post(`/api/public/tickets/${ticket.trackingToken}/reopen`).send({ reason: '还在漏水' }).expect(200);
    await waitFor(async () => (await sentTo(standin, dispatcherWx.openid)).length === 2, 'reopened message');
    expect((await sentTo(standin, dispatcherWx.openid)).map((m) => m.template_id)).toEqual([
      templateId(tenant, 'offer_exhausted'),
      templateId(tenant, 'ticket_reopened'),
    ]);
    expect((await sentTo(standin, wx.openid)).map((m) => m.template_id)).toEqual([
      templateId(tenant, 'job_offered'),
      templateId(tenant, 'job_assigned'),
    ]);
  });

  it('tells the engineer who loses a job to reassignment, and the new one that it is theirs', async () => {
    const { tenant, asset, engineer: first, wx: firstWx } = await setup('manual');
    const second = await makeUser(sys.deps, tenant.id, 'engineer');
    const secondWx = await bindStaff(sys, standin, tenant, second.id, `eng2-${second.username}`);
    await subscribe(sys, firstWx, 'staff', tenant, ['job_assigned', 'job_reassigned']);
    await subscribe(sys, secondWx, 'staff', tenant, ['job_assigned']);
    const ticket = await file(tenant, asset.code);
    // Manual mode: the dispatch job hands it to the dispatcher's queue first.
    await waitFor(
      async () => (await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id })).needsDispatcher,
      'escalation',
    );
    await sys.http
      .post(`/api/tickets/${ticket.number}/assign`)
      .set(auth(tenant.dispatcher.token))
      .send({ engineerId: first.id })
      .expect(200);
    await sys.http.post(`/api/engineer/jobs/${ticket.number}/accept`).set(auth(first.token)).expect(200);
    await sys.http
      .post(`/api/tickets/${ticket.number}/assign`)
      .set(auth(tenant.dispatcher.token))
      .send({ engineerId: second.id })
      .expect(200);
    await waitFor(
      async () => (await sentTo(standin, firstWx.openid)).length === 2 && (await sentTo(standin, secondWx.openid)).length === 1,
      'reassignment messages',
    );
    expect((await sentTo(standin, firstWx.openid)).map((m) => m.template_id)).toEqual([
      templateId(tenant, 'job_assigned'),
      templateId(tenant, 'job_reassigned'),
    ]);
    expect((await sentTo(standin, secondWx.openid)).map((m) => m.template_id)).toEqual([templateId(tenant, 'job_assigned')]);
  });

  it('does not repeat a message whose answer was lost after it left (reported as unknown)', async () => {
    const { tenant, asset, engineer, wx } = await setup();
    await subscribe(sys, wx, 'staff', tenant, ['job_offered']);
    await standin.fail({ api: 'subscribe_send', deliverThenDrop: true, touser: wx.openid });
    const ticket = await file(tenant, asset.code);
    await offeredTo(engineer, ticket.number);
    const [row] = await settledNotifications(sys, ticket.id, 1);
    expect(row).toMatchObject({ status: 'unknown', attempts: 1 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await sentTo(standin, wx.openid)).toHaveLength(1);
  });
  // Last: it moves the shared clock on.
  it('has the sweeper send a message whose job was lost, and settle one a killed worker left sending as unknown', async () => {
    const { tenant, asset, engineer, wx } = await setup();
    await subscribe(sys, wx, 'staff', tenant, ['job_offered'], 3);
    const ticket = await file(tenant, asset.code);
    await offeredTo(engineer, ticket.number);
    const [delivered] = await settledNotifications(sys, ticket.id, 1);
    const repo = sys.deps.db.ds.getRepository(Notification);
    const copy = (status: 'pending' | 'sending', key: string) =>
      repo.insert({
        ...delivered,
        id: undefined,
        dedupeKey: `${delivered.dedupeKey}:${key}`,
        status,
        attempts: status === 'sending' ? 1 : 0,
        creditTaken: status === 'sending',
        sentAt: null,
        reason: null,
        updatedAt: sys.clock.now(),
      });
    const lost = (await copy('pending', 'lost-job')).identifiers[0].id as number;
    const killed = (await copy('sending', 'killed-worker')).identifiers[0].id as number;
    await sweepNotifications(sys.deps); // too recent: their jobs may still be running, so both are left alone
    expect((await repo.findBy({ id: In([lost, killed]) })).map((r) => r.status).sort()).toEqual(['pending', 'sending']);
    (sys.clock as ManualClock).advance(STUCK_AFTER_MS + 1_000);
    expect(await sweepNotifications(sys.deps)).toBeGreaterThanOrEqual(2);
    expect(await repo.findOneByOrFail({ id: lost })).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await repo.findOneByOrFail({ id: killed })).toMatchObject({ status: 'unknown', attempts: 1 });
    expect(await sentTo(standin, wx.openid)).toHaveLength(2);
  });
});
