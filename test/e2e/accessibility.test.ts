import type { Page } from 'playwright-core';
import { fileTicket, findOfferedEngineer, firstAssetCode } from './helpers/api';
import { describeFindings, seriousViolations } from './helpers/axe';
import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { consoleSignIn, on, openDesktop, type Desktop } from './helpers/desktop';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';

/** Critical and serious axe-core findings per page, collected so one run lists every page's problems. */
const found: string[] = [];
async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.waitForTimeout(500); // Taro's page transition: the previous page is still in the flow until it ends
  const findings = await seriousViolations(page);
  if (findings.length > 0) found.push(`${what}:\n${describeFindings(findings)}`);
}
function expectNothingFound(): void {
  const report = found.splice(0).join('\n');
  expect(report).toBe('');
}

describe('accessibility (axe-core) of every page a person uses', () => {
  let server: RunningServer;
  let phone: Phone;
  let desktop: Desktop;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    phone = await openPhone();
    desktop = await openDesktop();
  });

  afterAll(async () => {
    await phone?.close();
    await desktop?.close();
    await server?.stop();
  });

  it("finds nothing serious on the reporter's home, asset page, form and tracking", async () => {
    const shot = shooter('a11y-reporter');
    const p = phone.page;
    const asset = await firstAssetCode(server.baseUrl);
    await p.goto(`${server.baseUrl}/`);
    await p.locator('#code-input').waitFor();
    await expectAccessible(p, 'home');
    // People zoom: nothing in the viewport meta may forbid it.
    expect(await p.locator('meta[name="viewport"]').getAttribute('content')).not.toMatch(
      /user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\.0)?\b/,
    );
    await p.goto(`${server.baseUrl}/r/${asset.code}`);
    await p.locator('#asset-name').waitFor();
    await expectAccessible(p, 'asset page');
    await p.locator('#report-new').click();
    await p.locator('#description textarea').waitFor();
    await expectAccessible(p, 'request form');
    await shot(p, 'form');
    const t = await fileTicket(server.baseUrl, asset.code, '无障碍检查 (e2e a11y)');
    await p.goto(`${server.baseUrl}/pages/reporter/track/index?token=${t.trackingToken}`);
    await p.locator('#ticket-status').waitFor();
    await expectAccessible(p, 'tracking');
    await p.goto(`${server.baseUrl}/r/ZZZZ9999ZZZZ`);
    await p.locator('#not-found').waitFor();
    await expectAccessible(p, 'not found');
    expectNothingFound();
  });

  it("finds nothing serious on the engineer's sign-in, job list and job", async () => {
    const p = phone.page;
    const asset = await firstAssetCode(server.baseUrl);
    const t = await fileTicket(server.baseUrl, asset.code, '无障碍检查工单 (e2e a11y)');
    const username = await findOfferedEngineer(server.baseUrl, t.number);
    await p.goto(`${server.baseUrl}/pages/engineer/login/index`);
    await p.locator('#login-tenant input').waitFor();
    await expectAccessible(p, 'engineer sign-in');
    await fill(p, 'login-tenant', 'demo');
    await fill(p, 'login-username', username);
    await fill(p, 'login-password', 'demo123');
    await p.locator('#login-submit').click();
    await p.locator('#jobs-offered').waitFor();
    await expectAccessible(p, 'job list');
    await p.goto(`${server.baseUrl}/pages/engineer/job/index?number=${t.number}`);
    await p.locator('#accept').waitFor();
    await expectAccessible(p, 'job');
    expectNothingFound();
  });

  it('finds nothing serious on the console pages', async () => {
    const shot = shooter('a11y-console');
    const d = desktop.page;
    await d.goto(`${server.baseUrl}/pages/manager/login/index`);
    await on(d, '#cl-tenant').waitFor();
    await expectAccessible(d, 'console sign-in');
    await d.goto(`${server.baseUrl}/pages/manager/signup/index`);
    await on(d, '#su-plan-pro-month').waitFor();
    await expectAccessible(d, 'console signup');
    await consoleSignIn(d, server.baseUrl, 'admin');
    await d.waitForURL(/manager\/dashboard/);
    for (const page of [
      'dashboard',
      'tickets',
      'assets',
      'sites',
      'parts',
      'labels',
      'import',
      'engineers',
      'kb',
      'staff',
      'tenant',
      'settings',
      'billing',
    ]) {
      await d.goto(`${server.baseUrl}/pages/manager/${page}/index`);
      await d.waitForLoadState('networkidle');
      await d.waitForTimeout(800);
      await shot(d, page);
      await expectAccessible(d, `console ${page}`);
    }
    expectNothingFound();
  });
});
