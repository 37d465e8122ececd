import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeTenant, type TestTenant } from './helpers/factories';
import { expectError } from './helpers/contract';

describe.each(DRIVERS)('SLA targets settings on %s', (driver) => {
  let sys: TestSystem;
  let a: TestTenant;
  let b: TestTenant;
  const put = (t: TestTenant, body: object) => sys.http.put('/api/settings/sla').set(auth(t.admin.token)).send(body);

  beforeAll(async () => {
    sys = await startTestSystem(driver);
    a = await makeTenant(sys.deps);
    b = await makeTenant(sys.deps);
  });
  afterAll(() => sys.stop());

  it('has no targets until the tenant sets them, then answers them with defaults filled in', async () => {
    expect((await sys.http.get('/api/settings/sla').set(auth(a.dispatcher.token)).expect(200)).body).toEqual({
      sla: { targets: [], version: 0 },
    });
    const targets = [
      { urgency: 'high', responseMinutes: 30, arrivalMinutes: 120, resolutionMinutes: 480, warnAtPercent: 75 },
      {
        urgency: 'normal',
        siteId: a.siteIds[0],
        category: '空调',
        responseMinutes: 60,
        resolutionMinutes: 960,
        pauseStatuses: ['en_route'],
      },
    ];
    const res = await put(a, { targets }).expect(200);
    expect(res.body.sla.version).toBe(1);
    expect(res.body.sla.targets[1]).toEqual({ ...targets[1], warnAtPercent: 80 });
    expect(res.body.sla.targets[0].pauseStatuses).toEqual([]);
    expect((await put(a, { targets: [] }).expect(200)).body.sla.version).toBe(2);
    expect((await sys.http.get('/api/settings/sla').set(auth(b.dispatcher.token)).expect(200)).body.sla.version).toBe(0);
  });

  it('refuses a repeated (urgency, category, site), another tenant’s site, bad minutes and a dispatcher writing', async () => {
    const t = { urgency: 'low', responseMinutes: 60, resolutionMinutes: 600 };
    expectError(await put(a, { targets: [t, { ...t, responseMinutes: 30 }] }), 400, 'VALIDATION_FAILED');
    expectError(await put(a, { targets: [{ ...t, siteId: b.siteIds[0] }] }), 404, 'SITE_NOT_FOUND');
    expectError(await put(a, { targets: [{ ...t, responseMinutes: 0 }] }), 400, 'VALIDATION_FAILED');
    expectError(await put(a, { targets: [{ ...t, warnAtPercent: 100 }] }), 400, 'VALIDATION_FAILED');
    expectError(await sys.http.put('/api/settings/sla').set(auth(a.dispatcher.token)).send({ targets: [] }), 403, 'FORBIDDEN');
  });
});
