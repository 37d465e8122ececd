import { fileTicket, findOfferedEngineer, firstAssetCode, jobAction, login, ticketsWith } from './helpers/api';
import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { consoleSignIn, on, openDesktop, type Desktop } from './helpers/desktop';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { eventually, waitForText } from './helpers/wait';

interface Deflection {
  total: { shown: number; opened: number; resolvedClicks: number; pending: number; submittedAnyway: number; abandoned: number };
}

async function staff<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('knowledge-base suggestions on the reporter form, in a phone browser', () => {
  let server: RunningServer;
  let first: Phone;
  let second: Phone;
  let desk: Desktop;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    first = await openPhone();
    second = await openPhone();
    desk = await openDesktop();
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await desk?.close();
    await server?.stop();
  });

  it('one reporter is helped by an article and files nothing; another reads it and files anyway', async () => {
    const shot = shooter('kb-deflection');
    const asset = await firstAssetCode(server.baseUrl);
    const admin = await login(server.baseUrl, 'admin');
    const marker = `E2E${Date.now().toString(36)}`;
    const { article } = await staff<{ article: { id: number } }>(server.baseUrl, admin, 'POST', '/api/kb/articles', {
      title: '打印机卡纸怎么办',
      body: '1. 打开**后盖**\n2. 轻轻取出卡住的纸张',
      status: 'published',
      visibility: 'public',
    });
    // An internal article matching the same words never shows to reporters.
    await staff(server.baseUrl, admin, 'POST', '/api/kb/articles', {
      title: '卡纸 内部拆机手册',
      status: 'published',
      visibility: 'internal',
    });

    // Reporter 1: types, sees the article, opens it, "这解决了我的问题" → thanks, and no ticket.
    const p = first.page;
    await p.goto(`${server.baseUrl}/pages/reporter/report/index?code=${asset.code}`);
    await p.locator('#description textarea').waitFor();
    await fill(p, 'description', `打印机又卡纸了 ${marker}`, 'textarea');
    await p.locator(`#kb-suggestion-${article.id}`).click();
    expect(await p.locator('.kb-suggestion').count()).toBe(0); // the list gives way to the article
    await waitForText(p.locator('#kb-article-title'), '打印机卡纸怎么办');
    expect(await p.locator('#kb-article').innerHTML()).toContain('<strong>后盖</strong>');
    await shot(p, 'article-open');
    await p.locator('#kb-resolved').click();
    await p.locator('#kb-resolved-done').waitFor();
    await shot(p, 'resolved');
    expect(await ticketsWith(server.baseUrl, marker)).toEqual([]);

    // Reporter 2 (another phone: another device id): reads the same article, "仍然报修", files.
    const q = second.page;
    await q.goto(`${server.baseUrl}/pages/reporter/report/index?code=${asset.code}`);
    await q.locator('#description textarea').waitFor();
    await fill(q, 'description', `打印机卡纸 还是不行 ${marker}`, 'textarea');
    await q.locator(`#kb-suggestion-${article.id}`).click();
    await waitForText(q.locator('#kb-article-title'), '打印机卡纸怎么办');
    await q.locator('#kb-still-report').click();
    await fill(q, 'contact-phone', '13800138000');
    await q.locator('#submit').click();
    await q.waitForURL(/success/);
    await shot(q, 'filed-anyway');
    expect((await ticketsWith(server.baseUrl, marker)).map((t) => t.description)).toEqual([`打印机卡纸 还是不行 ${marker}`]);

    const kpi = await staff<Deflection>(server.baseUrl, admin, 'GET', `/api/kb/deflection?from=${day(-1)}&to=${day(1)}`);
    expect(kpi.total).toMatchObject({ opened: 2, resolvedClicks: 1, pending: 1, submittedAnyway: 1, abandoned: 0 });
    expect(kpi.total.shown).toBeGreaterThanOrEqual(2);

    // Reporter 1 comes back, sees the suggestion again and leaves the page: abandoned (a beacon), never a deflection.
    await p.goto(`${server.baseUrl}/pages/reporter/report/index?code=${asset.code}`);
    await p.locator('#description textarea').waitFor();
    await fill(p, 'description', `打印机卡纸 ${marker}`, 'textarea');
    await p.locator(`#kb-suggestion-${article.id}`).waitFor();
    await p.goto(`${server.baseUrl}/`);
    await eventually(
      async () => {
        const after = await staff<Deflection>(server.baseUrl, admin, 'GET', `/api/kb/deflection?from=${day(-1)}&to=${day(1)}`);
        expect(after.total).toMatchObject({ abandoned: 1, resolvedClicks: 1, submittedAnyway: 1 });
      },
      10_000,
      'the abandonment to be counted',
    );
  });

  it('writes an article in the console with a safe preview, publishes it, and finds it by a synonym', async () => {
    const shot = shooter('kb-console');
    const d = desk.page;
    await consoleSignIn(d, server.baseUrl, 'dispatcher');
    await d.waitForURL(/manager\/dashboard/);
    await d.goto(`${server.baseUrl}/pages/manager/kb/index`);
    await on(d, '#nav-kb').waitFor();
    await on(d, '#kb-new').click();
    await on(d, '#kb-title').fill('复印机夹纸处理');
    await on(d, '#kb-body').fill('先**关机**，再取纸。<script>alert(1)</script>');
    await on(d, '#kb-categories').fill('打印机, 复印机');
    await on(d, '#kb-preview').click();
    await waitForText(on(d, '#kb-preview-html'), '关机');
    const html = await on(d, '#kb-preview-html').innerHTML();
    expect(html).toContain('<strong>关机</strong>');
    expect(html).not.toContain('<script');
    await on(d, '#kb-status').selectOption('published');
    await on(d, '#kb-visibility').selectOption('public');
    await shot(d, 'editor');
    await on(d, '#kb-save').click();
    await on(d, '.kb-row').filter({ hasText: '复印机夹纸处理' }).waitFor();
    await on(d, '#kb-synonyms-text').fill('卡纸 夹纸');
    await on(d, '#kb-synonyms-save').click();
    await on(d, '#kb-search').fill('卡纸');
    await on(d, '.kb-row').filter({ hasText: '复印机夹纸处理' }).waitFor();
    await shot(d, 'list');
  });

  it('lets the engineer search the internal articles from a job and turn the fix into a draft', async () => {
    const asset = await firstAssetCode(server.baseUrl);
    const admin = await login(server.baseUrl, 'admin');
    const internal = await staff<{ article: { id: number } }>(server.baseUrl, admin, 'POST', '/api/kb/articles', {
      title: '压缩机异响 内部拆机',
      body: '先断电，检查**支架螺丝**。',
      status: 'published',
      visibility: 'internal',
    });
    const { number } = await fileTicket(server.baseUrl, asset.code, '空调压缩机异响 (e2e kb)');
    const username = await findOfferedEngineer(server.baseUrl, number);
    for (const action of ['accept', 'travel', 'arrive']) await jobAction(server.baseUrl, username, number, action);
    await jobAction(server.baseUrl, username, number, 'resolve', { notes: '紧固压缩机支架螺丝后异响消失' });

    const e = second.page;
    await e.goto(`${server.baseUrl}/pages/engineer/login/index`);
    await fill(e, 'login-tenant', 'demo');
    await fill(e, 'login-username', username);
    await fill(e, 'login-password', 'demo123');
    await e.locator('#login-submit').click();
    await e.waitForURL(/engineer\/jobs/);
    await e.goto(`${server.baseUrl}/pages/engineer/job/index?number=${number}`);
    await fill(e, 'job-kb-search', '异响');
    await e.locator('.job-kb__item').filter({ hasText: '压缩机异响 内部拆机' }).click();
    await waitForText(e.locator('#job-kb-article'), '支架螺丝');
    await e.locator('#job-kb-draft').click();
    await eventually(
      async () => {
        const page = await staff<{ items: Array<{ id: number; status: string; sourceTicket: string | null }> }>(
          server.baseUrl,
          admin,
          'GET',
          '/api/kb/articles?status=draft&pageSize=100',
        );
        expect(page.items.filter((a) => a.sourceTicket === number)).toHaveLength(1);
      },
      10_000,
      'the draft from the ticket',
    );
    expect(internal.article.id).toBeGreaterThan(0);
  });
});
