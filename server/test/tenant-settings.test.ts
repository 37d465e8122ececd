import { randomBytes } from 'node:crypto';
import { publicUrlReach, type KpiReport, type TenantSettingsResponse } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { sweepKpis } from '../src/modules/reports/kpi.rollup';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant } from './helpers/factories';
import { expectError, fileTicket, issuePaths } from './helpers/contract';

describe('publicUrlReach: whether a phone can open the origin printed on labels', () => {
  it.each([
    ['http://localhost:3000', 'loopback'],
    ['http://app.localhost', 'loopback'],
    ['http://127.0.0.1:3000', 'loopback'],
    ['http://127.8.9.1', 'loopback'],
    ['http://0.0.0.0:3000', 'loopback'],
    ['http://[::1]:3000', 'loopback'],
    ['http://192.168.1.20:3000', 'private'],
    ['http://10.0.0.5', 'private'],
    ['http://172.16.0.1', 'private'],
    ['http://172.31.255.1', 'private'],
    ['http://169.254.1.1', 'private'],
    ['http://[fd00::1]', 'private'],
    ['http://printer.local', 'private'],
    ['http://server', 'private'],
    ['http://172.32.0.1', 'public'],
    ['https://baoxiu.example.com', 'public'],
    ['http://8.8.8.8', 'public'],
    ['https://[2001:db8::1]', 'public'],
    ['ftp://example.com', 'invalid'],
    ['not a url', 'invalid'],
  ])('%s is %s', (url, reach) => {
    expect(publicUrlReach(url)).toBe(reach);
  });
});

describe.each(DRIVERS)('tenant settings on %s', (driver) => {
  const clock = new ManualClock('2026-11-02T17:00:00Z'); // 01:00 on the 3rd in Shanghai, still the 2nd in UTC
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock, env: { PUBLIC_BASE_URL: 'http://localhost:3000' } });
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('states the public base URL and that a phone cannot reach a localhost one', async () => {
    const tenant = await makeTenant(sys.deps);
    const res = await sys.http.get('/api/settings').set(auth(tenant.dispatcher.token)).expect(200);
    expect(res.body).toEqual({
      settings: { dispatchMode: 'auto', offerTimeoutSeconds: 300, timezone: 'Asia/Shanghai' },
      publicBaseUrl: { url: 'http://localhost:3000', reach: 'loopback' },
    } satisfies TenantSettingsResponse);
  });

  it('saves dispatch mode, offer timeout and time zone, and refuses an unknown zone or a bad timeout without saving', async () => {
    const tenant = await makeTenant(sys.deps);
    const patch = (body: object) => sys.http.patch('/api/settings').set(auth(tenant.admin.token)).send(body);
    const saved = (await patch({ dispatchMode: 'manual', offerTimeoutSeconds: 600, timezone: 'Europe/Berlin' }).expect(200)).body;
    expect(saved.settings).toEqual({ dispatchMode: 'manual', offerTimeoutSeconds: 600, timezone: 'Europe/Berlin' });
    const error = expectError(await patch({ timezone: 'Mars/Olympus', offerTimeoutSeconds: 5 }), 400, 'VALIDATION_FAILED');
    expect(issuePaths(error).sort()).toEqual(['offerTimeoutSeconds', 'timezone']);
    expect((await sys.http.get('/api/settings').set(auth(tenant.dispatcher.token)).expect(200)).body.settings).toEqual({
      dispatchMode: 'manual',
      offerTimeoutSeconds: 600,
      timezone: 'Europe/Berlin',
    });
    expectError(await sys.http.patch('/api/settings').set(auth(tenant.dispatcher.token)).send({ timezone: 'UTC' }), 403, 'FORBIDDEN');
  });

  it("counts tickets on the new zone's days after a time zone change, before and after the rollup catches up", async () => {
    clock.set('2026-11-02T17:00:00Z');
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    await fileTicket(sys.http, `tz-${randomBytes(6).toString('hex')}`, {
      assetCode: asset.code,
      description: '不亮',
      contactPhone: '13800138000',
    });
    clock.set('2026-11-06T04:00:00Z');
    await sweepKpis(sys.deps);
    const volume = async (day: string) => {
      const res = await sys.http.get(`/api/reports/kpis?from=${day}&to=${day}`).set(auth(tenant.dispatcher.token)).expect(200);
      return (res.body as KpiReport).totals.volume;
    };
    expect([await volume('2026-11-02'), await volume('2026-11-03')]).toEqual([0, 1]);
    await sys.http.patch('/api/settings').set(auth(tenant.admin.token)).send({ timezone: 'UTC' }).expect(200);
    expect([await volume('2026-11-02'), await volume('2026-11-03')]).toEqual([1, 0]);
    await sweepKpis(sys.deps);
    expect([await volume('2026-11-02'), await volume('2026-11-03')]).toEqual([1, 0]);
    const res = await sys.http.get('/api/reports/kpis?from=2026-11-01&to=2026-11-05').set(auth(tenant.dispatcher.token)).expect(200);
    expect((res.body as KpiReport).freshness.rolledUpThrough).toBe('2026-11-05');
    expect((res.body as KpiReport).period.timezone).toBe('UTC');
  });
});
