import { randomInt } from 'node:crypto';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { makeAsset, makeTenant, PNG_BYTES } from './helpers/factories';
import type { ManualClock } from '../src/lib/clock';
import { Ticket } from '../src/modules/tickets/ticket.entity';

describe.each(DRIVERS)('public rate limits on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver, {
      env: { TRUST_PROXY: 'true', RATE_LIMIT_TICKETS_PER_IP: '3', RATE_LIMIT_TICKETS_PER_ASSET: '2', RATE_LIMIT_UPLOADS_PER_IP: '2' },
    });
  });
  afterAll(async () => {
    await sys.stop();
  });
  const net = `10.${randomInt(256)}.${randomInt(256)}`;
  const file = (code: string, i: number, ip: string) =>
    sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `rl-${driver}-${code}-${i}`)
      .set('X-Forwarded-For', ip)
      .send({ assetCode: code, description: `问题 ${i}`, contactPhone: '13800000000' });

  it('refuses a third report on one asset within the hour with 429 and Retry-After, storing nothing', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    await file(asset.code, 1, `${net}.1`).expect(201);
    await file(asset.code, 2, `${net}.2`).expect(201);
    const third = await file(asset.code, 3, `${net}.3`).expect(429);
    expect(third.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { rule: 'tickets-asset' } });
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(await sys.deps.db.ds.getRepository(Ticket).countBy({ tenantId: tenant.id })).toBe(2);
  });

  it('refuses a fourth report from one address within the minute, and lets it through in the next minute', async () => {
    const tenant = await makeTenant(sys.deps);
    const codes = [];
    for (let i = 0; i < 4; i += 1) codes.push((await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code);
    (sys.clock as ManualClock).set(new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 1_000));
    for (let i = 0; i < 3; i += 1) await file(codes[i], i, `${net}.11`).expect(201);
    const fourth = await file(codes[3], 3, `${net}.11`).expect(429);
    expect(fourth.body.error.details.rule).toBe('tickets-ip');
    (sys.clock as ManualClock).advance(60_000);
    await file(codes[3], 4, `${net}.11`).expect(201);
  });

  it('limits photo uploads per address', async () => {
    const upload = () => sys.http.post('/api/public/uploads').set('X-Forwarded-For', `${net}.21`).attach('file', PNG_BYTES, 'a.png');
    await upload().expect(201);
    await upload().expect(201);
    expect((await upload().expect(429)).body.error.code).toBe('RATE_LIMITED');
  });
});
