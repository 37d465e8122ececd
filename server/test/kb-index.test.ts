import { ManualClock } from '../src/lib/clock';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant } from './helpers/factories';

describe.each(DRIVERS)("the reporters' suggestion index on %s", (driver) => {
  const clock = new ManualClock('2026-12-01T02:00:00Z');
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
  });
  afterAll(() => sys.stop());

  it('answers from memory until an article changes, in any way, then from the change', async () => {
    const t = await makeTenant(sys.deps);
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    const suggest = async (q: string) =>
      (
        (await sys.http.get(`/api/public/assets/${asset.code}/suggestions?q=${encodeURIComponent(q)}`).expect(200)).body as {
          articles: Array<{ id: number; title: string }>;
        }
      ).articles;
    const made = await sys.http
      .post('/api/kb/articles')
      .set(auth(t.dispatcher.token))
      .send({ title: '打印机卡纸处理', body: '打开前盖取出卡纸。', status: 'published', visibility: 'public' })
      .expect(201);
    const id = made.body.article.id as number;
    clock.advance(5_000);
    expect((await suggest('卡纸')).map((a) => a.title)).toEqual(['打印机卡纸处理']);
    const built = sys.deps.kbIndex.builds;
    for (let i = 0; i < 5; i += 1) await suggest('又卡纸了');
    expect(sys.deps.kbIndex.builds).toBe(built); // no rebuild while nothing changes

    clock.advance(5_000);
    await sys.http.patch(`/api/kb/articles/${id}`).set(auth(t.dispatcher.token)).send({ title: '打印机卡纸：三步处理' }).expect(200);
    expect((await suggest('卡纸')).map((a) => a.title)).toEqual(['打印机卡纸：三步处理']);
    expect(sys.deps.kbIndex.builds).toBeGreaterThan(built);

    clock.advance(5_000);
    await sys.http.patch(`/api/kb/articles/${id}`).set(auth(t.dispatcher.token)).send({ visibility: 'internal' }).expect(200);
    expect(await suggest('卡纸')).toEqual([]);
    clock.advance(5_000);
    await sys.http
      .post('/api/kb/articles')
      .set(auth(t.dispatcher.token))
      .send({ title: '复印机夹纸', body: '清理搓纸轮。', status: 'published', visibility: 'public' })
      .expect(201);
    // A synonym set added later applies at once (the query is expanded per request).
    await sys.http
      .put('/api/kb/synonyms')
      .set(auth(t.dispatcher.token))
      .send({ groups: [['卡纸', '夹纸']] })
      .expect(200);
    expect((await suggest('卡纸')).map((a) => a.title)).toEqual(['复印机夹纸']);
  });
});
