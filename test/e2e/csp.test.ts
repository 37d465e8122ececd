import type { ConsoleMessage, Page } from 'playwright-core';
import { fileTicket, firstAssetCode } from './helpers/api';
import { openDesktop } from './helpers/desktop';
import { makePhotos, openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForCount, waitForText } from './helpers/wait';

/** Every CSP complaint the page makes: console messages and securitypolicyviolation events. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) seen.push(m.text());
  });
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

/** Security review, finding 6: the H5 pages work under the server's Content-Security-Policy, with no violation. */
describe('the H5 pages under the Content-Security-Policy', () => {
  let server: RunningServer;
  let phone: Phone;
  let desk: Phone;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    phone = await openPhone();
    desk = await openDesktop();
  });
  afterAll(async () => {
    await phone?.close();
    await desk?.close();
    await server?.stop();
  });

  it('serves the reporter, engineer and console pages with a CSP and no CSP violation in the console', async () => {
    const shot = shooter('csp');
    const asset = await firstAssetCode(server.baseUrl);
    const { trackingToken } = await fileTicket(server.baseUrl, asset.code, 'CSP 检查 (e2e csp)');
    const violations = [...(await watchCsp(phone.page)), ...(await watchCsp(desk.page))];
    const p = phone.page;

    const first = await p.goto(`${server.baseUrl}/r/${asset.code}`);
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await waitForText(p.locator('#asset-name'), asset.name);
    await shot(p, 'asset-page');
    await p.goto(`${server.baseUrl}/pages/reporter/report/index?code=${asset.code}`);
    await p.locator('#description textarea').waitFor();
    // Choosing photos: previews are blob: URLs, and the upload reads the file back from its blob: URL.
    const photos = await makePhotos(p, 1);
    const chooser = p.waitForEvent('filechooser');
    await p.locator('#photos-album').click();
    await (await chooser).setFiles(photos);
    await waitForCount(p.locator('.photo-picker__item[data-status="done"]'), 1);
    await shot(p, 'report-form');
    await p.goto(`${server.baseUrl}/pages/reporter/track/index?token=${trackingToken}`);
    await p.locator('#ticket-number').waitFor();
    await shot(p, 'track');
    await p.goto(`${server.baseUrl}/pages/engineer/login/index`);
    await p.waitForLoadState('networkidle');
    await shot(p, 'engineer-login');

    const d = desk.page;
    await d.goto(`${server.baseUrl}/pages/manager/login/index`);
    await d.waitForLoadState('networkidle');
    await shot(d, 'console-login');
    expect(violations).toEqual([]);
  });
});
