import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { assetCount, bindWechatByInvite, engineerId, engineerInvite, subscribeStaffToAll, wechatTemplates } from './helpers/api';
import { ARTIFACTS, shooter } from './helpers/browser';
import { consoleSignIn, downloadBy, on, openDesktop, pdfPages, type Desktop } from './helpers/desktop';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { eventually, waitForAttr, waitForCount, waitForText } from './helpers/wait';

const SUITE = 'console-wechat';
const DIR = path.join(ARTIFACTS, SUITE);

/** The invite QR as the browser drew it, read back with jsQR: what a phone camera would get. */
async function readQr(page: Page, selector: string): Promise<string | null> {
  const png = await on(page, selector).evaluate((node) => {
    const canvas = document.createElement('canvas');
    canvas.width = 400;
    canvas.height = 400;
    const ctx = canvas.getContext('2d');
    if (!ctx) return '';
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(node as HTMLImageElement, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  });
  if (!png) return null;
  const image = PNG.sync.read(Buffer.from(png.slice(png.indexOf(',') + 1), 'base64'));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** Images in a PDF (`pdfimages -list`): WeChat codes are embedded images, the plain QR is vector paths. */
function pdfImageCount(file: string): number {
  const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return list
    .split('\n')
    .slice(2)
    .filter((line) => line.trim()).length;
}

describe('manager console: engineers & WeChat, WeChat settings, WeChat-code labels', () => {
  let server: RunningServer;
  let desk: Desktop;
  let zhang: number;
  let li: number;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    desk = await openDesktop();
    fs.rmSync(DIR, { recursive: true, force: true });
    zhang = await engineerId(server.baseUrl, 'engineer1');
    li = await engineerId(server.baseUrl, 'engineer2');
  });

  afterAll(async () => {
    await desk?.close();
    await server?.stop();
  });

  const row = (p: Page, id: number) => on(p, `.staff-row[data-id="${id}"]`);

  it('flags an engineer out of WeChat credit, invites another with a QR, shows them linked once it is scanned, and unlinks a lost phone', async () => {
    const shot = shooter(SUITE);
    const p = desk.page;
    // 张工 linked their WeChat earlier and never tapped "notify me": nothing can reach them.
    await bindWechatByInvite(server.baseUrl, await engineerInvite(server.baseUrl, 'engineer1'), 'e2e-phone-zhang');

    await consoleSignIn(p, server.baseUrl, 'admin');
    await on(p, '#dash-cards').waitFor(); // the console lands on the dashboard
    await on(p, '#nav-assets').click();
    await on(p, '#asset-table').waitFor();
    await on(p, '#nav-engineers').click();
    await on(p, '#staff-table').waitFor();
    await waitForAttr(row(p, zhang), 'data-state', 'no_credit');
    await waitForText(row(p, zhang).locator('.staff-row__no-credit'), '次数已用完');
    await waitForText(row(p, zhang).locator('.staff-row__note'), '接收通知');
    expect(await row(p, zhang).locator('.staff-credit[data-credits="0"]').count()).toBe(3);
    await waitForAttr(on(p, '#staff-counts'), 'data-no-credit', '1');
    await waitForAttr(row(p, li), 'data-state', 'unbound');
    await waitForText(on(p, '#staff-intro'), '一次性');
    await shot(p, 'engineers');

    // "No credit only" leaves just the people messages cannot reach.
    await on(p, '#staff-no-credit').check();
    await waitForCount(on(p, '.staff-row'), 1);
    await waitForAttr(on(p, '.staff-row'), 'data-id', String(zhang));
    await shot(p, 'engineers-no-credit');
    await on(p, '#staff-no-credit').uncheck();
    await waitForCount(on(p, '.staff-row'), 5); // the demo's admin, dispatcher and three engineers

    // An invite for 李工: a QR in a dialog, single use, with its expiry.
    const before = Date.now();
    await row(p, li).locator('.staff-row__invite').click();
    await on(p, '#invite-qr').waitFor();
    const src = (await on(p, '#invite-qr').getAttribute('src')) ?? '';
    expect(src.startsWith('data:image/svg+xml')).toBe(true);
    expect(decodeURIComponent(src.slice(src.indexOf(',') + 1))).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    await eventually(async () => {
      const width = await on(p, '#invite-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth);
      if (!width) throw new Error('invite QR not drawn yet');
    });
    const inviteUrl = (await on(p, '#invite').getAttribute('data-url')) ?? '';
    expect(inviteUrl).toMatch(/\/pages\/engineer\/login\/index\?invite=[\w-]{20,64}$/);
    expect(await readQr(p, '#invite-qr')).toBe(inviteUrl);
    const expires = Date.parse((await on(p, '#invite').getAttribute('data-expires')) ?? '');
    expect(expires - before).toBeGreaterThan(23.9 * 3_600_000);
    expect(expires - before).toBeLessThan(24.1 * 3_600_000);
    await waitForText(on(p, '#invite-expiry'), '仅能使用一次');
    await waitForText(on(p, '#invite-url'), inviteUrl);
    await shot(p, 'invite-dialog');

    // 李工 scans it in WeChat; closing the dialog shows them linked (and, with no subscription yet, out of credit).
    const liToken = await bindWechatByInvite(server.baseUrl, inviteUrl, 'e2e-phone-li');
    await on(p, '#invite-done').click();
    await on(p, '#invite-dialog').waitFor({ state: 'detached' });
    await waitForAttr(row(p, li), 'data-bound', 'true');
    await waitForText(row(p, li).locator('.staff-row__bound'), '已绑定');
    await waitForAttr(row(p, li), 'data-state', 'no_credit');
    // The same invite cannot link a second WeChat.
    await expect(bindWechatByInvite(server.baseUrl, inviteUrl, 'e2e-phone-other')).rejects.toThrow(/INVITE_USED/);

    // 李工 taps "notify me" in the mini-program: the flag clears.
    await subscribeStaffToAll(server.baseUrl, liToken);
    await on(p, '#staff-refresh').click();
    await waitForAttr(row(p, li), 'data-state', 'ok');
    await waitForAttr(on(p, '#staff-counts'), 'data-no-credit', '1');
    await shot(p, 'engineers-linked');

    await on(p, '#lang-switch').click();
    await waitForText(on(p, '#console-title'), 'Engineers & WeChat');
    await waitForText(row(p, zhang).locator('.staff-row__no-credit'), 'No credit left');
    await shot(p, 'engineers-en');
    await on(p, '#lang-switch').click();
    await waitForText(on(p, '#console-title'), '工程师与微信');

    // 张工 lost their phone: unlinked after a confirmation, they are back to "not linked".
    await row(p, zhang).locator('.staff-row__unbind').click();
    await on(p, '.taro-model__confirm').click();
    await waitForAttr(row(p, zhang), 'data-bound', 'false');
    await waitForAttr(row(p, zhang), 'data-state', 'unbound');
    await waitForAttr(on(p, '#staff-counts'), 'data-no-credit', '0');
  });

  it('shows a dispatcher the list without admin actions, and a refused invite as a clear message', async () => {
    const shot = shooter(`${SUITE}-dispatcher`);
    const p = desk.page;
    await on(p, '#console-sign-out').click();
    await consoleSignIn(p, server.baseUrl, 'dispatcher');
    await on(p, '#dash-cards').waitFor(); // the console lands on the dashboard
    await on(p, '#nav-assets').click();
    await on(p, '#asset-table').waitFor();
    await on(p, '#nav-engineers').click();
    await on(p, '#staff-table').waitFor();
    await waitForAttr(row(p, li), 'data-state', 'ok');
    await waitForAttr(row(p, zhang), 'data-state', 'unbound');
    await on(p, '#staff-admin-only').waitFor();
    expect(await on(p, '.staff-row__invite').count()).toBe(0);
    expect(await on(p, '.staff-row__unbind').count()).toBe(0);
    await shot(p, 'engineers-dispatcher');
    // The WeChat settings: not in a dispatcher's menu; opened by URL, readable, not editable.
    expect(await on(p, '#nav-settings').count()).toBe(0);
    await p.goto(`${server.baseUrl}/pages/manager/settings/index`);
    await waitForAttr(on(p, '#settings-mode'), 'data-mode', 'standin');
    await on(p, '#settings-read-only').waitFor();
    expect(await on(p, '#settings-save').count()).toBe(0);
    expect(await on(p, '#kind-ticket_closed-id').isDisabled()).toBe(true);
    await on(p, '#nav-engineers').click();
    await on(p, '#staff-table').waitFor();

    // A session that still says "admin" (say, demoted meanwhile): the server's 403 is shown in the dialog.
    await p.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('bx.session') ?? '{}') as { data: { user: { role: string } } };
      stored.data.user.role = 'admin';
      localStorage.setItem('bx.session', JSON.stringify(stored));
    });
    await p.reload();
    await on(p, '#staff-table').waitFor();
    await row(p, li).locator('.staff-row__invite').click();
    await waitForAttr(on(p, '#invite-error'), 'data-code', 'FORBIDDEN');
    await waitForText(on(p, '#invite-error'), '没有权限');
    expect(await on(p, '#invite-qr').count()).toBe(0);
    await shot(p, 'invite-forbidden');
    await on(p, '#invite-done').click();
    await on(p, '#staff-table').waitFor();
    await on(p, '#console-sign-out').click();
  });

  it('edits a template id and a field in the WeChat settings, refusing a bad id and keeping the text when saving fails', async () => {
    const shot = shooter(`${SUITE}-settings`);
    const p = desk.page;
    await consoleSignIn(p, server.baseUrl, 'admin');
    await on(p, '#dash-cards').waitFor(); // the console lands on the dashboard
    await on(p, '#nav-assets').click();
    await on(p, '#asset-table').waitFor();
    await on(p, '#nav-settings').click();
    await waitForAttr(on(p, '#settings-mode'), 'data-mode', 'standin');
    const closedId = on(p, '#kind-ticket_closed-id');
    expect(await closedId.inputValue()).toBe('demo-ticket-closed');
    await shot(p, 'settings');

    // Checked before sending, next to the field.
    await closedId.fill('bad id!');
    await on(p, '#settings-save').click();
    await waitForText(on(p, '#kind-ticket_closed-id-error'), '模板 ID');
    await on(p, '#settings-error').waitFor();
    expect(await closedId.inputValue()).toBe('bad id!');
    await shot(p, 'settings-invalid');

    await closedId.fill('e2e-closed-0001');
    await on(p, '#kind-job_offered-add').click();
    const added = on(p, '#kind-job_offered .kind__row').last();
    await added.locator('.kind__key').fill('thing9');
    await added.locator('.kind__source').selectOption('siteName');

    // The connection drops: an error, and everything typed is still there.
    await p.route('**/api/settings/wechat', (route) => (route.request().method() === 'PUT' ? route.abort() : route.continue()));
    await on(p, '#settings-save').click();
    await on(p, '#settings-error').waitFor();
    expect(await closedId.inputValue()).toBe('e2e-closed-0001');
    expect(await added.locator('.kind__key').inputValue()).toBe('thing9');
    await p.unroute('**/api/settings/wechat');

    await on(p, '#settings-save').click();
    await waitForAttr(on(p, '#settings-form'), 'data-dirty', 'false');
    expect(await on(p, '#settings-error').count()).toBe(0);

    await p.reload();
    await waitForAttr(on(p, '#settings-mode'), 'data-mode', 'standin');
    expect(await on(p, '#kind-ticket_closed-id').inputValue()).toBe('e2e-closed-0001');
    const keys = await on(p, '#kind-job_offered .kind__key').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(keys).toContain('thing9');
    await shot(p, 'settings-saved');
    const saved = await wechatTemplates(server.baseUrl);
    expect(saved.find((t) => t.kind === 'ticket_closed')?.templateId).toBe('e2e-closed-0001');
    expect(saved.find((t) => t.kind === 'job_offered')?.fields.thing9).toBe('siteName');
  });

  it('prints WeChat mini-program codes instead of the plain QR, one image per label', async () => {
    const shot = shooter(`${SUITE}-labels`);
    const p = desk.page;
    const total = await assetCount(server.baseUrl);
    await on(p, '#nav-labels').click();
    await on(p, '#labels-layout').waitFor();
    await on(p, '#source-all').check();
    await on(p, '#labels-layout').selectOption('a4-2x5');
    expect(await on(p, '#code-qr').isChecked()).toBe(true);
    await on(p, '#code-wxacode').check();
    await waitForText(on(p, '#labels-code-hint'), '只能用微信扫描');
    expect(await on(p, '#labels-code-hint').getAttribute('class')).toContain('notice');

    await on(p, '#labels-preview').click();
    await waitForAttr(on(p, '#sheet-preview'), 'data-state', 'done', 60_000);
    const pages = Math.ceil(total / 10);
    await waitForAttr(on(p, '#sheet-preview'), 'data-pages', String(pages));
    await waitForAttr(on(p, '#sheet-preview'), 'data-labels', String(total));
    await shot(p, 'labels-wxacode');
    const pdf = await downloadBy(p, '#labels-download', path.join(DIR, 'wxacode'));
    expect(fs.readFileSync(pdf.file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf.file)).toBe(pages);
    expect(pdfImageCount(pdf.file)).toBeGreaterThanOrEqual(total);
  });
});
