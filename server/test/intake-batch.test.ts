import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { makeAsset, makeTenant, PNG_BYTES } from './helpers/factories';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';

describe.each(DRIVERS)('intake written in batches on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  const file = (key: string, body: Record<string, unknown>) =>
    sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', key)
      .send({ contactPhone: '13600000003', ...body });

  it('lets one bad request in a burst fail alone: the others are stored, numbered without gaps, each with its event', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const run = `${driver}-${Date.now()}`;
    const first = await file(`early-${run}`, { assetCode: asset.code, description: '早到的 early' }).expect(201);
    const photo = await sys.http.post('/api/public/uploads').attach('file', PNG_BYTES, 'p.png').expect(201);

    const burst = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        if (i === 3)
          return file(`bad-photo-${run}`, { assetCode: asset.code, description: '照片不存在', photoIds: ['nope-nope-nope-nope'] });
        if (i === 7) return file(`early-${run}`, { assetCode: asset.code, description: '早到的 early' }); // a retry: same key, same body
        if (i === 11) return file(`early-${run}`, { assetCode: asset.code, description: '换了内容 changed' }); // same key, other body
        if (i === 15) return file(`unknown-${run}`, { assetCode: 'NOSUCHCODE0000', description: '没有这个设备' });
        if (i === 19) return file(`with-photo-${run}`, { assetCode: asset.code, description: '带照片', photoIds: [photo.body.upload.id] });
        return file(`burst-${i}-${run}`, { assetCode: asset.code, description: `问题 ${i}` });
      }),
    );

    expect([burst[3].status, burst[3].body.error.code]).toEqual([400, 'PHOTO_NOT_FOUND']);
    expect([burst[7].status, burst[7].body.ticket.number]).toEqual([201, first.body.ticket.number]);
    expect([burst[11].status, burst[11].body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect([burst[15].status, burst[15].body.error.code]).toEqual([404, 'ASSET_NOT_FOUND']);
    const created = burst.filter((_, i) => ![3, 7, 11, 15].includes(i));
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));

    const tickets = await sys.deps.db.ds.getRepository(Ticket).find({ where: { tenantId: tenant.id }, order: { number: 'ASC' } });
    expect(tickets.map((t) => Number(t.number.slice(-4)))).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(new Set(tickets.map((t) => t.trackingToken)).size).toBe(21);
    const events = await sys.deps.db.ds.getRepository(TicketEvent).countBy({ tenantId: tenant.id, type: 'created' });
    expect(events).toBe(21);
    const withPhoto = await sys.http.get(`/api/public/tickets/${burst[19].body.ticket.trackingToken}`).expect(200);
    expect(withPhoto.body.ticket.photos).toHaveLength(1);
  });
});
