import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ARTIFACTS, fill, openPhone, shooter, type Phone } from './helpers/browser';
import { call, chargeableTicketOnSite, trackedTicket } from './helpers/api';
import { downloadBy } from './helpers/desktop';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForAttr, waitForText } from './helpers/wait';

describe('the field-service money path in phone browsers', () => {
  let server: RunningServer;
  let reporter: Phone;
  let engineer: Phone;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    reporter = await openPhone({ acceptDownloads: true });
    engineer = await openPhone();
  });
  afterAll(async () => {
    await reporter?.close();
    await engineer?.close();
    await server?.stop();
  });

  it('engineer quotes, the reporter accepts on the tracking page, the engineer resolves with a drawn signature, the reporter downloads the report', async () => {
    const shot = shooter('field-service');
    const base = server.baseUrl;
    // The demo's first asset is out of warranty: a chargeable repair.
    const { filed, username, admin } = await chargeableTicketOnSite(base, '复印机卡纸，需要更换搓纸轮 (e2e field service)');
    await call<{ part: { id: number } }>(base, admin, 'POST', '/api/parts', {
      sku: `E2E-${Date.now().toString(36)}`.toUpperCase(),
      name: '搓纸轮',
      unit: '个',
      cost: 2_000,
      price: 4_500,
      minStock: 0,
    });

    // The engineer quotes on the phone: on-site minutes and the part found in the catalogue.
    const e = engineer.page;
    await e.goto(`${base}/pages/engineer/login/index`);
    await fill(e, 'login-tenant', 'demo');
    await fill(e, 'login-username', username);
    await fill(e, 'login-password', 'demo123');
    await e.locator('#login-submit').click();
    await e.locator('#jobs-offered, #page-empty').first().waitFor();
    await e.goto(`${base}/pages/engineer/job/index?number=${filed.number}`);
    await e.locator('#quote-send').waitFor();
    await fill(e, 'quote-minutes', '60');
    await fill(e, 'quote-part-search', '搓纸轮');
    await e.locator('#quote-part-find').click();
    await e.locator('.quote-part').first().click();
    await shot(e, 'engineer-quote');
    await e.locator('#quote-send').click();
    await waitForAttr(e.locator('#job-quote-status'), 'data-status', 'pending');

    // The reporter sees the quote on the tracking page and accepts it.
    const r = reporter.page;
    await r.goto(`${base}/pages/reporter/track/index?token=${filed.trackingToken}`);
    await waitForAttr(r.locator('#quote'), 'data-status', 'pending');
    await waitForText(r.locator('#quote-total'), /¥\d+\.\d{2}/);
    await shot(r, 'quote-to-confirm');
    await r.locator('#quote-accept').click();
    await waitForAttr(r.locator('#quote'), 'data-status', 'accepted');
    await shot(r, 'quote-accepted');

    // The engineer sees the answer, then resolves with the customer's signature drawn on the pad.
    await e.reload();
    await waitForAttr(e.locator('#job-quote-status'), 'data-status', 'accepted');
    await e.goto(`${base}/pages/engineer/resolve/index?number=${filed.number}`);
    await e.locator('#resolve-notes textarea').waitFor();
    await fill(e, 'resolve-notes', '更换搓纸轮，试印 20 页正常', 'textarea');
    const pad = e.locator('#signature-canvas');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('the signature pad has no box');
    await e.mouse.move(box.x + 20, box.y + box.height * 0.7);
    await e.mouse.down();
    for (let i = 1; i <= 12; i += 1) await e.mouse.move(box.x + 20 + i * 20, box.y + box.height * (0.7 - 0.4 * Math.sin(i / 2)));
    await e.mouse.up();
    await shot(e, 'signed');
    await e.locator('#send-resolve').click();
    const deadline = Date.now() + 20_000;
    let status = '';
    while (Date.now() < deadline && status !== 'resolved') {
      status = String((await trackedTicket(base, filed.trackingToken)).status);
      if (status !== 'resolved') await new Promise((r) => setTimeout(r, 250));
    }
    if (status !== 'resolved')
      throw new Error(
        `not resolved: ${await e
          .locator('#resolve-error')
          .textContent()
          .catch(() => 'no error shown')}`,
      );
    await shot(e, 'resolved');

    // The reporter downloads the service report: the fix, the total and the signature.
    await r.reload();
    await r.locator('#report-download').waitFor();
    await shot(r, 'report-link');
    const { file } = await downloadBy(r, '#report-download', path.join(ARTIFACTS, 'field-service'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(filed.number);
    expect(text).toContain('更换搓纸轮，试印 20 页正常');
    expect(text).toContain('签名');
    expect(text).not.toContain('未签名');
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(1);
  });
});
