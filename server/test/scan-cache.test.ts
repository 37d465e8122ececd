import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { auth, makeAsset, makeTenant } from './helpers/factories';
import { ManualClock } from '../src/lib/clock';
import { readScanEntry, touchCodes, writeScanEntry } from '../src/modules/assets/scan-cache';
import { Asset } from '../src/modules/assets/asset.entity';

describe.each(DRIVERS)('scan answers from the cache stay true on %s', (driver) => {
  let sys: TestSystem;
  // 2026-11-23 15:30 UTC is 23:30 in Shanghai: half an hour before the tenant's next day.
  const clock = new ManualClock(new Date('2026-11-23T15:30:00Z'));
  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
  });
  afterAll(async () => {
    await sys.stop();
  });

  const scan = async (code: string) => (await sys.http.get(`/api/public/assets/${code}`).expect(200)).body;

  it('shows a repair filed a moment after a scan, and its status as it moves on', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    expect((await scan(asset.code)).openTickets).toEqual([]);
    expect((await scan(asset.code)).openTickets).toEqual([]); // now served from the cache

    const filed = await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `scan-${driver}-1`)
      .send({ assetCode: asset.code, description: '不制冷', contactPhone: '13800000000' })
      .expect(201);
    const after = await scan(asset.code);
    expect(after.openTickets.map((t: { number: string }) => t.number)).toEqual([filed.body.ticket.number]);

    // Nobody can take it (no engineers): wait until dispatch has handed it to the dispatcher, then cancel it.
    await waitFor(
      async () =>
        (await sys.deps.db.ds.getRepository(Ticket).findOneBy({ number: filed.body.ticket.number, tenantId: tenant.id }))?.needsDispatcher,
      'escalation',
    );
    expect((await scan(asset.code)).openTickets[0].status).toBe('new');
    await sys.http
      .post(`/api/tickets/${filed.body.ticket.number}/cancel`)
      .set(auth(tenant.dispatcher.token))
      .send({ reason: '重复报修' })
      .expect(200);
    expect((await scan(asset.code)).openTickets).toEqual([]);
  });

  it('shows an asset edit, a site rename and a deletion at once', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { name: '旧名 Old' });
    expect((await scan(asset.code)).asset.name).toBe('旧名 Old');
    await sys.http.patch(`/api/assets/${asset.id}`).set(auth(tenant.admin.token)).send({ name: '新名 New' }).expect(200);
    expect((await scan(asset.code)).asset.name).toBe('新名 New');

    await sys.http.patch(`/api/sites/${tenant.siteIds[0]}`).set(auth(tenant.admin.token)).send({ name: '新楼 New building' }).expect(200);
    expect((await scan(asset.code)).asset.site).toBe('新楼 New building');

    await sys.http.delete(`/api/assets/${asset.id}`).set(auth(tenant.admin.token)).expect(204);
    const gone = await sys.http.get(`/api/public/assets/${asset.code}`).expect(404);
    expect(gone.body.error.code).toBe('ASSET_NOT_FOUND');
  });

  it("turns the warranty flag at the tenant's midnight, not a cached day later", async () => {
    const tenant = await makeTenant(sys.deps); // Asia/Shanghai
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    await sys.deps.db.transaction((em) => em.update(Asset, { id: asset.id }, { warrantyUntil: '2026-11-23' }));
    await touchCodes(sys.deps, [asset.code]); // written behind the API's back: tell the cache as the API would
    clock.set(new Date('2026-11-23T15:30:00Z'));
    expect((await scan(asset.code)).asset.underWarranty).toBe(true);
    expect((await scan(asset.code)).asset.underWarranty).toBe(true);
    clock.set(new Date('2026-11-23T16:00:01Z')); // 00:00:01 on the 24th in Shanghai
    expect((await scan(asset.code)).asset.underWarranty).toBe(false);
  });

  it('never serves an answer computed before a change that committed meanwhile', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const now = clock.now();
    const before = await readScanEntry(sys.deps, asset.code, now); // a scan reads the version, then the database…
    expect(before?.json).toBeNull();
    await touchCodes(sys.deps, [asset.code]); // …a change commits in between…
    const stale = { asset: { name: 'stale' }, openTickets: [] } as unknown as Parameters<typeof writeScanEntry>[5];
    await writeScanEntry(sys.deps, asset.code, before?.version ?? '0', 'Asia/Shanghai', '20261123', stale); // …and it stores its answer
    expect((await readScanEntry(sys.deps, asset.code, now))?.json).toBeNull();
    expect((await scan(asset.code)).asset.name).toBe(asset.name);
  });
});
