import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Response } from 'supertest';
import type { PartView, QuoteView, StockLocationView } from '@baoxiu/shared';
import { Asset } from '../src/modules/assets/asset.entity';
import { followTokenFor } from '../src/modules/tickets/follow';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, PNG_BYTES } from './helpers/factories';
import { errorOf, fileTicket, waitForOffer } from './helpers/contract';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const pdfText = (pdf: Buffer) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bx-sr-')), 'r.pdf');
  fs.writeFileSync(file, pdf);
  return {
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    images: execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2),
  };
};
const binary = (res: Response, cb: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

(hasPoppler ? describe.each(DRIVERS) : describe.skip.each(DRIVERS))('the service report on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(() => sys.stop());

  it('quote → the reporter accepts → resolve with a part and a signature → the report holds the parts, totals and 签名 beside the signature', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const engineer = await makeUser(sys.deps, t.id, 'engineer', { name: '李工' });
    await sys.http
      .put('/api/settings/labour')
      .set(auth(t.admin.token))
      .send({ labourRatePerHour: 12_000, calloutFee: 5_000, quoteRequired: true })
      .expect(200);
    const part = (
      await sys.http
        .post('/api/parts')
        .set(auth(t.dispatcher.token))
        .send({ sku: 'ROLLER-7', name: '搓纸轮组件', unit: '个', cost: 2_000, price: 4_500, minStock: 0 })
        .expect(201)
    ).body.part as PartView;
    const van = (
      (await sys.http.get('/api/stock/locations').set(auth(t.dispatcher.token)).expect(200)).body.items as StockLocationView[]
    ).find((l) => l.engineerId === engineer.id) as StockLocationView;
    await sys.http
      .post('/api/stock/movements')
      .set(auth(t.dispatcher.token))
      .send({ partId: part.id, locationId: van.id, kind: 'receive', quantity: 2 })
      .expect(201);
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    await sys.deps.db.ds.getRepository(Asset).update({ id: asset.id }, { warrantyUntil: '2020-12-31' });
    const filed = await fileTicket(sys.http, `sr-${driver}-${t.slug}`, {
      assetCode: asset.code,
      description: '打印机卡纸',
      contactPhone: '13800138000',
    });
    await waitFor(
      async () =>
        (await sys.http.post(`/api/tickets/${filed.number}/assign`).set(auth(t.dispatcher.token)).send({ engineerId: engineer.id }))
          .status === 200,
      'the assignment',
    );
    await waitForOffer(sys.http, engineer.token, filed.number);
    for (const step of ['accept', 'travel', 'arrive'])
      await sys.http.post(`/api/engineer/jobs/${filed.number}/${step}`).set(auth(engineer.token)).expect(200);

    // A quote beyond what the money columns hold (here ¥100,000,000) is refused, not stored wrapped.
    const dear = (
      await sys.http
        .post('/api/parts')
        .set(auth(t.dispatcher.token))
        .send({ sku: 'ENGINE-1', name: '整机', unit: '台', cost: 1, price: 100_000_000, minStock: 0 })
        .expect(201)
    ).body.part as PartView;
    const huge = await sys.http
      .post(`/api/engineer/jobs/${filed.number}/quote`)
      .set(auth(engineer.token))
      .send({ labourMinutes: 0, lines: [{ partId: dear.id, quantity: 100 }] });
    expect([huge.status, errorOf(huge.body)?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const quote = (
      await sys.http
        .post(`/api/engineer/jobs/${filed.number}/quote`)
        .set(auth(engineer.token))
        .send({ labourMinutes: 60, lines: [{ partId: part.id, quantity: 2 }] })
        .expect(201)
    ).body.quote as QuoteView;
    expect([quote.version, quote.total]).toEqual([1, 12_000 + 5_000 + 9_000]);
    await sys.http.post(`/api/public/tickets/${filed.trackingToken}/quote/accept`).send({ version: quote.version }).expect(200);

    const signature = await sharp({ create: { width: 300, height: 100, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
      .composite([
        {
          input: Buffer.from(
            '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><path d="M10 80 C 60 10, 120 90, 290 20" stroke="black" stroke-width="4" fill="none"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    const upload = async (bytes: Buffer, name: string) =>
      ((await sys.http.post('/api/public/uploads').attach('file', bytes, name).expect(201)).body as { upload: { id: string } }).upload.id;
    const signatureUploadId = await upload(signature, 'signature.png');
    const photo = await upload(PNG_BYTES, 'after.png');
    await sys.http
      .post(`/api/engineer/jobs/${filed.number}/resolve`)
      .set(auth(engineer.token))
      .send({ notes: '更换搓纸轮，测试正常', photoIds: [photo], partsUsed: [{ partId: part.id, quantity: 2 }], signatureUploadId })
      .expect(200);

    const staff = await sys.http
      .get(`/api/tickets/${filed.number}/report.pdf`)
      .set(auth(t.dispatcher.token))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(staff.headers['content-type']).toBe('application/pdf');
    const { text, images } = pdfText(staff.body as Buffer);
    for (const s of [
      '服务报告',
      filed.number,
      '搓纸轮组件',
      'ROLLER-7',
      'CNY 45.00',
      'CNY 90.00',
      'CNY 120.00',
      'CNY 50.00',
      'CNY 260.00',
      '签名',
      '收费',
      '李工',
      '更换搓纸轮，测试正常',
    ]) {
      expect(text).toContain(s);
    }
    expect(images.length).toBeGreaterThanOrEqual(2); // the after-repair photo and the signature

    // The reporter downloads the same report from the tracking link; a follow link may not.
    const mine = await sys.http.get(`/api/public/tickets/${filed.trackingToken}/report.pdf`).buffer(true).parse(binary).expect(200);
    expect(pdfText(mine.body as Buffer).text).toContain('CNY 260.00');
    const row = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: t.id, number: filed.number });
    const follow = await sys.http.get(`/api/public/tickets/${followTokenFor(sys.deps.jwtSecret, row.id)}/report.pdf`);
    expect(follow.status).toBe(403);
    // Another tenant's staff: 404.
    const other = await makeTenant(sys.deps);
    expect((await sys.http.get(`/api/tickets/${filed.number}/report.pdf`).set(auth(other.dispatcher.token))).status).toBe(404);
  });

  it('prints a covered repair at no charge, unsigned', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    await sys.deps.db.ds.getRepository(Asset).update({ id: asset.id }, { warrantyUntil: '2099-12-31' });
    const filed = await fileTicket(sys.http, `sr2-${driver}-${t.slug}`, {
      assetCode: asset.code,
      description: '门禁失灵',
      contactPhone: '13800138000',
    });
    await waitFor(
      async () =>
        (await sys.http.post(`/api/tickets/${filed.number}/assign`).set(auth(t.dispatcher.token)).send({ engineerId: engineer.id }))
          .status === 200,
      'the assignment',
    );
    await waitForOffer(sys.http, engineer.token, filed.number);
    for (const step of ['accept', 'arrive'])
      await sys.http.post(`/api/engineer/jobs/${filed.number}/${step}`).set(auth(engineer.token)).expect(200);
    await sys.http.post(`/api/engineer/jobs/${filed.number}/resolve`).set(auth(engineer.token)).send({ notes: '重启控制器' }).expect(200);
    const res = await sys.http.get(`/api/public/tickets/${filed.trackingToken}/report.pdf`).buffer(true).parse(binary).expect(200);
    const { text } = pdfText(res.body as Buffer);
    expect(text).toContain('在保修期内');
    expect(text).toContain('CNY 0.00');
    expect(text).toContain('未签名');
  });
});
