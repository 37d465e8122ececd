import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { CATALOG } from '../src/openapi/catalog';
import { isoDayInZone } from '../src/lib/time';
import { buildOpenApi } from '../src/openapi/document';
import { sweepPm } from '../src/modules/pm/pm.generate';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, PNG_BYTES } from './helpers/factories';
import { fileTicket, waitForOffer } from './helpers/contract';
import { servedRoutes } from './helpers/routes';

const VALIDATOR = path.join(__dirname, '../../node_modules/@seriousme/openapi-schema-validator/bin/validate-api-cli.js');

/** The official OpenAPI 3.1 JSON schema, through the validator's CLI (an ES module, so a child process). */
function validate(doc: unknown): { valid: boolean; errors?: unknown } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bx-openapi-')), 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  try {
    return JSON.parse(execFileSync(process.execPath, [VALIDATOR, file], { encoding: 'utf8' })) as { valid: boolean };
  } catch (err) {
    const out = (err as { stdout?: string }).stdout ?? '';
    return out.trim().startsWith('{') ? (JSON.parse(out) as { valid: boolean; errors: unknown }) : { valid: false, errors: String(err) };
  }
}

describe.each(DRIVERS)('the OpenAPI document on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver, { env: { RATE_LIMIT_SIGNUPS_PER_IP: '0' } });
  });
  afterAll(() => sys.stop());

  it('documents every route the app serves, and no route it does not', () => {
    const served = servedRoutes(sys.deps).map((r) => r.key);
    const documented = Object.keys(CATALOG);
    expect({ undocumented: served.filter((k) => !documented.includes(k)), gone: documented.filter((k) => !served.includes(k)) }).toEqual({
      undocumented: [],
      gone: [],
    });
  });

  it('is a valid OpenAPI 3.1 document (and the validator refuses a broken one)', () => {
    const doc = buildOpenApi('test');
    expect(validate(doc)).toEqual({ valid: true });
    const broken = { ...doc, paths: { '/x': { get: { responses: { 200: { content: 'not an object' } } } } } };
    expect(validate(broken).valid).toBe(false);
  });

  it('serves the document and a page that lists every path, public and cacheable', async () => {
    const res = await sys.http.get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toHaveLength(new Set(Object.keys(CATALOG).map((k) => k.split(' ')[1])).size);
    expect(res.body.components.schemas.TrackedTicketResponse).toBeDefined();
    const page = await sys.http
      .get('/api/docs')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    for (const key of Object.keys(CATALOG)) expect(page.text).toContain(`<code>${key.split(' ')[1].replace(/:(\w+)/g, '{$1}')}</code>`);
    expect(page.text).not.toMatch(/<script/i);
  });

  /** The real answer of a documented route matches the catalog: its status is listed, its body parses with the schema. */
  const conforms = (key: string, res: Response) => {
    const doc = CATALOG[key];
    if (!doc) throw new Error(`${key} is not in the catalog`);
    const reply = doc.replies.find((r) => r.status === res.status);
    if (!reply)
      throw new Error(`${key} answered ${res.status}, which the catalog does not list: ${JSON.stringify(res.body).slice(0, 300)}`);
    if (reply.schema) {
      const parsed = reply.schema.safeParse(res.body);
      if (!parsed.success)
        throw new Error(`${key} ${res.status}: the body does not match its schema: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
    }
    return res;
  };

  it('describes the real answers of a whole repair, the desk, the settings and billing', async () => {
    const http = sys.http;
    const t = await makeTenant(sys.deps, { dispatchMode: 'auto', offerTimeoutSeconds: 600 });
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    const admin = auth(t.admin.token);
    const disp = auth(t.dispatcher.token);
    const eng = auth(engineer.token);

    conforms('GET /healthz', await http.get('/healthz'));
    conforms('GET /readyz', await http.get('/readyz'));
    conforms('GET /api/public/assets/:code', await http.get(`/api/public/assets/${asset.code}`));
    const upload = conforms('POST /api/public/uploads', await http.post('/api/public/uploads').attach('file', PNG_BYTES, 'p.png'));
    const filed = await fileTicket(http, `oa-${t.slug}`, {
      assetCode: asset.code,
      description: '打印机卡纸',
      contactPhone: '13800138000',
      photoIds: [upload.body.upload.id],
    });
    conforms('GET /api/public/tickets/:trackingToken', await http.get(`/api/public/tickets/${filed.trackingToken}`));
    conforms('POST /api/public/tickets/:trackingToken/urge', await http.post(`/api/public/tickets/${filed.trackingToken}/urge`));

    await waitForOffer(http, engineer.token, filed.number);
    conforms('GET /api/engineer/jobs', await http.get('/api/engineer/jobs?status=offered').set(eng));
    conforms('GET /api/engineer/jobs/:number', await http.get(`/api/engineer/jobs/${filed.number}`).set(eng));
    for (const step of ['accept', 'travel', 'arrive', 'wait-customer', 'resume']) {
      conforms(`POST /api/engineer/jobs/:number/${step}`, await http.post(`/api/engineer/jobs/${filed.number}/${step}`).set(eng));
    }
    conforms('GET /api/tickets', await http.get('/api/tickets').set(disp));
    conforms('GET /api/tickets/desk', await http.get('/api/tickets/desk?group=in_progress').set(disp));
    conforms('GET /api/tickets/:number', await http.get(`/api/tickets/${filed.number}`).set(disp));
    conforms('GET /api/tickets/:number/engineers', await http.get(`/api/tickets/${filed.number}/engineers`).set(disp));
    conforms('GET /api/tickets/:number/notifications', await http.get(`/api/tickets/${filed.number}/notifications`).set(disp));
    conforms(
      'POST /api/tickets/:number/notes',
      await http.post(`/api/tickets/${filed.number}/notes`).set(disp).send({ text: '客户要求下午到' }),
    );
    conforms(
      'POST /api/tickets/:number/urgency',
      await http.post(`/api/tickets/${filed.number}/urgency`).set(disp).send({ urgency: 'high' }),
    );
    conforms('POST /api/tickets/stream-ticket', await http.post('/api/tickets/stream-ticket').set(disp));
    conforms(
      'POST /api/engineer/jobs/:number/resolve',
      await http.post(`/api/engineer/jobs/${filed.number}/resolve`).set(eng).send({ notes: '换了搓纸轮' }),
    );
    conforms('POST /api/public/tickets/:trackingToken/confirm', await http.post(`/api/public/tickets/${filed.trackingToken}/confirm`));
    conforms(
      'POST /api/public/tickets/:trackingToken/rating',
      await http.post(`/api/public/tickets/${filed.trackingToken}/rating`).send({ score: 5, comment: '很快' }),
    );

    const second = await fileTicket(http, `oa2-${t.slug}`, { assetCode: asset.code, description: '又坏了', contactPhone: '13800138000' });
    await waitFor(
      async () => (await http.get(`/api/tickets/${second.number}`).set(disp)).body.ticket?.status === 'offered',
      'the second offer',
    );
    conforms(
      'POST /api/engineer/jobs/:number/decline',
      await http.post(`/api/engineer/jobs/${second.number}/decline`).set(eng).send({ reason: '不在附近' }),
    );
    conforms(
      'POST /api/tickets/:number/assign',
      await http.post(`/api/tickets/${second.number}/assign`).set(disp).send({ engineerId: engineer.id }),
    );
    conforms('POST /api/tickets/:number/redispatch', await http.post(`/api/tickets/${second.number}/redispatch`).set(disp).send({}));
    conforms(
      'POST /api/tickets/:number/cancel',
      await http.post(`/api/tickets/${second.number}/cancel`).set(disp).send({ reason: '重复报修' }),
    );

    conforms('GET /api/sites', await http.get('/api/sites').set(admin));
    const site = conforms('POST /api/sites', await http.post('/api/sites').set(admin).send({ name: '二号楼' }));
    conforms('GET /api/sites/:id', await http.get(`/api/sites/${site.body.site.id}`).set(admin));
    conforms('PATCH /api/sites/:id', await http.patch(`/api/sites/${site.body.site.id}`).set(admin).send({ name: '二号楼（东）' }));
    const made = conforms(
      'POST /api/assets',
      await http.post('/api/assets').set(admin).send({ siteId: site.body.site.id, name: '复印机', category: '打印机' }),
    );
    conforms('GET /api/assets', await http.get('/api/assets').set(admin));
    conforms('GET /api/assets/:id', await http.get(`/api/assets/${made.body.asset.id}`).set(admin));
    conforms('PATCH /api/assets/:id', await http.patch(`/api/assets/${made.body.asset.id}`).set(admin).send({ name: '复印机 2 号' }));
    conforms('GET /api/assets/:id/tickets', await http.get(`/api/assets/${asset.id}/tickets`).set(admin));
    conforms('DELETE /api/assets/:id', await http.delete(`/api/assets/${made.body.asset.id}`).set(admin));
    conforms('DELETE /api/sites/:id', await http.delete(`/api/sites/${site.body.site.id}`).set(admin));

    conforms('GET /api/engineers', await http.get('/api/engineers').set(admin));
    conforms('GET /api/engineers/:id', await http.get(`/api/engineers/${engineer.id}`).set(admin));
    conforms(
      'PATCH /api/engineers/:id',
      await http
        .patch(`/api/engineers/${engineer.id}`)
        .set(admin)
        .send({ skills: ['打印机'] }),
    );
    conforms('GET /api/staff', await http.get('/api/staff').set(admin));
    const staff = conforms(
      'POST /api/staff',
      await http
        .post('/api/staff')
        .set(admin)
        .send({ role: 'dispatcher', username: `d2-${t.slug}`, name: '二号调度', password: 'secret-pass' }),
    );
    conforms('POST /api/staff/:id/disable', await http.post(`/api/staff/${staff.body.staff.id}/disable`).set(admin));
    conforms('GET /api/staff/wechat', await http.get('/api/staff/wechat').set(admin));
    conforms('GET /api/settings', await http.get('/api/settings').set(admin));
    conforms('GET /api/settings/wechat', await http.get('/api/settings/wechat').set(admin));
    conforms('GET /api/settings/business-hours', await http.get('/api/settings/business-hours').set(admin));
    conforms('GET /api/settings/sla', await http.get('/api/settings/sla').set(admin));
    conforms(
      'PUT /api/settings/sla',
      await http
        .put('/api/settings/sla')
        .set(admin)
        .send({ targets: [{ urgency: 'normal', responseMinutes: 60, resolutionMinutes: 480 }] }),
    );
    conforms('GET /api/sla/at-risk', await http.get('/api/sla/at-risk').set(disp));
    const key = conforms('POST /api/settings/api-keys', await http.post('/api/settings/api-keys').set(admin).send({ name: '集成' }));
    conforms('GET /api/settings/api-keys', await http.get('/api/settings/api-keys').set(admin));
    conforms('POST /api/settings/api-keys/:id/revoke', await http.post(`/api/settings/api-keys/${key.body.apiKey.id}/revoke`).set(admin));
    const day = isoDayInZone(new Date(), 'Asia/Shanghai'); // the tenant's today (after 16:00 UTC it is already tomorrow there)
    conforms('GET /api/reports/kpis', await http.get(`/api/reports/kpis?from=${day}&to=${day}`).set(disp));
    conforms('GET /api/me/wechat', await http.get('/api/me/wechat').set(eng));

    const article = conforms(
      'POST /api/kb/articles',
      await http
        .post('/api/kb/articles')
        .set(disp)
        .send({
          title: '打印机卡纸怎么办',
          body: '打开前盖，取出**卡住的纸**。',
          categories: ['打印机'],
          status: 'published',
          visibility: 'public',
        }),
    );
    const articleId = article.body.article.id as number;
    conforms('GET /api/kb/articles', await http.get('/api/kb/articles?q=卡纸').set(eng));
    conforms('GET /api/kb/articles/:id', await http.get(`/api/kb/articles/${articleId}`).set(eng));
    conforms(
      'PATCH /api/kb/articles/:id',
      await http
        .patch(`/api/kb/articles/${articleId}`)
        .set(disp)
        .send({ tags: ['卡纸'] }),
    );
    conforms('POST /api/kb/preview', await http.post('/api/kb/preview').set(disp).send({ body: '# 标题' }));
    conforms(
      'PUT /api/kb/synonyms',
      await http
        .put('/api/kb/synonyms')
        .set(disp)
        .send({ groups: [['卡纸', '夹纸']] }),
    );
    conforms('GET /api/kb/synonyms', await http.get('/api/kb/synonyms').set(disp));
    conforms(
      'GET /api/public/assets/:code/suggestions',
      await http.get(`/api/public/assets/${asset.code}/suggestions?q=${encodeURIComponent('又夹纸了')}`),
    );
    conforms('GET /api/public/kb/articles/:id', await http.get(`/api/public/kb/articles/${articleId}`));
    conforms(
      'POST /api/public/kb/events',
      await http
        .post('/api/public/kb/events')
        .send({ type: 'resolved_click', deviceId: 'device-openapi-0001', assetCode: asset.code, articleId }),
    );
    conforms('GET /api/kb/deflection', await http.get(`/api/kb/deflection?from=${day}&to=${day}`).set(disp));
    conforms('POST /api/kb/articles/from-ticket/:number', await http.post(`/api/kb/articles/from-ticket/${filed.number}`).set(eng));

    const plan = conforms(
      'POST /api/pm/plans',
      await http
        .post('/api/pm/plans')
        .set(disp)
        .send({
          name: '月度保养',
          target: { assetIds: [asset.id] },
          rrule: 'FREQ=DAILY',
          startsOn: day,
          basedOn: 'schedule',
          leadDays: 2,
          holidayPolicy: 'ignore',
          checklist: [{ label: '清洁滤网', kind: 'check', required: true }],
        }),
    );
    const planId = plan.body.plan.id as number;
    conforms('GET /api/pm/plans', await http.get('/api/pm/plans').set(eng));
    conforms('GET /api/pm/plans/:id', await http.get(`/api/pm/plans/${planId}`).set(eng));
    conforms('PATCH /api/pm/plans/:id', await http.patch(`/api/pm/plans/${planId}`).set(disp).send({ name: '每日巡检' }));
    await sweepPm(sys.deps);
    const calendar = conforms('GET /api/pm/occurrences', await http.get(`/api/pm/occurrences?from=${day}&to=${day}`).set(disp));
    const visit = (calendar.body.items as Array<{ ticketNumber?: string }>).find((o) => o.ticketNumber)?.ticketNumber;
    expect(visit).toBeDefined();
    conforms('GET /api/pm/visits/:number', await http.get(`/api/pm/visits/${visit}`).set(disp));
    conforms('GET /api/pm/compliance', await http.get(`/api/pm/compliance?from=${day}&to=${day}`).set(disp));
    conforms('GET /api/pm/overdue', await http.get('/api/pm/overdue?pageSize=5').set(disp));

    const part = conforms(
      'POST /api/parts',
      await http
        .post('/api/parts')
        .set(disp)
        .send({ sku: `RL-${t.slug}`.slice(0, 30), name: '搓纸轮', unit: '个', cost: 2000, price: 4500, minStock: 1 }),
    );
    const partId = part.body.part.id as number;
    conforms('GET /api/parts', await http.get('/api/parts').set(eng));
    conforms('GET /api/parts/:id', await http.get(`/api/parts/${partId}`).set(eng));
    conforms('PATCH /api/parts/:id', await http.patch(`/api/parts/${partId}`).set(disp).send({ price: 4800 }));
    const locations = conforms('GET /api/stock/locations', await http.get('/api/stock/locations').set(disp));
    const store = (locations.body.items as Array<{ id: number; kind: string }>).find((l) => l.kind === 'store');
    conforms(
      'POST /api/stock/movements',
      await http.post('/api/stock/movements').set(disp).send({ partId, locationId: store?.id, kind: 'receive', quantity: 2 }),
    );
    conforms('GET /api/stock/locations/:id/movements', await http.get(`/api/stock/locations/${store?.id}/movements`).set(disp));
    conforms('GET /api/parts/:id/stock', await http.get(`/api/parts/${partId}/stock`).set(eng));
    conforms('GET /api/stock/low', await http.get('/api/stock/low').set(disp));
    const contract = conforms(
      'POST /api/contracts',
      await http
        .post('/api/contracts')
        .set(disp)
        .send({
          number: 'WB-2026-001',
          siteId: t.siteIds[1] ?? t.siteIds[0],
          coverage: 'both',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        }),
    );
    conforms('GET /api/contracts', await http.get('/api/contracts').set(disp));
    conforms('GET /api/contracts/:id', await http.get(`/api/contracts/${contract.body.contract.id}`).set(disp));
    conforms(
      'PATCH /api/contracts/:id',
      await http.patch(`/api/contracts/${contract.body.contract.id}`).set(disp).send({ notes: '含配件' }),
    );
    conforms('DELETE /api/contracts/:id', await http.delete(`/api/contracts/${contract.body.contract.id}`).set(disp));
    conforms('GET /api/settings/labour', await http.get('/api/settings/labour').set(disp));
    conforms(
      'PUT /api/settings/labour',
      await http.put('/api/settings/labour').set(admin).send({ labourRatePerHour: 12000, calloutFee: 5000, quoteRequired: false }),
    );
    const outOfWarranty = (
      await http
        .post('/api/assets')
        .set(admin)
        .send({ siteId: t.siteIds[0], name: '旧复印机', category: '复印机', warrantyUntil: '2020-01-01' })
        .expect(201)
    ).body.asset as { code: string };
    const third = await fileTicket(http, `oa3-${t.slug}`, {
      assetCode: outOfWarranty.code,
      description: '需要报价',
      contactPhone: '13800138000',
    });
    // The engineer's skills no longer match the asset: the desk assigns the job to them.
    await waitFor(async () => {
      const d = (await http.get(`/api/tickets/${third.number}`).set(disp)).body as {
        ticket?: { status: string; needsDispatcher: boolean };
      };
      return d.ticket && (d.ticket.needsDispatcher || d.ticket.status === 'offered');
    }, 'the third ticket dispatched');
    await http.post(`/api/tickets/${third.number}/assign`).set(disp).send({ engineerId: engineer.id }).expect(200);
    await http.post(`/api/engineer/jobs/${third.number}/accept`).set(eng).expect(200);
    const quote = conforms(
      'POST /api/engineer/jobs/:number/quote',
      await http
        .post(`/api/engineer/jobs/${third.number}/quote`)
        .set(eng)
        .send({ labourMinutes: 60, lines: [{ partId, quantity: 1 }] }),
    );
    conforms(
      'POST /api/public/tickets/:trackingToken/quote/reject',
      await http.post(`/api/public/tickets/${third.trackingToken}/quote/reject`).send({ version: quote.body.quote.version }),
    );
    const again = conforms(
      'POST /api/tickets/:number/quote',
      await http
        .post(`/api/tickets/${third.number}/quote`)
        .set(disp)
        .send({ labourMinutes: 45, lines: [{ partId, quantity: 1 }] }),
    );
    conforms(
      'POST /api/public/tickets/:trackingToken/quote/accept',
      await http.post(`/api/public/tickets/${third.trackingToken}/quote/accept`).send({ version: again.body.quote.version }),
    );

    conforms('GET /api/public/plans', await http.get('/api/public/plans'));
    conforms('POST /api/billing/quote', await http.post('/api/billing/quote').send({ plan: 'pro-month', quantities: { seats: 5 } }));
    const signup = await http.post('/api/public/signup').send({
      slug: `oa-${t.slug}`.slice(0, 60),
      name: '文档公司',
      admin: { username: 'boss', password: 'long-enough', name: '老板' },
      plan: 'pro-month',
    });
    conforms('POST /api/public/signup', signup);
    const boss = await http
      .post('/api/auth/login')
      .send({ tenant: `oa-${t.slug}`.slice(0, 60), username: 'boss', password: 'long-enough' });
    conforms('POST /api/auth/login', boss);
    const b = auth(boss.body.token as string);
    conforms('GET /api/billing/subscription', await http.get('/api/billing/subscription').set(b));
    conforms('GET /api/billing/preview', await http.get('/api/billing/preview').set(b));
    conforms('POST /api/billing/change-plan', await http.post('/api/billing/change-plan?preview=true').set(b).send({ seats: 8 }));
    conforms('GET /api/billing/invoices', await http.get('/api/billing/invoices').set(b));
    const op = auth(sys.deps.operatorToken);
    conforms('GET /api/operator/plans', await http.get('/api/operator/plans?status=published').set(op));
    conforms(
      'GET /api/operator/tenants/:id/subscription',
      await http.get(`/api/operator/tenants/${signup.body.tenant.id}/subscription`).set(op),
    );
    conforms('GET /api/operator/tenants/:id/usage', await http.get(`/api/operator/tenants/${signup.body.tenant.id}/usage`).set(op));
    conforms('GET /api/operator/invoices', await http.get('/api/operator/invoices').set(op));
  });
});
