import sharp from 'sharp';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, JPEG_BYTES, makeAsset, makeEngineers, makeTenant, PNG_BYTES } from './helpers/factories';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import type { NotificationKind } from '@baoxiu/shared';
import type { WechatClient } from '../src/wechat/client';
import { bindStaff, configureTemplates, reporterSignIn, settledNotifications, subscribe, templateId } from './helpers/notify';
import { startStandinSystem, type TestStandin } from './helpers/wechat';

describe.each(DRIVERS)('the repair loop over HTTP on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('takes a scan through intake, auto-dispatch, the engineer workflow, confirmation and rating', async () => {
    const { deps, http } = sys;
    const tenant = await makeTenant(deps, { dispatchMode: 'auto' });
    const asset = await makeAsset(deps, tenant.id, tenant.siteIds[0], { category: '空调', name: '格力空调 3F' });
    const [specialist] = await makeEngineers(deps, tenant.id, 1, { skills: ['空调'], siteIds: [tenant.siteIds[0]] });
    await makeEngineers(deps, tenant.id, 1, { skills: ['电梯'] });

    const scan = await http.get(`/api/public/assets/${asset.code}`).expect(200);
    expect(scan.body.asset).toMatchObject({ code: asset.code, name: '格力空调 3F', category: '空调', site: '一号楼 Building 1' });
    expect(scan.body.openTickets).toEqual([]);

    const photoIds: string[] = [];
    for (const [bytes, name] of [
      [PNG_BYTES, 'a.png'],
      [JPEG_BYTES, 'b.jpg'],
    ] as const) {
      const up = await http.post('/api/public/uploads').attach('file', bytes, name).expect(201);
      expect(up.body.upload.url).toBe(`/api/public/uploads/${up.body.upload.id}`);
      photoIds.push(up.body.upload.id);
    }

    const created = await http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `lifecycle-${driver}-1`)
      .send({
        assetCode: asset.code,
        description: '空调不制冷，有异响',
        contactPhone: '13800138000',
        contactName: '陈女士',
        urgency: 'high',
        photoIds,
      })
      .expect(201);
    const { number, trackingToken, status } = created.body.ticket;
    expect(number).toMatch(/^BX-\d{8}-0001$/);
    expect(status).toBe('new');

    const offered = await waitFor(async () => {
      const res = await http.get('/api/engineer/jobs?status=offered').set(auth(specialist.token));
      return res.body.items?.length === 1 ? res.body.items[0] : null;
    }, 'the specialist to be offered the job');
    expect(offered).toMatchObject({ number, status: 'offered', asset: { code: asset.code } });
    expect(offered.photos).toHaveLength(2);
    expect(offered.contactPhone).toBe('138****8000');

    const scanAgain = await http.get(`/api/public/assets/${asset.code}`).expect(200);
    expect(scanAgain.body.openTickets).toEqual([expect.objectContaining({ number, status: 'offered' })]);

    const accepted = await http.post(`/api/engineer/jobs/${number}/accept`).set(auth(specialist.token)).expect(200);
    expect(accepted.body.ticket).toMatchObject({ status: 'accepted', contactPhone: '13800138000' });
    await http.post(`/api/engineer/jobs/${number}/travel`).set(auth(specialist.token)).expect(200);
    await http.post(`/api/engineer/jobs/${number}/arrive`).set(auth(specialist.token)).expect(200);
    const fixPhoto = await http.post('/api/public/uploads').attach('file', PNG_BYTES, 'fix.png').expect(201);
    const resolved = await http
      .post(`/api/engineer/jobs/${number}/resolve`)
      .set(auth(specialist.token))
      .send({ notes: '更换压缩机电容，制冷恢复', photoIds: [fixPhoto.body.upload.id] })
      .expect(200);
    expect(resolved.body.ticket.resolution).toMatchObject({ notes: '更换压缩机电容，制冷恢复' });
    expect(resolved.body.ticket.resolution.photos).toHaveLength(1);

    const tracked = await http.get(`/api/public/tickets/${trackingToken}`).expect(200);
    expect(tracked.body.ticket).toMatchObject({ number, status: 'resolved', engineer: { name: specialist.username } });

    await http.post(`/api/public/tickets/${trackingToken}/confirm`).expect(200);
    const rated = await http.post(`/api/public/tickets/${trackingToken}/rating`).send({ score: 5, comment: '很快' }).expect(200);
    expect(rated.body.ticket).toMatchObject({ status: 'closed', rating: { score: 5, comment: '很快' } });

    const ticket = await deps.db.ds.getRepository(Ticket).findOneByOrFail({ number, tenantId: tenant.id });
    const events = await deps.db.ds.getRepository(TicketEvent).find({ where: { ticketId: ticket.id }, order: { id: 'ASC' } });
    expect(events.map((e) => e.type)).toEqual(['created', 'offered', 'accepted', 'en_route', 'on_site', 'resolved', 'closed', 'rated']);
    expect(events.map((e) => e.toStatus)).toEqual(['new', 'offered', 'accepted', 'en_route', 'on_site', 'resolved', 'closed', 'closed']);
    expect(events.find((e) => e.type === 'accepted')).toMatchObject({ actorType: 'engineer', actorId: specialist.id });
    expect(tracked.body.ticket.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'accepted',
      'en_route',
      'on_site',
      'resolved',
    ]);
  });

  it('serves the uploaded photo back, re-encoded, with its sniffed type', async () => {
    const up = await sys.http.post('/api/public/uploads').attach('file', PNG_BYTES, 'x.jpg').expect(201);
    const res = await sys.http.get(up.body.upload.url).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    // Re-encoded on upload (metadata stripped): the same picture, not the same bytes.
    expect(await sharp(res.body as Buffer).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });
  });
});

