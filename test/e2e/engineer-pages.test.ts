import type { Locator, Page } from 'playwright-core';
import { fileTicket, findOfferedEngineer, firstAssetCode, jobAction } from './helpers/api';
import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForText } from './helpers/wait';

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
});
