import { errorMessage } from '@baoxiu/shared';
import { Workbook } from 'exceljs';
import { ImportError, buildImportTemplate, parseAssetImport, parseImportDate } from './assets.import';
import type { ImportContext, ImportErrorCode, ImportPreview } from './assets.import';

const context: ImportContext = {
  sites: [
    { id: 7, name: '总部大楼' },
    { id: 8, name: 'Pudong Tower' },
  ],
  existingSerials: new Set(['SN-EXISTING']),
};

/** A valid zip holding only `a.txt`, as any archive or .docx would look to the sniffing. */
const ZIP_OF_A_TXT =
  '504b030414000000000000002100ac2a93d8020000000200000005000000612e7478746869504b0102140314000000000000002100ac2a93d80200000002000000050000000000000000000000800100000000612e747874504b0506000000000100010033000000250000000000';

const csv = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
const file = (buffer: Buffer, filename = 'assets.csv') => ({ buffer, filename });

async function xlsx(rows: unknown[][], setup?: (sheet: ReturnType<Workbook['addWorksheet']>) => void): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  rows.forEach((row) => sheet.addRow(row));
  setup?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importError(promise: Promise<ImportPreview>): Promise<ImportError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportError)) throw new Error(`expected an ImportError, got ${String(error)}`);
  return error;
}

const codes = (preview: ImportPreview) => preview.rows.filter((r) => r.errors.length).map((r) => [r.line, r.errors.map((e) => e.code)]);