describe.each(DRIVERS)('the repair loop in WeChat on %s', (driver) => {
  let standin: TestStandin;
  let sys: TestSystem;
  let stopAll: () => Promise<void>;
  beforeAll(async () => {
    ({ standin, sys, stop: stopAll } = await startStandinSystem(driver));
  });
  afterAll(() => stopAll());

  /** An auto-dispatch tenant with templates, a bound and subscribed engineer, and a signed-in, subscribed reporter. */
  async function wechatTenant() {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    await configureTemplates(sys, tenant);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category: '空调', name: '格力空调 3F' });
    const [engineer] = await makeEngineers(sys.deps, tenant.id, 1, { skills: ['空调'] });
    const engineerWx = await bindStaff(sys, standin, tenant, engineer.id, `lifecycle-eng-${engineer.username}`);
    await subscribe(sys, engineerWx, 'staff', tenant, ['job_offered', 'job_assigned', 'job_reassigned']);
    const reporter = await reporterSignIn(sys, standin, `lifecycle-reporter-${tenant.slug}`);
    // wx.requestSubscribeMessage takes at most three templates a tap: after submit, then on the tracking page.
    await subscribe(sys, reporter, 'reporter', tenant, ['ticket_accepted', 'engineer_on_the_way', 'ticket_resolved']);
    await subscribe(sys, reporter, 'reporter', tenant, ['ticket_closed']);
    const created = await sys.http
      .post('/api/public/tickets')
      .set(auth(reporter.token))
      .set('Idempotency-Key', `wx-life-${tenant.slug}`)
      .send({ assetCode: asset.code, description: '空调不制冷', contactPhone: '13800138000' })
      .expect(201);
    const ticket = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: tenant.id, number: created.body.ticket.number });
    await waitFor(async () => {
      const res = await sys.http.get('/api/engineer/jobs?status=offered').set(auth(engineer.token));
      return res.body.items?.length === 1;
    }, 'the offer');
    return { tenant, engineer, engineerWx, reporter, ticket };
  }

  it('sends the engineer and the reporter exactly the expected WeChat messages at each step, once each', async () => {
    const { tenant, engineer, engineerWx, reporter, ticket } = await wechatTenant();
    const { number, trackingToken } = ticket;
    const expected: Array<[string, string]> = [];
    /** After a step: every message settled, and the stand-in's log for both people is exactly what we expect. */
    const check = async (...more: Array<[string, NotificationKind]>) => {
      expected.push(...more.map(([who, kind]): [string, string] => [who, templateId(tenant, kind)]));
      await settledNotifications(sys, ticket.id, expected.length);
      const log = (await standin.log()).sent.filter((m) => m.touser === engineerWx.openid || m.touser === reporter.openid);
      expect(log.map((m) => [m.touser === engineerWx.openid ? 'engineer' : 'reporter', m.template_id])).toEqual(expected);
    };
    const step = (action: string, body?: object) =>
      sys.http
        .post(`/api/engineer/jobs/${number}/${action}`)
        .set(auth(engineer.token))
        .send(body ?? {})
        .expect(200);

    await check(['engineer', 'job_offered']);
    await step('accept');
    await check(['reporter', 'ticket_accepted']);
    await step('travel');
    await check(['reporter', 'engineer_on_the_way']);
    await step('arrive');
    await check();
    await step('resolve', { notes: '更换电容' });
    await check(['reporter', 'ticket_resolved']);
    await sys.http.post(`/api/public/tickets/${trackingToken}/confirm`).expect(200);
    await check(['reporter', 'ticket_closed']);
    await sys.http.post(`/api/public/tickets/${trackingToken}/rating`).send({ score: 5 }).expect(200);
    await check();

    const rows = await settledNotifications(sys, ticket.id, 5);
    expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['job_offered', 'sent', 1],
      ['ticket_accepted', 'sent', 1],
      ['engineer_on_the_way', 'sent', 1],
      ['ticket_resolved', 'sent', 1],
      ['ticket_closed', 'sent', 1],
    ]);
    const accepted = (await standin.log()).sent.find((m) => m.template_id === templateId(tenant, 'ticket_accepted'));
    expect(accepted).toMatchObject({
      page: `pages/reporter/track/index?token=${trackingToken}`,
      data: expect.objectContaining({ thing2: { value: '格力空调 3F' } }),
    });
  });

  it('does not send a second time when the worker is killed after sending but before recording it', async () => {
    const client = sys.deps.wechat as WechatClient;
    const realSend = client.sendSubscribeMessage.bind(client);
    const killed = jest.spyOn(client, 'sendSubscribeMessage').mockImplementationOnce(async (msg) => {
      await realSend(msg);
      throw new Error('worker killed after WeChat accepted the message, before it was recorded');
    });
    try {
      const { ticket, engineerWx } = await wechatTenant();
      const [row] = await settledNotifications(sys, ticket.id, 1);
      // The queue ran the job again; the row was still `sending`, so it was settled as unknown, not resent.
      expect(row).toMatchObject({ kind: 'job_offered', status: 'unknown', attempts: 1 });
      expect(killed).toHaveBeenCalledTimes(1);
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await standin.log()).sent.filter((m) => m.touser === engineerWx.openid)).toHaveLength(1);
    } finally {
      killed.mockRestore();
    }
  });
});
