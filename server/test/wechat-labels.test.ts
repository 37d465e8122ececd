import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant } from './helpers/factories';
import { startStandinSystem, type TestStandin } from './helpers/wechat';

/** The codes in a PDF's embedded images, in page order: the stand-in's codes carry their scene as a plain QR. */
function embeddedCodes(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-wxa-'));
  fs.writeFileSync(path.join(dir, 'labels.pdf'), pdf);
  execFileSync('pdfimages', ['-png', path.join(dir, 'labels.pdf'), path.join(dir, 'img')]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => {
      const png = PNG.sync.read(fs.readFileSync(path.join(dir, f)));
      return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
    })
    .filter(Boolean); // each PNG comes with its alpha mask, which holds no code
}

describe.each(DRIVERS)('labels with the WeChat mini-program code on %s', (driver) => {
  let standin: TestStandin;
  let sys: TestSystem;
  let stopAll: () => Promise<void>;
  beforeAll(async () => {
    ({ standin, sys, stop: stopAll } = await startStandinSystem(driver));
  });
  afterAll(() => stopAll());

  it('prints WeChat codes whose scene is the asset code, fetched once per asset and then cached', async () => {
    const tenant = await makeTenant(sys.deps);
    const assets = [await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]), await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])];
    const codes = assets.map((a) => a.code);
    const print = () =>
      sys.http
        .post('/api/labels')
        .set(auth(tenant.dispatcher.token))
        .send({ layout: 'a4-2x5', assetCodes: codes, code: 'wxacode' })
        .responseType('blob')
        .expect(200);
    const first = await print();
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(embeddedCodes(first.body as Buffer)).toEqual(codes);
    const asked = (await standin.log()).wxacodes.filter((w) => codes.includes(w.scene));
    // Fetched concurrently: one request per asset, in no particular order.
    expect(asked.map((w) => [w.scene, w.page]).sort()).toEqual(codes.map((c) => [c, 'pages/reporter/asset/index']).sort());

    await print();
    expect((await standin.log()).wxacodes.filter((w) => codes.includes(w.scene))).toHaveLength(2);
    // The plain QR stays the default: vector, no images.
    const plain = await sys.http
      .post('/api/labels')
      .set(auth(tenant.dispatcher.token))
      .send({ layout: 'a4-2x5', assetCodes: codes })
      .responseType('blob')
      .expect(200);
    expect(embeddedCodes(plain.body as Buffer)).toEqual([]);
  });

  it('answers WECHAT_NOT_CONFIGURED for WeChat codes when no AppID is set, before any PDF is started', async () => {
    const plain = await startTestSystem(driver);
    try {
      const tenant = await makeTenant(plain.deps);
      const asset = await makeAsset(plain.deps, tenant.id, tenant.siteIds[0]);
      const res = await plain.http
        .post('/api/labels')
        .set(auth(tenant.dispatcher.token))
        .send({ layout: 'a4-2x5', assetCodes: [asset.code], code: 'wxacode' })
        .expect(503);
      expect(res.body.error.code).toBe('WECHAT_NOT_CONFIGURED');
    } finally {
      await plain.stop();
    }
  });
});
