import type { KbArticlePage, KbArticleView, KbDeflectionResponse, KbSuggestionsResponse, PublicKbArticleResponse } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { Asset } from '../src/modules/assets/asset.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { publishedPlan } from '../src/modules/billing/catalog.service';
import { createSubscription } from '../src/modules/billing/subscriptions.service';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant } from './helpers/factories';
import { errorOf, fileTicket } from './helpers/contract';

const HOUR = 3_600_000;

describe.each(DRIVERS)('knowledge base on %s', (driver) => {
  let sys: TestSystem;
  const clock = new ManualClock('2026-11-23T02:00:00Z');
  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock, env: { RATE_LIMIT_KB_EVENTS_PER_DEVICE: '5', RATE_LIMIT_KB_SUGGESTIONS_PER_IP: '1000' } });
  });
  afterAll(async () => {
    await sys.stop();
  });

  async function article(t: TestTenant, body: Record<string, unknown>): Promise<KbArticleView> {
    const res = await sys.http.post('/api/kb/articles').set(auth(t.dispatcher.token)).send(body);
    expect(res.status).toBe(201);
    return (res.body as { article: KbArticleView }).article;
  }

  async function printer(t: TestTenant): Promise<Asset> {
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0], { category: '打印机', name: '打印机 P-1' });
    await sys.deps.db.ds.getRepository(Asset).update({ id: asset.id }, { model: 'HP-M404' });
    return { ...asset, model: 'HP-M404' };
  }

  const suggest = async (code: string, q: string) => {
    const res = await sys.http.get(`/api/public/assets/${code}/suggestions`).query({ q }).expect(200);
    return (res.body as KbSuggestionsResponse).articles;
  };

  it('finds 卡纸 in an article saying "打印机又卡纸了", and through a tenant synonym (夹纸) too', async () => {
    const t = await makeTenant(sys.deps);
    const asset = await printer(t);
    const a = await article(t, {
      title: '打印机又卡纸了怎么办',
      body: '打开后盖，取出**纸张**。',
      status: 'published',
      visibility: 'public',
    });
    const list = await sys.http.get('/api/kb/articles').query({ q: '卡纸' }).set(auth(t.dispatcher.token)).expect(200);
    expect((list.body as KbArticlePage).items.map((i) => i.id)).toEqual([a.id]);
    expect((await suggest(asset.code, '卡纸')).map((s) => s.id)).toEqual([a.id]);
    expect(await suggest(asset.code, '夹纸')).toEqual([]);
    await sys.http
      .put('/api/kb/synonyms')
      .set(auth(t.admin.token))
      .send({ groups: [['卡纸', '夹纸'], ['孤单']] })
      .expect(200);
    const synonyms = await sys.http.get('/api/kb/synonyms').set(auth(t.dispatcher.token)).expect(200);
    expect(synonyms.body).toEqual({ groups: [['卡纸', '夹纸']], version: 1 });
    const found = await suggest(asset.code, '又夹纸');
    expect(found).toEqual([{ id: a.id, title: '打印机又卡纸了怎么办', excerpt: '打开后盖，取出纸张。' }]);
  });

  it('suggests the printer article before a better-matching air-conditioner article for a printer', async () => {
    const t = await makeTenant(sys.deps);
    const asset = await printer(t);
    const ac = await article(t, {
      title: '不制冷 不制冷 不制冷',
      body: '空调不制冷：检查滤网。不制冷时先关机。',
      categories: ['空调'],
      status: 'published',
      visibility: 'public',
    });
    const general = await article(t, { title: '设备不制冷或不工作', body: '先检查电源。', status: 'published', visibility: 'public' });
    const byModel = await article(t, {
      title: 'HP-M404 出纸不制冷？',
      body: '型号专用说明。',
      models: ['HP-M404'],
      status: 'published',
      visibility: 'public',
    });
    const byCategory = await article(t, {
      title: '打印机不制冷',
      body: '打印机类说明。',
      categories: ['打印机'],
      status: 'published',
      visibility: 'public',
    });
    const ids = (await suggest(asset.code, '不制冷')).map((s) => s.id);
    expect(ids).toEqual([byModel.id, byCategory.id, general.id, ac.id]);
    // The engineer's search from a job, scoped to the asset's model, ranks the same way.
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    const scoped = await sys.http
      .get('/api/kb/articles')
      .query({ q: '不制冷', model: 'HP-M404', category: '打印机' })
      .set(auth(engineer.token))
      .expect(200);
    expect((scoped.body as KbArticlePage).items.map((i) => i.id)).toEqual(ids);
  });

  it("never lets internal, draft or archived articles reach the public endpoints, nor another tenant's", async () => {
    const t = await makeTenant(sys.deps);
    const asset = await printer(t);
    const internal = await article(t, { title: '卡纸 内部处理', body: '拆机步骤', status: 'published', visibility: 'internal' });
    const draft = await article(t, { title: '卡纸 草稿', body: '未审核', status: 'draft', visibility: 'public' });
    const archived = await article(t, { title: '卡纸 旧文', body: '过时', status: 'archived', visibility: 'public' });
    const other = await makeTenant(sys.deps);
    const foreign = await article(other, { title: '卡纸 别家', body: '别家的文章', status: 'published', visibility: 'public' });
    expect(await suggest(asset.code, '卡纸')).toEqual([]);
    for (const a of [internal, draft, archived]) {
      const res = await sys.http.get(`/api/public/kb/articles/${a.id}`).expect(404);
      expect(errorOf(res.body)?.code).toBe('KB_ARTICLE_NOT_FOUND');
      const ev = await sys.http
        .post('/api/public/kb/events')
        .send({ type: 'article_opened', deviceId: 'device-0001', assetCode: asset.code, articleId: a.id });
      expect([ev.status, errorOf(ev.body)?.code]).toEqual([404, 'KB_ARTICLE_NOT_FOUND']);
    }
    // Another tenant's public article is readable by id, but never suggested for this tenant's asset nor counted on it.
    const ev = await sys.http
      .post('/api/public/kb/events')
      .send({ type: 'resolved_click', deviceId: 'device-0001', assetCode: asset.code, articleId: foreign.id });
    expect(ev.status).toBe(404);
    // Published again as public: now it shows, rendered without raw HTML.
    await sys.http
      .patch(`/api/kb/articles/${internal.id}`)
      .set(auth(t.admin.token))
      .send({ visibility: 'public', body: '拆机<script>alert(1)</script> [x](javascript:alert(1))', version: internal.version })
      .expect(200);
    expect((await suggest(asset.code, '卡纸')).map((s) => s.id)).toEqual([internal.id]);
    const shown = (await sys.http.get(`/api/public/kb/articles/${internal.id}`).expect(200)).body as PublicKbArticleResponse;
    expect(shown.article.html).not.toContain('<script');
    expect(shown.article.html).not.toContain('href="javascript');
    const preview = await sys.http
      .post('/api/kb/preview')
      .set(auth(t.dispatcher.token))
      .send({ body: '**粗**<img src=x onerror=alert(1)>' })
      .expect(200);
    expect(preview.body).toEqual({ html: '<p><strong>粗</strong>&lt;img src=x onerror=alert(1)&gt;</p>\n' });
    // A stale version is refused.
    const stale = await sys.http
      .patch(`/api/kb/articles/${internal.id}`)
      .set(auth(t.admin.token))
      .send({ title: '改', version: internal.version });
    expect([stale.status, errorOf(stale.body)?.code]).toEqual([409, 'CONFLICT']);
  });

  it('shows engineers published articles (internal too) but no drafts, and lets only the desk write', async () => {
    const t = await makeTenant(sys.deps);
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    const internal = await article(t, { title: '内部 卡纸', status: 'published', visibility: 'internal' });
    const draft = await article(t, { title: '草稿 卡纸', status: 'draft' });
    const list = await sys.http.get('/api/kb/articles').query({ q: '卡纸' }).set(auth(engineer.token)).expect(200);
    expect((list.body as KbArticlePage).items.map((i) => i.id)).toEqual([internal.id]);
    await sys.http.get(`/api/kb/articles/${internal.id}`).set(auth(engineer.token)).expect(200);
    await sys.http.get(`/api/kb/articles/${draft.id}`).set(auth(engineer.token)).expect(404);
    await sys.http.get(`/api/kb/articles/${draft.id}`).set(auth(t.dispatcher.token)).expect(200);
    await sys.http.post('/api/kb/articles').set(auth(engineer.token)).send({ title: 'x' }).expect(403);
    const all = await sys.http.get('/api/kb/articles').query({ status: 'draft', pageSize: 10 }).set(auth(t.admin.token)).expect(200);
    expect(all.body as KbArticlePage).toMatchObject({ total: 1, items: [{ id: draft.id, status: 'draft' }] });
  });

  it("drafts an internal article from a resolved job's notes, for the engineer who did it", async () => {
    const t = await makeTenant(sys.deps);
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    const asset = await printer(t);
    const filed = await fileTicket(sys.http, `kb-draft-${driver}`, {
      assetCode: asset.code,
      description: '打印机卡纸，指示灯闪',
      contactPhone: '13800138000',
    });
    await sys.http.post(`/api/kb/articles/from-ticket/${filed.number}`).set(auth(engineer.token)).expect(404);
    const nothing = await sys.http.post(`/api/kb/articles/from-ticket/${filed.number}`).set(auth(t.dispatcher.token));
    expect([nothing.status, errorOf(nothing.body)?.code]).toEqual([409, 'KB_NOTHING_TO_DRAFT']);
    await sys.deps.db.ds
      .getRepository(Ticket)
      .update({ tenantId: t.id, number: filed.number }, { engineerId: engineer.id, resolutionNotes: '更换搓纸轮后正常' });
    const res = await sys.http.post(`/api/kb/articles/from-ticket/${filed.number}`).set(auth(engineer.token)).expect(201);
    const draft = (res.body as { article: KbArticleView }).article;
    expect(draft).toMatchObject({
      status: 'draft',
      visibility: 'internal',
      models: ['HP-M404'],
      categories: ['打印机'],
      sourceTicket: filed.number,
      authorId: engineer.id,
    });
    expect(draft.body).toContain('更换搓纸轮后正常');
  });

  it('counts deflection honestly over a scripted event sequence: 72 h without a ticket from the device, abandonment apart', async () => {
    const t = await makeTenant(sys.deps);
    const asset = await printer(t);
    const a = await article(t, { title: '卡纸处理', body: '取出纸张', categories: ['打印机'], status: 'published', visibility: 'public' });
    const b = await article(t, { title: '缺粉处理', body: '更换硒鼓', status: 'published', visibility: 'public' });
    const ev = (type: string, deviceId: string, articleId?: number) =>
      sys.http
        .post('/api/public/kb/events')
        .send({ type, deviceId, assetCode: asset.code, ...(articleId ? { articleId } : {}) })
        .expect(201);
    clock.set('2026-11-23T02:00:00Z'); // 10:00 in Shanghai, Monday 23rd
    // Device 1: shown, opened, resolved → no ticket in 72 h → confirmed.
    await ev('suggestion_shown', 'device-one-1', a.id);
    await ev('article_opened', 'device-one-1', a.id);
    await ev('resolved_click', 'device-one-1', a.id);
    await ev('resolved_click', 'device-one-1', a.id); // a second tap counts once
    // Device 2: resolved, then files a ticket 5 h later from the same device → reverted.
    await ev('resolved_click', 'device-two-2', a.id);
    // Device 3: submitted anyway (after opening b); device 4: abandoned.
    await ev('article_opened', 'device-three', b.id);
    await ev('submitted_anyway', 'device-three', b.id);
    await ev('abandoned', 'device-four-4');
    clock.advance(5 * HOUR);
    await fileTicket(sys.http, `kb-defl-2-${driver}`, {
      assetCode: asset.code,
      description: '还是卡纸',
      contactPhone: '13800138000',
      deviceId: 'device-two-2',
    });
    // Another device's ticket does not undo device 1's deflection.
    await fileTicket(sys.http, `kb-defl-x-${driver}`, {
      assetCode: asset.code,
      description: '别的问题',
      contactPhone: '13800138001',
      deviceId: 'device-other',
    });
    // Day 2: device 5 resolved b; still inside 72 h at report time → pending.
    clock.set('2026-11-24T03:00:00Z');
    await ev('resolved_click', 'device-five-5', b.id);
    clock.set('2026-11-26T03:00:00Z'); // 73 h after device 1, 48 h after device 5
    const res = await sys.http
      .get('/api/kb/deflection')
      .query({ from: '2026-11-23', to: '2026-11-24' })
      .set(auth(t.dispatcher.token))
      .expect(200);
    const r = res.body as KbDeflectionResponse;
    expect(r.total).toEqual({
      shown: 1,
      opened: 2,
      resolvedClicks: 3,
      confirmed: 1,
      pending: 1,
      reverted: 1,
      submittedAnyway: 1,
      abandoned: 1,
      rate: 1 / 3,
    });
    expect(r.byDay.map((d) => [d.day, d.confirmed, d.reverted, d.pending, d.abandoned])).toEqual([
      ['2026-11-23', 1, 1, 0, 1],
      ['2026-11-24', 0, 0, 1, 0],
    ]);
    expect(r.byArticle.map((x) => [x.articleId, x.title, x.confirmed, x.reverted, x.pending, x.submittedAnyway, x.rate])).toEqual([
      [a.id, '卡纸处理', 1, 1, 0, 0, 0.5],
      [b.id, '缺粉处理', 0, 0, 1, 1, 0],
    ]);
    expect(r.byCategory).toEqual([expect.objectContaining({ category: '打印机', confirmed: 1, abandoned: 1, rate: 1 / 3 })]);
    // Later, device 5's 72 h pass with no ticket: confirmed too.
    clock.set('2026-11-28T03:00:00Z');
    const later = (
      await sys.http.get('/api/kb/deflection').query({ from: '2026-11-23', to: '2026-11-24' }).set(auth(t.admin.token)).expect(200)
    ).body as KbDeflectionResponse;
    expect(later.total).toMatchObject({ confirmed: 2, pending: 0, rate: 0.5 });
    // Engineers do not read KPIs; another tenant sees none of it.
    const other = await makeTenant(sys.deps);
    const none = (
      await sys.http.get('/api/kb/deflection').query({ from: '2026-11-23', to: '2026-11-24' }).set(auth(other.admin.token)).expect(200)
    ).body as KbDeflectionResponse;
    expect(none.total).toMatchObject({ resolvedClicks: 0, rate: null });
  });

  it('rate-limits events per device, and refuses unknown assets', async () => {
    const t = await makeTenant(sys.deps);
    const asset = await printer(t);
    clock.set('2026-12-01T00:00:10Z');
    const send = (deviceId: string) =>
      sys.http.post('/api/public/kb/events').send({ type: 'suggestion_shown', deviceId, assetCode: asset.code });
    for (let i = 0; i < 5; i += 1) expect((await send('device-busy')).status).toBe(201);
    const limited = await send('device-busy');
    expect([limited.status, errorOf(limited.body)?.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await send('device-calm')).status).toBe(201);
    const unknown = await sys.http
      .post('/api/public/kb/events')
      .send({ type: 'abandoned', deviceId: 'device-calm', assetCode: 'ZZZZZZZZ' });
    expect(unknown.status).toBe(404);
  });

  it("answers 403 MODULE_NOT_IN_PLAN on the staff KB routes and shows reporters nothing when the tenant's plan lacks the knowledge base", async () => {
    const t = await makeTenant(sys.deps);
    const asset = await printer(t);
    const a = await article(t, { title: '卡纸处理', status: 'published', visibility: 'public' });
    expect(await suggest(asset.code, '卡纸')).toHaveLength(1);
    const basic = await publishedPlan(sys.deps, 'basic-month');
    await sys.deps.db.transaction((em) =>
      createSubscription(em, sys.deps.clock.now(), { tenantId: t.id, plan: basic, seats: 5, startedOn: '2026-01-01' }),
    );
    const calls = [
      sys.http.get('/api/kb/articles'),
      sys.http.post('/api/kb/articles').send({ title: 'x' }),
      sys.http.get('/api/kb/synonyms'),
      sys.http.get('/api/kb/deflection?from=2026-11-01&to=2026-11-30'),
      sys.http.post('/api/kb/preview').send({ body: 'x' }),
    ];
    for (const call of calls) {
      const res = await call.set(auth(t.dispatcher.token));
      expect([res.status, errorOf(res.body)?.code]).toEqual([403, 'MODULE_NOT_IN_PLAN']);
    }
    // Its reporters see no suggestions and cannot open the article any more; the form itself is untouched.
    expect(await suggest(asset.code, '卡纸')).toEqual([]);
    await sys.http.get(`/api/public/kb/articles/${a.id}`).expect(404);
  });
});
