import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeEngineers, makeTenant, type TestTenant } from './helpers/factories';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { Offer } from '../src/modules/dispatch/offer.entity';

describe.each(DRIVERS)('dispatch sees every change to the engineers at once (the roster cache) on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  let n = 0;
  async function fileTicket(tenant: TestTenant, category = '空调'): Promise<Ticket> {
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category });
    const res = await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `roster-${driver}-${(n += 1)}-${Date.now()}`)
      .send({ assetCode: asset.code, description: '不制冷', contactPhone: '13700000000' })
      .expect(201);
    return waitFor(async () => {
      const t = await sys.deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: tenant.id, number: res.body.ticket.number });
      return t?.status === 'offered' || t?.needsDispatcher ? t : null;
    }, 'dispatch');
  }
  const offeredTo = async (t: Ticket) => (await sys.deps.db.ds.getRepository(Offer).findBy({ ticketId: t.id })).map((o) => o.engineerId);

  it('stops offering to an engineer put off duty, offers to one just added, and follows skill and site edits', async () => {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    const [first] = await makeEngineers(sys.deps, tenant.id, 1);
    expect(await offeredTo(await fileTicket(tenant))).toEqual([first.id]); // the roster is now cached

    await sys.http.patch(`/api/engineers/${first.id}`).set(auth(tenant.admin.token)).send({ onDuty: false }).expect(200);
    const created = await sys.http
      .post('/api/engineers')
      .set(auth(tenant.admin.token))
      .send({ username: `new-${driver}-${Date.now()}`, name: '新来的 Newcomer', password: 'secret-pass', skills: ['空调'] })
      .expect(201);
    const newcomer: number = created.body.engineer.id;
    expect(await offeredTo(await fileTicket(tenant))).toEqual([newcomer]);

    await sys.http
      .patch(`/api/engineers/${newcomer}`)
      .set(auth(tenant.admin.token))
      .send({ skills: ['电梯'] })
      .expect(200);
    const noSkill = await fileTicket(tenant, '空调');
    expect(noSkill.needsDispatcher).toBe(true);

    await sys.http
      .patch(`/api/engineers/${newcomer}`)
      .set(auth(tenant.admin.token))
      .send({ skills: [], siteIds: [tenant.siteIds[1]] })
      .expect(200);
    expect((await fileTicket(tenant)).needsDispatcher).toBe(true); // covers only the other building

    await sys.http.patch(`/api/engineers/${first.id}`).set(auth(tenant.admin.token)).send({ onDuty: true }).expect(200);
    expect(await offeredTo(await fileTicket(tenant))).toEqual([first.id]);

    await sys.http.delete(`/api/engineers/${first.id}`).set(auth(tenant.admin.token)).expect(204);
    expect((await fileTicket(tenant)).needsDispatcher).toBe(true); // the one left covers only the other building
  });

  it('offers to the engineer with fewer open jobs, then to whoever was offered one longest ago', async () => {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    const [a, b] = await makeEngineers(sys.deps, tenant.id, 2);
    const first = await fileTicket(tenant);
    expect(await offeredTo(first)).toEqual([a.id]); // equal load, never offered: lower id
    await sys.http.post(`/api/engineer/jobs/${first.number}/accept`).set(auth(a.token)).expect(200);
    const second = await fileTicket(tenant);
    expect(await offeredTo(second)).toEqual([b.id]); // a has an open job
    await sys.http.post(`/api/engineer/jobs/${second.number}/accept`).set(auth(b.token)).expect(200);
    // Both have one open job now; a was offered (and accepted) before b, so a is next.
    expect(await offeredTo(await fileTicket(tenant))).toEqual([a.id]);
  });
});
