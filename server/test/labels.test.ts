import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant } from './helpers/factories';

function pdfPages(pdf: Buffer): number {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bx-pdf-')), 'labels.pdf');
  fs.writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file]).toString();
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

describe.each(DRIVERS)('label sheets over HTTP on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  it("streams a print-ready PDF of one site's assets, 24 to an A4 page", async () => {
    const tenant = await makeTenant(sys.deps);
    for (let i = 0; i < 25; i += 1) await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { name: `电梯 ${i}` });
    await makeAsset(sys.deps, tenant.id, tenant.siteIds[1], { name: '别的站点' });
    const res = await sys.http
      .post('/api/labels')
      .set(auth(tenant.dispatcher.token))
      .send({ layout: 'a4-3x8', siteId: tenant.siteIds[0] })
      .responseType('blob')
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('baoxiu-labels-a4-3x8.pdf');
    expect(res.headers['x-label-count']).toBe('25');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPages(pdf)).toBe(2);
  });

  it('prints a chosen selection one label a page on a thermal layout, in the order asked', async () => {
    const tenant = await makeTenant(sys.deps);
    const assets = [];
    for (let i = 0; i < 3; i += 1) assets.push(await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]));
    const res = await sys.http
      .post('/api/labels')
      .set(auth(tenant.admin.token))
      .send({ layout: 'thermal-50x30', assetCodes: assets.map((a) => a.code.toLowerCase()) })
      .responseType('blob')
      .expect(200);
    expect(pdfPages(res.body as Buffer)).toBe(3);
  });

  it('refuses an unknown layout, an unknown code and an empty selection with clear errors', async () => {
    const tenant = await makeTenant(sys.deps);
    const post = (body: object) => sys.http.post('/api/labels').set(auth(tenant.dispatcher.token)).send(body);
    expect((await post({ layout: 'a5-9x9' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await post({ layout: 'a4-2x5', assetCodes: ['ZZZZZZZZZZZZ'] }).expect(404)).body.error).toMatchObject({
      code: 'ASSET_NOT_FOUND',
      details: { codes: ['ZZZZZZZZZZZZ'] },
    });
    expect((await post({ layout: 'a4-2x5' }).expect(422)).body.error.code).toBe('NOTHING_TO_PRINT');
  });
});
