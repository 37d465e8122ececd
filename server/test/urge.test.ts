import { Site } from '../src/modules/assets/site.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { ManualClock } from '../src/lib/clock';
import { DRIVERS, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, PNG_BYTES, type TestTenant, type TestUser } from './helpers/factories';
import { expectError, fileTicket, waitForOffer } from './helpers/contract';
import { bindStaff, configureTemplates, subscribe, templateId } from './helpers/notify';
import { sentTo, startStandinSystem, type TestStandin } from './helpers/wechat';

describe.each(DRIVERS)('催单 (urge) and what the engineer and reporter see on %s', (driver) => {
  let standin: TestStandin;
  let sys: TestSystem;
  const clock = new ManualClock(new Date());

  let stopAll: () => Promise<void>;
  beforeAll(async () => {
    ({ standin, sys, stop: stopAll } = await startStandinSystem(driver, { clock }));
  });
  afterAll(() => stopAll());

  async function setup(): Promise<{ tenant: TestTenant; engineer: TestUser; assetCode: string }> {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto', offerTimeoutSeconds: 86_400 });
    await sys.deps.db.ds.getRepository(Site).update({ id: tenant.siteIds[0] }, { address: '上海市浦东新区世纪大道 100 号' });
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    return { tenant, engineer, assetCode: asset.code };
  }

  const file = (assetCode: string, urgency = 'normal') =>
    fileTicket(sys.http, `urge-${Math.random().toString(36).slice(2)}`, {
      assetCode,
      description: '门禁刷卡没反应',
      contactPhone: '13800138000',
      urgency,
    });

  it('records an urge, refuses a second one within 30 minutes with 429 and Retry-After, and allows it again after', async () => {
    const { assetCode } = await setup();
    const t = await file(assetCode);
    const first = await sys.http.post(`/api/public/tickets/${t.trackingToken}/urge`).expect(200);
    expect(first.body.ticket.urgedAt).toBe(clock.now().toISOString());
    expect(first.body.ticket.events.map((e: { type: string }) => e.type)).toContain('urged');

    clock.advance(10 * 60 * 1000);
    const again = await sys.http.post(`/api/public/tickets/${t.trackingToken}/urge`);
    expectError(again, 429, 'URGE_TOO_SOON');
    expect(again.headers['retry-after']).toBe(String(20 * 60));
    expect(again.body.error.details.retryAfterSeconds).toBe(20 * 60);

    clock.advance(20 * 60 * 1000);
    await sys.http.post(`/api/public/tickets/${t.trackingToken}/urge`).expect(200);
    const row = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ trackingToken: t.trackingToken });
    expect(await sys.deps.db.ds.getRepository(TicketEvent).countBy({ ticketId: row.id, type: 'urged' })).toBe(2);
  });

  it('raises urged tickets in the desk queue with their urge count and last time; others carry none', async () => {
    const { tenant, assetCode } = await setup();
    const urged = await file(assetCode);
    const quiet = await file(assetCode);
    await sys.http.post(`/api/public/tickets/${urged.trackingToken}/urge`).expect(200);
    clock.advance(31 * 60 * 1000);
    await sys.http.post(`/api/public/tickets/${urged.trackingToken}/urge`).expect(200);
    const page = await sys.http.get('/api/tickets/desk?group=offered').set(auth(tenant.dispatcher.token)).expect(200);
    const row = (n: string) => (page.body.items as Array<{ number: string; urged: unknown }>).find((i) => i.number === n);
    expect(row(urged.number)?.urged).toEqual({ count: 2, lastAt: clock.now().toISOString() });
    expect(row(quiet.number)?.urged).toBeNull();
  });

  it('refuses to urge a closed or a cancelled request with 409', async () => {
    const { tenant, engineer, assetCode } = await setup();
    const done = await file(assetCode);
    await waitForOffer(sys.http, engineer.token, done.number);
    for (const step of ['accept', 'arrive'])
      await sys.http.post(`/api/engineer/jobs/${done.number}/${step}`).set(auth(engineer.token)).expect(200);
    await sys.http.post(`/api/engineer/jobs/${done.number}/resolve`).set(auth(engineer.token)).send({ notes: '换了读卡器' }).expect(200);
    await sys.http.post(`/api/public/tickets/${done.trackingToken}/confirm`).expect(200);
    expectError(await sys.http.post(`/api/public/tickets/${done.trackingToken}/urge`), 409, 'TICKET_NOT_URGEABLE');

    const cancelled = await file(assetCode);
    // Once dispatch has offered it: a cancel racing the offer's own update would be a 409 CONFLICT.
    await waitForOffer(sys.http, engineer.token, cancelled.number);
    await sys.http
      .post(`/api/tickets/${cancelled.number}/cancel`)
      .set(auth(tenant.dispatcher.token))
      .send({ reason: '重复报修' })
      .expect(200);
    expectError(await sys.http.post(`/api/public/tickets/${cancelled.trackingToken}/urge`), 409, 'TICKET_NOT_URGEABLE');
  });

  it('answers 404 for a made-up tracking token', async () => {
    expectError(await sys.http.post(`/api/public/tickets/${'x'.repeat(24)}/urge`), 404, 'TICKET_NOT_FOUND');
  });

  it("tells the dispatcher through the outbox: a WeChat message with the ticket's number", async () => {
    const { tenant, assetCode } = await setup();
    await configureTemplates(sys, tenant);
    const dispatcherWx = await bindStaff(sys, standin, tenant, tenant.dispatcher.id, `urge-disp-${tenant.slug}`);
    await subscribe(sys, dispatcherWx, 'staff', tenant, ['ticket_urged']);
    const t = await file(assetCode);
    await sys.http.post(`/api/public/tickets/${t.trackingToken}/urge`).expect(200);
    await waitFor(async () => (await sentTo(standin, dispatcherWx.openid)).length === 1, 'urge message');
    const [message] = await sentTo(standin, dispatcherWx.openid);
    expect(message).toMatchObject({ template_id: templateId(tenant, 'ticket_urged') });
    expect(message.data).toMatchObject({ character_string1: { value: t.number } });
  });

  it("gives the engineer the site's address, the urgency and, on a reopened job, the reporter's reason", async () => {
    const { engineer, assetCode } = await setup();
    const t = await file(assetCode, 'high');
    const offered = await waitForOffer(sys.http, engineer.token, t.number);
    expect(offered).toMatchObject({ urgency: 'high', reopened: null, asset: { address: '上海市浦东新区世纪大道 100 号' } });
    for (const step of ['accept', 'arrive'])
      await sys.http.post(`/api/engineer/jobs/${t.number}/${step}`).set(auth(engineer.token)).expect(200);
    await sys.http.post(`/api/engineer/jobs/${t.number}/resolve`).set(auth(engineer.token)).send({ notes: '重启控制器' }).expect(200);
    await sys.http.post(`/api/public/tickets/${t.trackingToken}/reopen`).send({ reason: '第二天又坏了' }).expect(200);
    const reoffered = await waitFor(async () => {
      const res = await sys.http.get('/api/engineer/jobs?status=offered').set(auth(engineer.token)).expect(200);
      return (res.body.items as Array<{ number: string }>).find((j) => j.number === t.number);
    }, 're-offer');
    expect(reoffered).toMatchObject({ reopened: { count: 1, reason: '第二天又坏了' } });
    const detail = await sys.http.get(`/api/engineer/jobs/${t.number}`).set(auth(engineer.token)).expect(200);
    expect(detail.body.ticket.reopened).toMatchObject({ count: 1, reason: '第二天又坏了', at: expect.any(String) });
  });

  it("shows the reporter the engineer's after-repair photos", async () => {
    const { engineer, assetCode } = await setup();
    const t = await file(assetCode);
    await waitForOffer(sys.http, engineer.token, t.number);
    for (const step of ['accept', 'arrive'])
      await sys.http.post(`/api/engineer/jobs/${t.number}/${step}`).set(auth(engineer.token)).expect(200);
    const upload = await sys.http.post('/api/public/uploads').attach('file', PNG_BYTES, 'fix.png').expect(201);
    await sys.http
      .post(`/api/engineer/jobs/${t.number}/resolve`)
      .set(auth(engineer.token))
      .send({ notes: '换了读卡器', photoIds: [upload.body.upload.id] })
      .expect(200);
    const tracked = await sys.http.get(`/api/public/tickets/${t.trackingToken}`).expect(200);
    expect(tracked.body.ticket.resolutionPhotos).toHaveLength(1);
    expect(tracked.body.ticket.resolutionPhotos[0]).toContain(upload.body.upload.id);
  });
});
