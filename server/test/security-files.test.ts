import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { Workbook } from 'exceljs';
import { ManualClock } from '../src/lib/clock';
import { Upload } from '../src/modules/uploads/upload.entity';
import * as uploads from '../src/modules/uploads/uploads.service';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, PNG_BYTES, type TestTenant } from './helpers/factories';
import { errorOf } from './helpers/contract';
import { RawClient } from './helpers/raw-http';

/** An XLSX whose extra entry inflates to `inflated` bytes while every header declares 100 bytes. */
async function zipBomb(inflated: number): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('assets');
  sheet.addRow(['名称 / Name', '站点 / Site']);
  sheet.addRow(['空调', '一号楼 Building 1']);
  const zip = await JSZip.loadAsync(Buffer.from(await book.xlsx.writeBuffer()));
  zip.file('xl/media/image1.png', Buffer.alloc(inflated, 0), { compression: 'DEFLATE', compressionOptions: { level: 9 } });
  const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  // Patch the declared uncompressed sizes, in the local headers and the central directory.
  for (let i = 0; i + 4 <= buf.length; i += 1) {
    const sig = buf.readUInt32LE(i);
    if (sig === 0x04034b50 && i + 26 <= buf.length) buf.writeUInt32LE(100, i + 22);
    if (sig === 0x02014b50 && i + 28 <= buf.length) buf.writeUInt32LE(100, i + 24);
  }
  return buf;
}

/** A JPEG carrying a GPS position, a camera make and a comment in its EXIF. */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'SpyCam', Model: 'Leaky 1', ImageDescription: 'home of the reporter' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .toBuffer();
}

/** Security review, findings 5 (XLSX zip bomb) and 8 (uploads). */
describe.each(DRIVERS)('files and uploads on %s', (driver) => {
  let sys: TestSystem;
  let clock: ManualClock;
  let tenant: TestTenant;
  beforeAll(async () => {
    clock = new ManualClock(new Date());
    sys = await startTestSystem(driver, { clock, env: { UPLOAD_MAX_BYTES: String(512 * 1024) } });
    tenant = await makeTenant(sys.deps);
  });
  afterAll(async () => {
    await sys.stop();
  });

  describe('finding 5: XLSX zip bomb', () => {
    it('refuses an XLSX whose patched headers hide 80 MB of inflated data with 413 IMPORT_TOO_LARGE, counting real bytes', async () => {
      const bomb = await zipBomb(80 * 1024 * 1024);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const res = await sys.http
        .post('/api/assets/import?mode=preview')
        .set(auth(tenant.dispatcher.token))
        .attach('file', bomb, 'assets.xlsx')
        .expect(413);
      expect(res.body.error.code).toBe('IMPORT_TOO_LARGE');
      expect(res.body.error.details).toEqual({ maxBytes: 5 * 1024 * 1024, maxUnpackedBytes: 50 * 1024 * 1024 });
    });

    it("never echoes the spreadsheet library's own error text for a broken workbook", async () => {
      const zip = new JSZip();
      zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">');
      zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="SECRET-INTERNAL" sheetId="1" r:id="rId1"/></sheets>');
      zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>');
      const broken = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      const res = await sys.http
        .post('/api/assets/import?mode=preview')
        .set(auth(tenant.dispatcher.token))
        .attach('file', broken, 'assets.xlsx');
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      const details = JSON.stringify(res.body.error.details);
      for (const leak of ['SECRET-INTERNAL', 'Error', 'undefined', 'null', 'at ', 'sax', 'Cannot']) expect(details).not.toContain(leak);
    });
  });

  describe('finding 8: uploads', () => {
    const store = (bytes: Buffer, name: string) => sys.http.post('/api/public/uploads').attach('file', bytes, name).expect(201);

    it('re-encodes a JPEG and strips its EXIF: a GPS position in, none out', async () => {
      const original = await jpegWithGps();
      expect((await sharp(original).metadata()).exif).toBeDefined();
      const up = await store(original, 'p.jpg');
      const served = await sys.http
        .get(up.body.upload.url)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const bytes = served.body as Buffer;
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
      expect(meta.exif).toBeUndefined();
      for (const leak of ['SpyCam', 'Leaky', 'home of the reporter', 'Exif']) expect(bytes.includes(Buffer.from(leak))).toBe(false);
    });

    it('refuses a file with image magic bytes that is no decodable image with 415', async () => {
      const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1), Buffer.from([0xff, 0xd9])]);
      const res = await sys.http.post('/api/public/uploads').attach('file', fake, 'x.jpg').expect(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('serves an upload with Content-Disposition, nosniff and a sandboxing CSP', async () => {
      const up = await store(PNG_BYTES, 'a.png');
      const res = await sys.http.get(up.body.upload.url).expect(200);
      expect(res.headers['content-disposition']).toMatch(/^inline; filename="[\w-]+\.png"$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/sandbox/);
    });

    it('answers 413 on a Content-Length over the limit before reading the body', async () => {
      const client = new RawClient(sys.baseUrl);
      try {
        // No body follows: a server that reads before refusing would wait here until the client gives up.
        const res = await client.send(
          {
            method: 'POST',
            path: '/api/public/uploads',
            headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) },
          },
          10_000,
        );
        expect([res.status, errorOf(res.json)?.code]).toEqual([413, 'UPLOAD_TOO_LARGE']);
      } finally {
        client.close();
      }
    });

    it('deletes uploads no ticket claimed after 24 hours (on the injected clock), file and row, and keeps the rest', async () => {
      const stale = (await store(PNG_BYTES, 'stale.png')).body.upload;
      const claimed = (await store(PNG_BYTES, 'kept.png')).body.upload;
      const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
      await sys.http
        .post('/api/public/tickets')
        .set('Idempotency-Key', `sweep-${driver}-${Date.now()}`)
        .send({ assetCode: asset.code, description: '带照片', contactPhone: '13800000000', photoIds: [claimed.id] })
        .expect(201);
      clock.advance(23 * 3_600_000);
      const fresh = (await store(PNG_BYTES, 'fresh.png')).body.upload;
      const repo = sys.deps.db.ds.getRepository(Upload);
      const staleRow = await repo.findOneByOrFail({ publicId: stale.id });
      const file = path.join(sys.deps.config.uploadDir, staleRow.path);
      expect(fs.existsSync(file)).toBe(true);

      await uploads.sweepUnclaimedUploads(sys.deps);
      await sys.http.get(stale.url).expect(200);
      clock.advance(1 * 3_600_000 + 1_000);
      await uploads.sweepUnclaimedUploads(sys.deps);
      await sys.http.get(stale.url).expect(404);
      expect(fs.existsSync(file)).toBe(false);
      expect(await repo.findOneBy({ publicId: stale.id })).toBeNull();
      await sys.http.get(claimed.url).expect(200);
      await sys.http.get(fresh.url).expect(200);
    });
  });
});
