import fs from 'node:fs';
import path from 'node:path';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant } from './helpers/factories';

const CONSOLE = 'https://console.example.test';
const EVIL = 'https://evil.example.test';

/** Security review, finding 6: security headers on HTML and API answers; CORS by allow-list only. */
describe.each(DRIVERS)('security headers and CORS on %s', (driver) => {
  let sys: TestSystem;
  let plain: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver, { env: { CORS_ORIGINS: `${CONSOLE}, https://other.example.test` } });
    plain = await startTestSystem(driver);
    for (const s of [sys, plain]) {
      fs.mkdirSync(s.deps.config.h5Dir, { recursive: true });
      fs.writeFileSync(path.join(s.deps.config.h5Dir, 'index.html'), '<!doctype html><div id="app"></div>');
    }
  });
  afterAll(async () => {
    await sys.stop();
    await plain.stop();
  });

  const expectHardened = (headers: Record<string, string>, what: string) => {
    const csp = headers['content-security-policy'] ?? '';
    expect([what, csp]).toEqual([what, expect.stringContaining("frame-ancestors 'none'")]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
  };

  it('sends CSP with frame-ancestors, Referrer-Policy and nosniff on the H5 pages, API answers and API errors', async () => {
    const tenant = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    const answers = {
      'H5 page /r/<code>': await sys.http.get(`/r/${asset.code}`).expect(200),
      'H5 index': await sys.http.get('/').expect(200),
      'public API': await sys.http.get(`/api/public/assets/${asset.code}`).expect(200),
      'staff API': await sys.http.get('/api/tickets').set(auth(tenant.dispatcher.token)).expect(200),
      'API error': await sys.http.get('/api/tickets').expect(401),
      'unknown API route': await sys.http.get('/api/nothing-here').expect(404),
    };
    for (const [what, res] of Object.entries(answers)) expectHardened(res.headers as Record<string, string>, what);
  });

  it('allows no cross-origin browser call by default, public or staff', async () => {
    const tenant = await makeTenant(plain.deps);
    const asset = await makeAsset(plain.deps, tenant.id, tenant.siteIds[0]);
    for (const res of [
      await plain.http.get(`/api/public/assets/${asset.code}`).set('Origin', EVIL).expect(200),
      await plain.http.get('/api/tickets').set('Origin', CONSOLE).set(auth(tenant.dispatcher.token)).expect(200),
      await plain.http
        .options('/api/tickets')
        .set('Origin', CONSOLE)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization'),
    ]) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('allows the CORS_ORIGINS allow-list, echoing only that origin, and refuses others', async () => {
    const tenant = await makeTenant(sys.deps);
    const ok = await sys.http.get('/api/tickets').set('Origin', CONSOLE).set(auth(tenant.dispatcher.token)).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(ok.headers.vary).toMatch(/Origin/i);
    const evil = await sys.http.get('/api/tickets').set('Origin', EVIL).set(auth(tenant.dispatcher.token)).expect(200);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('grants in a preflight only the headers our clients use, never whatever is asked for', async () => {
    const res = await sys.http
      .options('/api/tickets')
      .set('Origin', CONSOLE)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, x-evil-header, content-type');
    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe(CONSOLE);
    const granted = String(res.headers['access-control-allow-headers'])
      .toLowerCase()
      .split(/\s*,\s*/);
    expect(granted).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
    expect(granted).not.toContain('x-evil-header');
    const refused = await sys.http.options('/api/tickets').set('Origin', EVIL).set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
