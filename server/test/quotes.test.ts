import type { PartView, QuoteView, StockLocationView } from '@baoxiu/shared';
import { Asset } from '../src/modules/assets/asset.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { followTokenFor } from '../src/modules/tickets/follow';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './helpers/factories';
import { errorOf, fileTicket, waitForOffer } from './helpers/contract';

describe.each(DRIVERS)('quotes for chargeable repairs on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  /** A ticket on an asset out of warranty (chargeable), the engineer on site. */
  const onSiteJob = async (t: TestTenant, engineer: TestUser, key: string, warrantyUntil: string | null) => {
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    await sys.deps.db.ds.getRepository(Asset).update({ id: asset.id }, { warrantyUntil });
    const ticket = await fileTicket(sys.http, `quotes-${driver}-${key}`, {
      assetCode: asset.code,
      description: '空调漏水',
      contactPhone: '13800138000',
    });
    await waitFor(
      async () =>
        (await sys.http.post(`/api/tickets/${ticket.number}/assign`).set(auth(t.dispatcher.token)).send({ engineerId: engineer.id }))
          .status === 200,
      'the assignment',
    );
    await waitForOffer(sys.http, engineer.token, ticket.number);
    for (const step of ['accept', 'travel', 'arrive'])
      await sys.http.post(`/api/engineer/jobs/${ticket.number}/${step}`).set(auth(engineer.token)).expect(200);
    return ticket;
  };

  it("quotes labour, call-out and parts at today's prices in versions; the reporter answers the latest; resolve waits for an accepted quote and then consumes the part", async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    await sys.http
      .put('/api/settings/labour')
      .set(auth(t.admin.token))
      .send({ labourRatePerHour: 12_000, calloutFee: 5_000, quoteRequired: true })
      .expect(200);
    const part = (
      await sys.http
        .post('/api/parts')
        .set(auth(t.dispatcher.token))
        .send({ sku: 'PUMP-1', name: '排水泵', unit: '个', cost: 1_500, price: 3_800, minStock: 0 })
        .expect(201)
    ).body.part as PartView;
    const van = (
      (await sys.http.get('/api/stock/locations').set(auth(t.dispatcher.token)).expect(200)).body.items as StockLocationView[]
    ).find((l) => l.engineerId === engineer.id) as StockLocationView;
    await sys.http
      .post('/api/stock/movements')
      .set(auth(t.dispatcher.token))
      .send({ partId: part.id, locationId: van.id, kind: 'receive', quantity: 1 })
      .expect(201);
    const ticket = await onSiteJob(t, engineer, 'flow', null);
    const quote = (body: object) => sys.http.post(`/api/engineer/jobs/${ticket.number}/quote`).set(auth(engineer.token)).send(body);
    const resolve = () =>
      sys.http
        .post(`/api/engineer/jobs/${ticket.number}/resolve`)
        .set(auth(engineer.token))
        .send({ notes: '更换排水泵', partsUsed: [{ partId: part.id, quantity: 1 }] });
    const answer = (how: 'accept' | 'reject', version: number, token = ticket.trackingToken) =>
      sys.http.post(`/api/public/tickets/${token}/quote/${how}`).send({ version });

    const early = await resolve();
    expect([early.status, errorOf(early.body)?.code, errorOf(early.body)?.details]).toEqual([422, 'QUOTE_REQUIRED', { quote: null }]);

    const v1 = (await quote({ labourMinutes: 45, lines: [{ partId: part.id, quantity: 1 }] }).expect(201)).body.quote as QuoteView;
    expect(v1).toMatchObject({
      version: 1,
      status: 'pending',
      labourMinutes: 45,
      labourRatePerHour: 12_000,
      labourAmount: 9_000,
      calloutFee: 5_000,
      partsAmount: 3_800,
      total: 17_800,
      lines: [{ partId: part.id, sku: 'PUMP-1', name: '排水泵', unit: '个', quantity: 1, unitPrice: 3_800, lineTotal: 3_800 }],
    });
    const v2 = (await quote({ labourMinutes: 50, calloutFee: 0, lines: [{ partId: part.id, quantity: 1 }] }).expect(201)).body
      .quote as QuoteView;
    expect(v2).toMatchObject({ version: 2, labourAmount: 10_000, calloutFee: 0, total: 13_800 });
    const tracked = await sys.http.get(`/api/public/tickets/${ticket.trackingToken}`).expect(200);
    expect([tracked.body.ticket.coverage, tracked.body.ticket.quote]).toEqual([
      'chargeable',
      expect.objectContaining({ version: 2, status: 'pending', total: 13_800 }),
    ]);

    const job = await sys.http.get(`/api/engineer/jobs/${ticket.number}`).set(auth(engineer.token)).expect(200);
    expect([job.body.ticket.coverage, job.body.ticket.quote]).toEqual([
      'chargeable',
      expect.objectContaining({ version: 2, status: 'pending' }),
    ]);
    const outdated = await answer('accept', 1);
    expect([outdated.status, errorOf(outdated.body)?.code, errorOf(outdated.body)?.details]).toEqual([
      409,
      'QUOTE_OUTDATED',
      { version: 1, current: 2, status: 'pending' },
    ]);
    const follower = await answer(
      'accept',
      2,
      followTokenFor(
        sys.deps.jwtSecret,
        (await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ number: ticket.number, tenantId: t.id })).id,
      ),
    );
    expect([follower.status, errorOf(follower.body)?.code]).toEqual([403, 'FORBIDDEN']);
    expect((await answer('reject', 2).expect(200)).body.quote).toMatchObject({ version: 2, status: 'rejected' });
    const twice = await answer('accept', 2);
    expect([twice.status, errorOf(twice.body)?.code]).toEqual([409, 'QUOTE_OUTDATED']);
    const afterReject = await resolve();
    expect([afterReject.status, errorOf(afterReject.body)?.details]).toEqual([422, { quote: { version: 2, status: 'rejected' } }]);

    await quote({ labourMinutes: 30, lines: [{ partId: part.id, quantity: 1 }] }).expect(201);
    expect((await answer('accept', 3).expect(200)).body.quote).toMatchObject({
      version: 3,
      status: 'accepted',
      total: 6_000 + 5_000 + 3_800,
    });
    const done = await resolve().expect(200);
    expect(done.body.ticket.resolution.partsUsed).toEqual([
      expect.objectContaining({ partId: part.id, quantity: 1, unitPrice: 3_800, lineTotal: 3_800 }),
    ]);
    const stock = await sys.http.get(`/api/parts/${part.id}/stock`).set(auth(t.dispatcher.token)).expect(200);
    expect(stock.body.locations.find((l: { locationId: number }) => l.locationId === van.id).onHand).toBe(0);
  });

  it('refuses a quote on covered work and on a job the engineer does not hold; without quoteRequired, chargeable work resolves without one', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const [engineer, other] = [await makeUser(sys.deps, t.id, 'engineer'), await makeUser(sys.deps, t.id, 'engineer')];
    const covered = await onSiteJob(t, engineer, 'covered', '2099-12-31');
    const refused = await sys.http
      .post(`/api/engineer/jobs/${covered.number}/quote`)
      .set(auth(engineer.token))
      .send({ labourMinutes: 10, lines: [] });
    expect([refused.status, errorOf(refused.body)?.code, errorOf(refused.body)?.details]).toEqual([
      409,
      'QUOTE_NOT_NEEDED',
      { coverage: 'warranty' },
    ]);
    const chargeable = await onSiteJob(t, engineer, 'free', null);
    const notMine = await sys.http
      .post(`/api/engineer/jobs/${chargeable.number}/quote`)
      .set(auth(other.token))
      .send({ labourMinutes: 10, lines: [] });
    expect([notMine.status, errorOf(notMine.body)?.code]).toEqual([404, 'JOB_NOT_FOUND']);
    const unknown = await sys.http
      .post(`/api/engineer/jobs/${chargeable.number}/quote`)
      .set(auth(engineer.token))
      .send({ labourMinutes: 10, lines: [{ partId: 2_000_000, quantity: 1 }] });
    expect([unknown.status, errorOf(unknown.body)?.code]).toEqual([422, 'PARTS_UNKNOWN']);
    await sys.http.post(`/api/engineer/jobs/${chargeable.number}/resolve`).set(auth(engineer.token)).send({ notes: '已修好' }).expect(200);
  });
  it('the dispatcher quotes and revises after a rejection; a quoted event is recorded; cancel as quote_refused only after a rejection; signatureRequired refuses an unsigned chargeable resolve', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    await sys.http
      .put('/api/settings/labour')
      .set(auth(t.admin.token))
      .send({ labourRatePerHour: 6_000, calloutFee: 0, quoteRequired: false, signatureRequired: true })
      .expect(200);
    const settings = await sys.http.get('/api/settings/labour').set(auth(t.dispatcher.token)).expect(200);
    expect(settings.body.settings).toEqual({ labourRatePerHour: 6_000, calloutFee: 0, quoteRequired: false, signatureRequired: true });
    const ticket = await onSiteJob(t, engineer, 'dispatcher', null);
    const disp = auth(t.dispatcher.token);
    const cancelRefused = () =>
      sys.http.post(`/api/tickets/${ticket.number}/cancel`).set(disp).send({ reason: '客户拒绝报价', code: 'quote_refused' });

    const early = await cancelRefused();
    expect([early.status, errorOf(early.body)?.code]).toEqual([409, 'QUOTE_NOT_REFUSED']);
    const v1 = (await sys.http.post(`/api/tickets/${ticket.number}/quote`).set(disp).send({ labourMinutes: 60, lines: [] }).expect(201))
      .body.quote as QuoteView;
    expect(v1).toMatchObject({ version: 1, status: 'pending', labourAmount: 6_000, total: 6_000 });
    const events = await sys.deps.db.ds.getRepository(TicketEvent).findBy({
      ticketId: (await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: t.id, number: ticket.number })).id,
      type: 'quoted',
    });
    expect(events.map((e) => e.note)).toEqual(['v1 ¥60.00']);
    await sys.http.post(`/api/public/tickets/${ticket.trackingToken}/quote/reject`).send({ version: 1 }).expect(200);
    const v2 = (await sys.http.post(`/api/tickets/${ticket.number}/quote`).set(disp).send({ labourMinutes: 30, lines: [] }).expect(201))
      .body.quote as QuoteView;
    expect([v2.version, v2.total]).toEqual([2, 3_000]);
    const unsigned = await sys.http
      .post(`/api/engineer/jobs/${ticket.number}/resolve`)
      .set(auth(engineer.token))
      .send({ notes: '已修复', partsUsed: [] });
    expect([unsigned.status, errorOf(unsigned.body)?.code]).toEqual([422, 'SIGNATURE_REQUIRED']);
    const pending = await cancelRefused();
    expect([pending.status, errorOf(pending.body)?.code]).toEqual([409, 'QUOTE_NOT_REFUSED']);
    await sys.http.post(`/api/public/tickets/${ticket.trackingToken}/quote/reject`).send({ version: 2 }).expect(200);
    const cancelled = await cancelRefused().expect(200);
    expect(cancelled.body.ticket.status).toBe('cancelled');
    const late = await sys.http.post(`/api/tickets/${ticket.number}/quote`).set(disp).send({ labourMinutes: 30, lines: [] });
    expect([late.status, errorOf(late.body)?.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('lists the quotes awaiting the reporter newest first with ticket, asset, site, version, total and sender, pages by cursor, drops answered ones and tickets cancelled, and shows every version on the desk detail', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    await sys.http
      .put('/api/settings/labour')
      .set(auth(t.admin.token))
      .send({ labourRatePerHour: 6_000, calloutFee: 1_000, quoteRequired: true })
      .expect(200);
    const disp = auth(t.dispatcher.token);
    const [first, second, third] = [
      await onSiteJob(t, engineer, 'q1', null),
      await onSiteJob(t, engineer, 'q2', null),
      await onSiteJob(t, engineer, 'q3', null),
    ];
    await sys.http.post(`/api/tickets/${first.number}/quote`).set(disp).send({ labourMinutes: 60, lines: [] }).expect(201);
    await sys.http
      .post(`/api/engineer/jobs/${second.number}/quote`)
      .set(auth(engineer.token))
      .send({ labourMinutes: 30, lines: [] })
      .expect(201);
    await sys.http.post(`/api/tickets/${second.number}/quote`).set(disp).send({ labourMinutes: 90, lines: [] }).expect(201);
    await sys.http.post(`/api/tickets/${third.number}/quote`).set(disp).send({ labourMinutes: 10, lines: [] }).expect(201);
    await sys.http.post(`/api/public/tickets/${third.trackingToken}/quote/accept`).send({ version: 1 }).expect(200);

    const page1 = await sys.http.get('/api/quotes?state=pending&pageSize=1').set(disp).expect(200);
    const asset = await sys.deps.db.ds.getRepository(Asset).findOneByOrFail({
      id: (await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: t.id, number: second.number })).assetId,
    });
    expect(page1.body.items).toEqual([
      {
        number: second.number,
        asset: { id: asset.id, code: asset.code, name: asset.name },
        site: { id: t.siteIds[0], name: expect.any(String) },
        version: 2,
        total: 9_000 + 1_000,
        state: 'pending',
        sentAt: expect.any(String),
        sentBy: { id: t.dispatcher.id, name: expect.any(String) },
      },
    ]);
    expect(page1.body.nextCursor).toEqual(expect.stringMatching(/^q\d+$/));
    const page2 = await sys.http
      .get(`/api/quotes?pageSize=1&cursor=${page1.body.nextCursor as string}`)
      .set(disp)
      .expect(200);
    expect([page2.body.items.map((i: { number: string }) => i.number), page2.body.nextCursor]).toEqual([[first.number], null]);
    const accepted = await sys.http.get('/api/quotes?state=accepted').set(disp).expect(200);
    expect(accepted.body.items.map((i: { number: string; state: string }) => [i.number, i.state])).toEqual([[third.number, 'accepted']]);

    await sys.http.post(`/api/tickets/${first.number}/cancel`).set(disp).send({ reason: '客户不修了' }).expect(200);
    const after = await sys.http.get('/api/quotes').set(disp).expect(200);
    expect(after.body.items.map((i: { number: string }) => i.number)).toEqual([second.number]);
    const engineerAsks = await sys.http.get('/api/quotes').set(auth(engineer.token));
    expect([engineerAsks.status, errorOf(engineerAsks.body)?.code]).toEqual([403, 'FORBIDDEN']);

    const detail = await sys.http.get(`/api/tickets/${second.number}`).set(disp).expect(200);
    expect(detail.body.quotes.map((q: QuoteView) => [q.version, q.status, q.total])).toEqual([
      [1, 'superseded', 4_000],
      [2, 'pending', 10_000],
    ]);
  });
});
