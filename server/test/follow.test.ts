import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { makeAsset, makeTenant, PNG_BYTES } from './helpers/factories';

describe.each(DRIVERS)('"same problem — follow it" on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('lets a second reporter follow an open ticket read-only: progress yes; photos, confirm, reopen and rating no', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const photo = await sys.http.post('/api/public/uploads').attach('file', PNG_BYTES, 'p.png').expect(201);
    const filed = await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `follow-${driver}-1`)
      .send({ assetCode: asset.code, description: '投影仪不亮', contactPhone: '13800000000', photoIds: [photo.body.upload.id] })
      .expect(201);

    const scan = await sys.http.get(`/api/public/assets/${asset.code}`).expect(200);
    const [open] = scan.body.openTickets;
    expect(open.number).toBe(filed.body.ticket.number);
    expect(open.followToken).not.toBe(filed.body.ticket.trackingToken);

    const followed = await sys.http.get(`/api/public/tickets/${open.followToken}`).expect(200);
    expect(followed.body.ticket).toMatchObject({ viewer: 'follower', number: open.number, photos: [] });
    const own = await sys.http.get(`/api/public/tickets/${filed.body.ticket.trackingToken}`).expect(200);
    expect(own.body.ticket).toMatchObject({ viewer: 'reporter' });
    expect(own.body.ticket.photos).toHaveLength(1);

    for (const action of ['confirm', 'reopen', 'rating']) {
      const res = await sys.http.post(`/api/public/tickets/${open.followToken}/${action}`).send({ reason: 'x', score: 1 });
      expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('refuses a forged follow token as unknown', async () => {
    const forged = `f0000001${'A'.repeat(24)}`;
    const res = await sys.http.get(`/api/public/tickets/${forged}`).expect(404);
    expect(res.body.error.code).toBe('TICKET_NOT_FOUND');
  });
});
