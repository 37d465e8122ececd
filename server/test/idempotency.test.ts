import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { makeAsset, makeTenant } from './helpers/factories';
import { Ticket } from '../src/modules/tickets/ticket.entity';

describe.each(DRIVERS)('idempotent intake on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('answers the same Idempotency-Key twice with one ticket and the same response', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const body = { assetCode: asset.code, description: '灯不亮', contactPhone: '13600000000' };
    const first = await sys.http.post('/api/public/tickets').set('Idempotency-Key', 'same-key-0001').send(body).expect(201);
    const second = await sys.http.post('/api/public/tickets').set('Idempotency-Key', 'same-key-0001').send(body).expect(201);
    expect(second.body).toEqual(first.body);
    expect(await sys.deps.db.ds.getRepository(Ticket).countBy({ tenantId: tenant.id })).toBe(1);
  });

  it('makes one ticket of a double tap racing itself', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const body = { assetCode: asset.code, description: '门禁失灵', contactPhone: '13600000001' };
    const taps = await Promise.all(
      [1, 2, 3].map(() => sys.http.post('/api/public/tickets').set('Idempotency-Key', 'double-tap-0001').send(body)),
    );
    expect(taps.map((t) => t.status)).toEqual([201, 201, 201]);
    expect(new Set(taps.map((t) => t.body.ticket.number)).size).toBe(1);
    expect(await sys.deps.db.ds.getRepository(Ticket).countBy({ tenantId: tenant.id })).toBe(1);
  });

  it('refuses a reused key with different content instead of returning the wrong ticket', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const body = { assetCode: asset.code, description: '漏水', contactPhone: '13600000002' };
    await sys.http.post('/api/public/tickets').set('Idempotency-Key', 'reused-key-001').send(body).expect(201);
    const res = await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', 'reused-key-001')
      .send({ ...body, description: '另一个问题' })
      .expect(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await sys.deps.db.ds.getRepository(Ticket).countBy({ tenantId: tenant.id })).toBe(1);
  });

  it('numbers tickets per tenant and day without gaps under concurrent intake', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sys.http
          .post('/api/public/tickets')
          .set('Idempotency-Key', `numbering-${i}-xyz`)
          .send({ assetCode: asset.code, description: `问题 ${i}`, contactPhone: '13600000003' }),
      ),
    );
    const suffixes = res.map((r) => Number(String(r.body.ticket.number).slice(-4))).sort((a, b) => a - b);
    expect(suffixes).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
