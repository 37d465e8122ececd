import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeEngineers, makeTenant, type TestTenant } from './helpers/factories';
import { ManualClock } from '../src/lib/clock';
import { sweepDispatch } from '../src/modules/dispatch/dispatch.jobs';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { Offer } from '../src/modules/dispatch/offer.entity';

describe.each(DRIVERS)('offer timeouts and refusals on %s', (driver) => {
  let sys: TestSystem;
  const clock = new ManualClock('2026-11-23T01:00:00Z');
  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
  });
  afterAll(async () => {
    await sys.stop();
  });

  async function fileTicket(tenant: TestTenant, key: string): Promise<Ticket> {
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const res = await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', key)
      .send({ assetCode: asset.code, description: '不制冷', contactPhone: '13700000000' })
      .expect(201);
    return waitFor(async () => {
      const t = await sys.deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: tenant.id, number: res.body.ticket.number });
      return t?.status === 'offered' || t?.needsDispatcher ? t : null;
    }, 'dispatch');
  }

  const pendingOf = async (ticketId: number) =>
    (await sys.deps.db.ds.getRepository(Offer).findBy({ ticketId, status: 'pending' })).map((o) => o.engineerId);
  const reload = (id: number) => sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ id });

  it('moves an unanswered offer to the next engineer, then to the dispatcher, on the injected clock', async () => {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto', offerTimeoutSeconds: 120 });
    const [first, second] = await makeEngineers(sys.deps, tenant.id, 2);
    const ticket = await fileTicket(tenant, `timeout-${driver}`);
    expect(await pendingOf(ticket.id)).toEqual([first.id]);

    clock.advance(119_000);
    await sweepDispatch(sys.deps);
    expect(await pendingOf(ticket.id)).toEqual([first.id]);

    clock.advance(2_000);
    await sweepDispatch(sys.deps);
    expect(await pendingOf(ticket.id)).toEqual([second.id]);
    const late = await sys.http.post(`/api/engineer/jobs/${ticket.number}/accept`).set(auth(first.token)).expect(409);
    expect(late.body.error.code).toBe('OFFER_EXPIRED');

    clock.advance(121_000);
    await sweepDispatch(sys.deps);
    const escalated = await reload(ticket.id);
    expect(escalated).toMatchObject({ status: 'new', needsDispatcher: true, offerExpiresAt: null });
    expect(await pendingOf(ticket.id)).toEqual([]);
    const types = (await sys.deps.db.ds.getRepository(TicketEvent).find({ where: { ticketId: ticket.id }, order: { id: 'ASC' } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(['created', 'offered', 'offer_expired', 'offered', 'offer_expired', 'escalated']);

    const queue = await sys.http.get('/api/tickets?needsDispatcher=true').set(auth(tenant.dispatcher.token)).expect(200);
    expect(queue.body.items.map((t: { number: string }) => t.number)).toEqual([ticket.number]);
  });

  it('offers a declined job to the next engineer at once, and the dispatcher can then assign it by hand', async () => {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    const [first, second] = await makeEngineers(sys.deps, tenant.id, 2);
    const ticket = await fileTicket(tenant, `decline-${driver}`);
    const firstAsked = (await pendingOf(ticket.id))[0];
    const [asked, other] = firstAsked === first.id ? [first, second] : [second, first];

    await sys.http.post(`/api/engineer/jobs/${ticket.number}/decline`).set(auth(asked.token)).send({ reason: '不在附近' }).expect(200);
    expect(await pendingOf(ticket.id)).toEqual([other.id]);
    await sys.http.post(`/api/engineer/jobs/${ticket.number}/decline`).set(auth(other.token)).send({ reason: '休假' }).expect(200);
    expect(await reload(ticket.id)).toMatchObject({ status: 'new', needsDispatcher: true });

    const assigned = await sys.http
      .post(`/api/tickets/${ticket.number}/assign`)
      .set(auth(tenant.dispatcher.token))
      .send({ engineerId: asked.id })
      .expect(200);
    expect(assigned.body.ticket).toMatchObject({ status: 'offered', needsDispatcher: false });
    await sys.http.post(`/api/engineer/jobs/${ticket.number}/accept`).set(auth(asked.token)).expect(200);
    expect(await reload(ticket.id)).toMatchObject({ status: 'accepted', engineerId: asked.id });
  });

  it('sends every ticket of a manual-dispatch tenant straight to the dispatcher', async () => {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    await makeEngineers(sys.deps, tenant.id, 2);
    const ticket = await fileTicket(tenant, `manual-${driver}`);
    expect(await reload(ticket.id)).toMatchObject({ status: 'new', needsDispatcher: true });
    expect(await pendingOf(ticket.id)).toEqual([]);
  });
});
