import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fileTicket, findOfferedEngineer, firstAssetCode, jobAction } from './helpers/api';
import { fill, makePhotos, openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForAttr, waitForCount, waitForText } from './helpers/wait';

async function choosePhotos(page: Page, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#photos-album').click();
  await (await chooser).setFiles(files);
}

/** A photo the engineer uploads with the fix, as their phone would. */
async function uploadAs(baseUrl: string, file: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)], { type: 'image/png' }), 'fix.png');
  const res = await fetch(`${baseUrl}/api/public/uploads`, { method: 'POST', body: form });
  if (res.status !== 201) throw new Error(`upload → ${res.status} ${await res.text()}`);
  return ((await res.json()) as { upload: { id: string } }).upload.id;
}

describe("the reporter's pages in a phone browser", () => {
  let server: RunningServer;
  let phone: Phone;
  let code: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baoxiu-files-'));

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    code = (await firstAssetCode(server.baseUrl)).code;
    phone = await openPhone();
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('paints the scanned device before the scripts run, then hands over to the page without asking for it again', async () => {
    const shot = shooter('reporter-landing-shell');
    const p = phone.page;
    const assetCalls: string[] = [];
    const onRequest = (req: { url(): string }) => {
      if (new URL(req.url()).pathname.startsWith('/api/public/assets/')) assetCalls.push(req.url());
    };
    p.on('request', onRequest);
    try {
      const html = await (await fetch(`${server.baseUrl}/r/${code}`)).text();
      expect(html).toContain('id="bx-landing"'); // the server drew the device into the page
      await p.goto(`${server.baseUrl}/r/${code}`);
      await waitForText(p.locator('#asset-name'), /\S/);
      await p.locator('#bx-landing').waitFor({ state: 'detached' });
      expect(await p.locator('#bx-scan').count()).toBe(0);
      expect(assetCalls).toEqual([]); // the embedded answer served the first load
      await shot(p, 'after-handover');
      // Pull-to-refresh or a reload asks the server as before.
      await p.reload();
      await waitForText(p.locator('#asset-name'), /\S/);
      await p.locator('#bx-landing').waitFor({ state: 'detached' });
    } finally {
      p.off('request', onRequest);
    }
  });

  it('answers an unknown code with a not-found page to type the code again, not a network error', async () => {
    const shot = shooter('reporter-not-found');
    const p = phone.page;
    await p.goto(`${server.baseUrl}/r/ZZZZ9999ZZZZ`);
    await waitForAttr(p.locator('#not-found'), 'data-what', 'notFoundAsset');
    expect(await p.locator('#page-error').count()).toBe(0);
    expect(await p.locator('#not-found').textContent()).not.toMatch(/网络|重试/);
    await shot(p, 'unknown-code');
    await fill(p, 'not-found-code', code);
    await p.locator('#not-found-go').click();
    await waitForText(p.locator('#asset-name'), /\S/);
  });

  it('answers an unknown path with a not-found page that leads home', async () => {
    const shot = shooter('reporter-not-found');
    const p = phone.page;
    await p.goto(`${server.baseUrl}/no/such/page`);
    await waitForAttr(p.locator('#not-found'), 'data-what', 'notFoundPage');
    await waitForText(p.locator('#not-found'), '/no/such/page');
    await shot(p, 'unknown-path');
    await p.locator('#not-found-home').click();
    await p.locator('#code-input').waitFor();
    expect(await p.locator('#not-found').count()).toBe(0);
  });

  it('names a non-image photo, refuses an oversized one before sending it, and drops a stale photo error', async () => {
    const shot = shooter('reporter-photos');
    const p = phone.page;
    await p.goto(`${server.baseUrl}/r/${code}`);
    await p.locator('#report-new').click();
    await p.locator('#description textarea').waitFor();
    await fill(p, 'description', '打印机卡纸 (e2e photos)', 'textarea');
    await fill(p, 'contact-phone', '13800138000');

    const fake = path.join(dir, 'not-a-photo.jpg');
    fs.writeFileSync(fake, 'this is a text file renamed to .jpg\n'.repeat(20));
    // A real PNG padded past 10 MB after its end chunk: the browser still decodes it, the size is what is wrong.
    const [small] = await makePhotos(p, 1);
    const huge = path.join(dir, 'huge.png');
    fs.writeFileSync(huge, Buffer.concat([fs.readFileSync(small), Buffer.alloc(11 * 1024 * 1024)]));
    let uploads = 0;
    p.on('request', (req) => {
      if (req.url().includes('/api/public/uploads') && req.method() === 'POST') uploads += 1;
    });
    await choosePhotos(p, [fake]);
    await waitForText(p.locator('#photos-message'), '不是图片');
    await choosePhotos(p, [huge]);
    await waitForText(p.locator('#photos-message'), '10 MB');
    expect(uploads).toBe(0); // neither file left the phone
    await p.locator('#submit').click();
    await waitForText(p.locator('#photos-error'), /\S/);
    await shot(p, 'bad-photos');

    // Replace them with a real photo: the messages go.
    await p.locator('.photo-picker__item[data-status="rejected"] .photo-picker__remove').click();
    await choosePhotos(p, await makePhotos(p, 1));
    await waitForCount(p.locator('.photo-picker__item[data-status="done"]'), 1);
    await waitForCount(p.locator('#photos-message'), 0);
    await waitForCount(p.locator('#photos-error'), 0);
    await shot(p, 'photo-replaced');
  });

  it('follows the repair by itself, explains 待派单, urges once, and shows the after-repair photos', async () => {
    const shot = shooter('reporter-tracking');
    const p = phone.page;
    const t = await fileTicket(server.baseUrl, code, '门禁刷卡没反应 (e2e tracking)');
    await p.goto(`${server.baseUrl}/pages/reporter/track/index?token=${t.trackingToken}`);
    await p.locator('#ticket-status').waitFor();
    await waitForText(p.locator('#status-hint'), /\S/);
    await shot(p, 'tracking-open');

    await p.locator('#urge-button').click();
    await waitForText(p.locator('#urge-hint'), '再次催单');
    await waitForText(p.locator('#timeline'), '催单');
    await shot(p, 'urged');

    const engineer = await findOfferedEngineer(server.baseUrl, t.number);
    await jobAction(server.baseUrl, engineer, t.number, 'accept');
    // No reload: the open page picks the change up by itself.
    await waitForAttr(p.locator('#ticket-status'), 'data-status', 'accepted', 25_000);
    await jobAction(server.baseUrl, engineer, t.number, 'arrive');
    const [photo] = await makePhotos(p, 1);
    await jobAction(server.baseUrl, engineer, t.number, 'resolve', {
      notes: '更换读卡器',
      photoIds: [await uploadAs(server.baseUrl, photo)],
    });
    await waitForAttr(p.locator('#ticket-status'), 'data-status', 'resolved', 25_000);
    await waitForCount(p.locator('#resolution-photos .nut-image'), 1);
    expect(await p.locator('#urge').count()).toBe(0);

    await p.locator('#send-rating').click();
    await waitForText(p.locator('#rating-error'), '星');
    await shot(p, 'resolved-with-photos');
  });
});
