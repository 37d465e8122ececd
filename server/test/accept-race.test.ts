import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeEngineers, makeTenant } from './helpers/factories';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { Offer } from '../src/modules/dispatch/offer.entity';

describe.each(DRIVERS)('pool dispatch on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('gives the job to exactly one of 50 engineers accepting at once; the other 49 get OFFER_TAKEN', async () => {
    const { deps, http } = sys;
    const tenant = await makeTenant(deps, { dispatchMode: 'pool' });
    const asset = await makeAsset(deps, tenant.id, tenant.siteIds[0]);
    const engineers = await makeEngineers(deps, tenant.id, 50);
    const created = await http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `race-${driver}`)
      .send({ assetCode: asset.code, description: '漏水', contactPhone: '13900000000' })
      .expect(201);
    const number: string = created.body.ticket.number;
    const ticket = await waitFor(async () => {
      const t = await deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: tenant.id, number });
      return t?.status === 'offered' ? t : null;
    }, 'the pool offer');
    expect(await deps.db.ds.getRepository(Offer).countBy({ ticketId: ticket.id, status: 'pending' })).toBe(50);

    const answers = await Promise.all(engineers.map((e) => http.post(`/api/engineer/jobs/${number}/accept`).set(auth(e.token))));
    const ok = answers.filter((r) => r.status === 200);
    const taken = answers.filter((r) => r.status === 409 && r.body.error?.code === 'OFFER_TAKEN');
    expect(ok).toHaveLength(1);
    expect(taken).toHaveLength(49);

    const winner = engineers.find((e) => e.id === ok[0].body.ticket.engineer.id);
    expect(winner).toBeDefined();
    const after = await deps.db.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id });
    expect(after).toMatchObject({ status: 'accepted', engineerId: winner?.id });
    expect(await deps.db.ds.getRepository(TicketEvent).countBy({ ticketId: ticket.id, type: 'accepted' })).toBe(1);
    const offers = await deps.db.ds.getRepository(Offer).findBy({ ticketId: ticket.id });
    expect(offers.filter((o) => o.status === 'accepted')).toHaveLength(1);
    expect(offers.filter((o) => o.status === 'withdrawn')).toHaveLength(49);
  });
});
