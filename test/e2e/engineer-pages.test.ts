import type { Locator, Page } from 'playwright-core';
import { fileTicket, findOfferedEngineer, firstAssetCode, jobAction, reporterAction } from './helpers/api';
import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { eventually, waitForAttr, waitForText } from './helpers/wait';

/** The element's box lies inside the phone's screen (not translated off to the left or right). */
async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  await locator.waitFor();
  const box = await locator.boundingBox();
  const view = page.viewportSize();
  expect(box).not.toBeNull();
  expect(view).not.toBeNull();
  if (!box || !view) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(view.width + 1);
  expect(box.width).toBeGreaterThan(100);
}

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/pages/engineer/login/index`);
  await fill(page, 'login-tenant', 'demo');
  await fill(page, 'login-username', username);
  await fill(page, 'login-password', 'demo123');
  await page.locator('#login-submit').click();
  await page.locator('#jobs-offered, #page-empty').first().waitFor();
}

describe("the engineer's pages in a phone browser", () => {
  let server: RunningServer;
  let phone: Phone;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    phone = await openPhone();
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('shows accepted jobs on 进行中 and finished ones on 已完成 inside the screen', async () => {
    const shot = shooter('engineer-tabs');
    const asset = await firstAssetCode(server.baseUrl);
    const active = await fileTicket(server.baseUrl, asset.code, '进行中的工单 (e2e tabs)');
    const username = await findOfferedEngineer(server.baseUrl, active.number);
    await jobAction(server.baseUrl, username, active.number, 'accept');
    const done = await fileTicket(server.baseUrl, asset.code, '已完成的工单 (e2e tabs)');
    const doneBy = await findOfferedEngineer(server.baseUrl, done.number);
    for (const action of ['accept', 'arrive']) await jobAction(server.baseUrl, doneBy, done.number, action);
    await jobAction(server.baseUrl, doneBy, done.number, 'resolve', { notes: '更换保险丝' });

    const e = phone.page;
    await signIn(e, server.baseUrl, username);
    await e.locator('.nut-tabs-titles-item').nth(1).click();
    await expectInViewport(e, e.locator(`#jobs-active [data-number="${active.number}"]`));
    await shot(e, 'active-tab');

    if (doneBy !== username) await signIn(e, server.baseUrl, doneBy);
    await e.locator('.nut-tabs-titles-item').nth(2).click();
    await expectInViewport(e, e.locator(`#jobs-done [data-number="${done.number}"]`));
    await shot(e, 'done-tab');
  });

  it('labels the sign-in fields and says an empty 企业 field is empty', async () => {
    const shot = shooter('engineer-login');
    const e = phone.page;
    await e.goto(`${server.baseUrl}/pages/engineer/login/index`);
    await e.locator('#login-tenant input').waitFor();
    for (const id of ['login-tenant', 'login-username', 'login-password']) {
      const label = await e.locator(`#${id} input`).evaluate((el) => {
        const input = el as HTMLInputElement;
        return input.labels?.[0]?.textContent?.trim() || input.getAttribute('aria-label') || '';
      });
      expect(label).not.toBe('');
      expect(label).not.toContain('请输入内容');
      const placeholder = await e.locator(`#${id} input`).getAttribute('placeholder');
      expect(placeholder ?? '').not.toContain('请输入内容');
    }
    await fill(e, 'login-tenant', '');
    await fill(e, 'login-username', 'engineer1');
    await fill(e, 'login-password', 'demo123');
    await e.locator('#login-submit').click();
    await waitForText(e.locator('#login-error'), '企业');
    expect(await e.locator('#login-error').textContent()).not.toMatch(/network|网络/i);
    await shot(e, 'empty-tenant');
  });

  it('marks a re-offered reopened job 返修 with the reason, shows urgency and a map link, and keeps the actions on screen', async () => {
    const shot = shooter('engineer-rework');
    const asset = await firstAssetCode(server.baseUrl);
    const t = await fileTicket(server.baseUrl, asset.code, '投影仪无信号 (e2e rework)');
    const first = await findOfferedEngineer(server.baseUrl, t.number);
    for (const action of ['accept', 'arrive']) await jobAction(server.baseUrl, first, t.number, action);
    await jobAction(server.baseUrl, first, t.number, 'resolve', { notes: '重新插好 HDMI 线' });
    await reporterAction(server.baseUrl, t.trackingToken, 'reopen', { reason: '第二天又没信号了' });
    const again = await findOfferedEngineer(server.baseUrl, t.number);

    const e = phone.page;
    await signIn(e, server.baseUrl, again);
    const card = e.locator(`#jobs-offered [data-number="${t.number}"]`);
    const cell = e.locator('#jobs-offered .job-card').filter({ has: e.locator(`[data-number="${t.number}"]`) });
    await waitForText(card, '返修');
    await waitForText(card, '第二天又没信号了');
    expect(await card.locator('[data-urgency]').getAttribute('data-urgency')).toBe('normal');
    await shot(e, 'offered-rework-card');

    await cell.click();
    await waitForText(e.locator('#job-reopen-reason'), '第二天又没信号了');
    // A short screen: the detail is longer than the viewport, yet 接单 stays reachable without scrolling.
    await e.setViewportSize({ width: 390, height: 560 });
    await waitForText(e.locator('#job-badges'), '返修');
    await waitForText(e.locator('#job-badges'), '一般');
    await waitForText(e.locator('#job-address'), '上海市');
    const href = await e.locator('#job-map').getAttribute('href');
    expect(href).toMatch(/^https:\/\/uri\.amap\.com\/search\?keyword=/);
    expect(decodeURIComponent(href ?? '')).toContain(await e.locator('#job-address').textContent());
    const pageHeight = await e.evaluate(() => document.querySelector('.page.job')?.getBoundingClientRect().height ?? 0);
    expect(pageHeight).toBeGreaterThan(560);
    // Taro keeps the list page in the flow until its page transition ends: measure once it has.
    await eventually(
      async () => {
        const box = await e.locator('#accept').boundingBox();
        if (!box || box.y < 0 || box.y + box.height > 560) throw new Error(`接单 at ${JSON.stringify(box)}`);
      },
      5_000,
      '接单 inside the short screen',
    );
    await expectInViewport(e, e.locator('#accept'));
    await shot(e, 'rework-detail');
    await e.locator('#accept').click();
    await waitForAttr(e.locator('#job-status'), 'data-status', 'accepted');
    await expectInViewport(e, e.locator('#travel'));
    await e.setViewportSize({ width: 390, height: 844 });
  });
});