describe('asset import parsing', () => {
  it('reads a valid CSV into one valid row per line, matching sites by name in any case or by id', async () => {
    const preview = await parseAssetImport(
      file(
        csv(
          'name,site,model,serial,category,location,warrantyUntil,externalId,brand',
          'Chiller 1,pudong tower ,YK-300,SN-1,HVAC,Roof,2027-06-30,FA-1,York',
          'Chiller 2,PUDONG TOWER,YK-300,SN-2,HVAC,Roof,,FA-2,',
          'Lift A,总部大楼,,,Elevator,,,,Otis',
          'Lift B,7,,,Elevator,,,,',
        ),
      ),
      context,
    );
    expect(preview).toMatchObject({ format: 'csv', validCount: 4, errorCount: 0, createCount: 4, updateCount: 0 });
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(preview.rows[0].input).toEqual({
      siteId: 8,
      name: 'Chiller 1',
      model: 'YK-300',
      serial: 'SN-1',
      category: 'HVAC',
      location: 'Roof',
      warrantyUntil: '2027-06-30',
      externalId: 'FA-1',
      customFields: { brand: 'York' },
    });
    expect(preview.rows[1].input?.customFields).toEqual({});
    expect(preview.rows.map((r) => r.input?.siteId)).toEqual([8, 8, 7, 7]);
  });

  it('reports exactly the three bad lines of a file, each with its own code and a zh + en message', async () => {
    const preview = await parseAssetImport(
      file(
        csv(
          'name,site,serial',
          'Pump 1,Pudong Tower,P-1',
          ',Pudong Tower,P-2',
          'Pump 3,Pudong Tower,P-3',
          'Pump 4,Mars Base,P-4',
          'Pump 5,Pudong Tower,P-5',
          'Pump 6,Pudong Tower,P-1',
          'Pump 7,Pudong Tower,P-7',
        ),
      ),
      context,
    );
    expect(codes(preview)).toEqual([
      [3, ['MISSING_NAME']],
      [5, ['UNKNOWN_SITE']],
      [7, ['DUPLICATE_SERIAL_IN_FILE']],
    ]);
    expect(preview).toMatchObject({ validCount: 4, errorCount: 3 });
    const [missing, unknown, duplicate] = preview.rows.filter((r) => r.errors.length);
    expect(missing.input).toBeNull();
    expect(unknown.errors[0]).toMatchObject({ field: 'site', zh: '找不到站点“Mars Base”', en: 'There is no site "Mars Base"' });
    expect(duplicate.errors[0]).toMatchObject({ field: 'serial', params: { value: 'P-1', firstLine: 2 } });
    expect(duplicate.errors[0].message).toBe('序列号“P-1”与第 2 行重复 / Serial "P-1" is already on line 2');
  });

  it('reports every problem of a row at once: missing site, bad date, too long', async () => {
    const preview = await parseAssetImport(
      file(csv('name,site,warrantyUntil,model', `Fan,,2026-02-30,${'M'.repeat(101)}`, 'Fan 2,Pudong Tower,next year,')),
      context,
    );
    expect(codes(preview)).toEqual([
      [2, ['MISSING_SITE', 'INVALID_DATE', 'TOO_LONG']],
      [3, ['INVALID_DATE']],
    ]);
    expect(preview.rows[0].errors[2]).toMatchObject({
      field: 'model',
      params: { max: 100 },
      en: 'model is too long (at most 100 characters)',
    });
  });

  it('marks a row whose serial already exists as an update, so re-importing a file does not duplicate assets', async () => {
    const preview = await parseAssetImport(
      file(csv('name,site,serial', 'Old,Pudong Tower,SN-EXISTING', 'New,Pudong Tower,SN-NEW', 'NoSerial,Pudong Tower,')),
      context,
    );
    expect(preview.rows.map((r) => r.action)).toEqual(['update', 'create', 'create']);
    expect(preview).toMatchObject({ createCount: 2, updateCount: 1 });
  });

  it('accepts Chinese headers, the bilingual template headers and a UTF-8 BOM', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const chinese = await parseAssetImport(
      file(Buffer.concat([bom, csv('名称,站点,序列号,位置,保修截止,外部编号,颜色', '中央空调,总部大楼,SN-9,三楼,2026/1/5,A-1,白色')])),
      context,
    );
    expect(chinese.rows[0].input).toMatchObject({
      name: '中央空调',
      siteId: 7,
      serial: 'SN-9',
      location: '三楼',
      warrantyUntil: '2026-01-05',
      externalId: 'A-1',
      customFields: { 颜色: '白色' },
    });
    const bilingual = await parseAssetImport(
      file(csv('名称 / name,站点（site）,Serial Number,WARRANTY_UNTIL', 'Boiler,总部大楼,B-1,20261231')),
      context,
    );
    expect(bilingual.rows[0].input).toMatchObject({
      name: 'Boiler',
      siteId: 7,
      serial: 'B-1',
      warrantyUntil: '2026-12-31',
      customFields: {},
    });
  });

  it('reads GBK CSV as saved by Excel on Chinese Windows, and semicolon- or tab-separated files', async () => {
    const gbk = Buffer.from('c3fbb3c62cd5beb5e32ccebbd6c30d0abfd5b5f7bbfad7e92cd7dcb2bfb4f3c2a52cc8fdc2a5bbfab7bf0d0a', 'hex');
    expect((await parseAssetImport(file(gbk), context)).rows[0].input).toMatchObject({ name: '空调机组', siteId: 7, location: '三楼机房' });
    const semicolon = await parseAssetImport(file(csv('name;site;location', 'Pump;Pudong Tower;"Hall 1, east"')), context);
    expect(semicolon.rows[0].input).toMatchObject({ name: 'Pump', location: 'Hall 1, east' });
    const tabs = await parseAssetImport(file(csv('name\tsite', 'Pump\tPudong Tower')), context);
    expect(tabs.validCount).toBe(1);
  });

  it('reads an XLSX with a date cell, a date typed as text and a serial kept as a number, skipping blank rows', async () => {
    const buffer = await xlsx(
      [
        ['名称', '站点', '保修截止', '序列号'],
        ['Chiller', 'Pudong Tower', new Date(Date.UTC(2027, 11, 31)), 123456],
        [],
        ['Boiler', '总部大楼', '2028-01-15', 'SN-2'],
        ['Fan', '总部大楼', 46387, null],
      ],
      (sheet) => {
        sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
        sheet.getCell('C5').numFmt = 'General';
      },
    );
    const preview = await parseAssetImport(file(buffer, 'assets.bin'), context);
    expect(preview.format).toBe('xlsx');
    expect(preview.rows.map((r) => [r.line, r.input?.warrantyUntil, r.input?.serial])).toEqual([
      [2, '2027-12-31', '123456'],
      [4, '2028-01-15', 'SN-2'],
      [5, '2026-12-31', null],
    ]);
  });

  it.each<[string, Buffer | (() => Promise<Buffer>), ImportErrorCode]>([
    ['a PNG image', Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), 'IMPORT_UNSUPPORTED_FILE'],
    ['a legacy .xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]), 'IMPORT_UNSUPPORTED_FILE'],
    ['a truncated zip', Buffer.from('504b0304', 'hex'), 'IMPORT_UNSUPPORTED_FILE'],
    ['a zip that is not a workbook', Buffer.from(ZIP_OF_A_TXT, 'hex'), 'IMPORT_UNSUPPORTED_FILE'],
    ['an empty file', Buffer.alloc(0), 'IMPORT_EMPTY'],
    ['a file of blank lines', Buffer.from('\r\n \r\n,,\r\n'), 'IMPORT_EMPTY'],
    ['a header without rows', csv('name,site'), 'IMPORT_EMPTY'],
    ['a workbook with a header only', () => xlsx([['name', 'site']]), 'IMPORT_EMPTY'],
    ['an unclosed quote', csv('name,site', '"Pump,Pudong Tower'), 'IMPORT_MALFORMED'],
  ])('refuses %s as a whole', async (_what, content, code) => {
    const buffer = typeof content === 'function' ? await content() : content;
    expect((await importError(parseAssetImport(file(buffer), context))).code).toBe(code);
  });

  it('lists every missing or repeated required header', async () => {
    const missing = await importError(parseAssetImport(file(csv('型号,location', 'X,Y')), context));
    expect(missing.code).toBe('IMPORT_BAD_HEADERS');
    expect(missing.details).toMatchObject({ missing: ['名称 / name', '站点 / site'], found: ['型号', 'location'] });
    expect(missing.status).toBe(400);
    expect(errorMessage(missing.code, 'zh-CN')).toContain('表头不正确');
    const repeated = await importError(parseAssetImport(file(csv('name,名称,site', 'a,b,c')), context));
    expect(repeated.details).toMatchObject({ missing: [], duplicate: ['名称'] });
  });

  it('refuses files over the row or byte limit, CSV and XLSX alike', async () => {
    const rows = ['name,site', ...Array.from({ length: 6 }, (_, i) => `Pump ${i},Pudong Tower`)];
    expect((await importError(parseAssetImport(file(csv(...rows)), context, { maxRows: 5 }))).details).toEqual({ maxRows: 5, rows: 6 });
    await expect(parseAssetImport(file(csv(...rows)), context, { maxRows: 6 })).resolves.toMatchObject({ validCount: 6 });
    const big = await importError(parseAssetImport(file(csv(...rows)), context, { maxBytes: 50 }));
    expect(big).toMatchObject({ code: 'IMPORT_TOO_LARGE', status: 413 });
    const sheet = await xlsx(rows.map((r) => r.split(',')));
    expect((await importError(parseAssetImport(file(sheet), context, { maxRows: 5 }))).code).toBe('IMPORT_TOO_LARGE');
  });

  it('refuses a small XLSX that unpacks to far more than the byte limit, counting what it inflates', async () => {
    const repetitive = await xlsx([
      ['name', 'site', 'notes'],
      ['Pump', 'Pudong Tower', 'x'.repeat(2_000_000)],
    ]);
    const maxBytes = repetitive.length + 1;
    const error = await importError(parseAssetImport(file(repetitive), context, { maxBytes, maxRows: 10_000 }));
    expect(error.code).toBe('IMPORT_TOO_LARGE');
    expect(error.details.maxUnpackedBytes).toBe(maxBytes * 20);
  });

  it.each(['csv', 'xlsx'] as const)('round-trips the %s template through the parser', async (format) => {
    const template = await buildImportTemplate(format);
    const preview = await parseAssetImport(file(template, `template.${format}`), context);
    expect(preview).toMatchObject({ format, validCount: 1, errorCount: 0 });
    expect(preview.rows[0].input).toEqual({
      siteId: 7,
      name: '1号楼中央空调',
      model: 'GMV-H180WL',
      serial: 'SN20240001',
      category: '空调',
      location: '1号楼 屋顶',
      warrantyUntil: '2027-12-31',
      externalId: 'FA-000123',
      customFields: { 品牌: '格力' },
    });
  });

  it('understands the date forms people type and refuses days that do not exist', () => {
    expect(['2026-1-5', '2026/01/05', '2026.1.5', '2026年1月5日', '20260105', '2026/1/5 0:00'].map(parseImportDate)).toEqual(
      Array(6).fill('2026-01-05'),
    );
    expect(parseImportDate(46387)).toBe('2026-12-31');
    expect(['2026-02-30', '05/01/2026', 'soon', '2026-13-01'].map(parseImportDate)).toEqual([null, null, null, null]);
  });
});
