import ExcelJS from 'exceljs';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, type TestTenant } from './helpers/factories';
import { Asset } from '../src/modules/assets/asset.entity';

describe.each(DRIVERS)('asset console endpoints on %s', (driver) => {
  let sys: TestSystem;
  let tenant: TestTenant;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });
  beforeEach(async () => {
    tenant = await makeTenant(sys.deps);
  });
  const count = () => sys.deps.db.ds.getRepository(Asset).countBy({ tenantId: tenant.id });
  const importFile = (mode: 'preview' | 'commit', content: Buffer | string, name = 'assets.csv') =>
    sys.http.post(`/api/assets/import?mode=${mode}`).set(auth(tenant.admin.token)).attach('file', Buffer.from(content), name);

  const csv = () =>
    [
      '名称,站点,序列号,类别,保修截止,外部编号,楼层',
      '空调 1,一号楼 Building 1,SN-1,空调,2030-01-01,EXT-1,3F',
      ',一号楼 Building 1,SN-2,空调,,,',
      '电梯 A,火星基地,SN-3,电梯,,,',
      '电梯 B,二号楼 Building 2,SN-1,电梯,,,',
      '打印机,二号楼 Building 2,SN-5,IT设备,2020-13-45,,',
      '投影仪,二号楼 Building 2,SN-6,IT设备,,EXT-6,',
    ].join('\n');

  it('previews a file with exactly its 4 bad rows before writing anything, then commits the valid rows', async () => {
    const preview = await importFile('preview', csv()).expect(200);
    expect(preview.body.preview).toMatchObject({ format: 'csv', validCount: 2, errorCount: 4, createCount: 2, updateCount: 0 });
    const bad = preview.body.preview.rows.filter((r: { errors: unknown[] }) => r.errors.length > 0);
    expect(bad.map((r: { line: number; errors: Array<{ code: string }> }) => [r.line, r.errors[0].code])).toEqual([
      [3, 'MISSING_NAME'],
      [4, 'UNKNOWN_SITE'],
      [5, 'DUPLICATE_SERIAL_IN_FILE'],
      [6, 'INVALID_DATE'],
    ]);
    expect(await count()).toBe(0);

    const commit = await importFile('commit', csv()).expect(200);
    expect(commit.body.result).toEqual({ created: 2, updated: 0, skipped: 4 });
    const list = await sys.http.get('/api/assets?q=SN-').set(auth(tenant.dispatcher.token)).expect(200);
    expect(list.body.items.map((a: { name: string }) => a.name).sort()).toEqual(['投影仪', '空调 1']);
    expect(list.body.items.find((a: { name: string }) => a.name === '空调 1')).toMatchObject({
      serial: 'SN-1',
      externalId: 'EXT-1',
      customFields: { 楼层: '3F' },
      warrantyUntil: '2030-01-01',
    });
  });

  it('updates instead of duplicating when the same file is imported again, and when its export is imported back', async () => {
    await importFile('commit', csv()).expect(200);
    const again = await importFile('commit', csv()).expect(200);
    expect(again.body.result).toEqual({ created: 0, updated: 2, skipped: 4 });
    expect(await count()).toBe(2);

    const exported = await sys.http.get('/api/assets/export?format=csv').set(auth(tenant.dispatcher.token)).expect(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.text).toContain('设备编码 / code');
    const back = await importFile('preview', exported.text).expect(200);
    expect(back.body.preview).toMatchObject({ validCount: 2, errorCount: 0, createCount: 0, updateCount: 2 });
  });

  it('imports an Excel workbook and exports the filtered list as one', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('设备');
    sheet.addRow(['name', 'site', 'serial', 'warrantyUntil']);
    sheet.addRow(['冷水机组', '一号楼 Building 1', 'X-1', new Date(Date.UTC(2031, 5, 30))]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const res = await importFile('commit', xlsx, 'assets.xlsx').expect(200);
    expect(res.body.result.created).toBe(1);
    const file = await sys.http.get('/api/assets/export?format=xlsx').set(auth(tenant.admin.token)).responseType('blob').expect(200);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(new Uint8Array(file.body as Buffer).buffer);
    expect(read.worksheets[0].getRow(2).getCell(2).text).toBe('冷水机组');
  });

  it('refuses a file that is not a spreadsheet with a clear error and writes nothing', async () => {
    const res = await importFile('commit', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'photo.csv').expect(415);
    expect(res.body.error.code).toBe('IMPORT_UNSUPPORTED_FILE');
    const none = await importFile('commit', 'name,site\n,nowhere\n').expect(422);
    expect(none.body.error.code).toBe('IMPORT_NOTHING_VALID');
    expect(await count()).toBe(0);
  });

  it('shows an asset with its site, its ticket history and its QR, and filters the list by warranty state', async () => {
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[1]);
    const expired = await makeAsset(sys.deps, tenant.id, tenant.siteIds[1]);
    await sys.deps.db.ds.getRepository(Asset).update({ id: expired.id }, { warrantyUntil: '2001-01-01' });
    await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `console-${driver}-${asset.id}`)
      .send({ assetCode: asset.code, description: '异响', contactPhone: '13800000000' })
      .expect(201);

    const detail = await sys.http.get(`/api/assets/${asset.id}`).set(auth(tenant.dispatcher.token)).expect(200);
    expect(detail.body).toMatchObject({ asset: { code: asset.code }, site: { id: tenant.siteIds[1], name: '二号楼 Building 2' } });
    const history = await sys.http.get(`/api/assets/${asset.id}/tickets`).set(auth(tenant.dispatcher.token)).expect(200);
    expect(history.body).toMatchObject({ total: 1, items: [{ description: '异响' }] });
    const qr = await sys.http.get(`/api/assets/${asset.id}/qr.svg`).set(auth(tenant.dispatcher.token)).responseType('blob').expect(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect((qr.body as Buffer).toString()).toContain('<svg');

    const names = async (warranty: string) =>
      (await sys.http.get(`/api/assets?warranty=${warranty}`).set(auth(tenant.dispatcher.token)).expect(200)).body.items.map(
        (a: { id: number }) => a.id,
      );
    expect(await names('active')).toEqual([asset.id]);
    expect(await names('expired')).toEqual([expired.id]);
    expect(await names('none')).toEqual([]);
  });
});
