import { firstAssetCode, ticketsWith } from './helpers/api';
import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForText } from './helpers/wait';
import type { Page } from 'playwright-core';

async function openForm(page: Page, baseUrl: string, code: string): Promise<void> {
  await page.goto(`${baseUrl}/r/${code}`);
  await page.locator('#report-new').click();
  await page.locator('#description textarea').waitFor();
}

async function fillForm(page: Page, description: string): Promise<void> {
  await fill(page, 'description', description, 'textarea');
  await fill(page, 'contact-phone', '021-6888 1234');
}

describe('submitting a repair request from a flaky phone', () => {
  let server: RunningServer;
  let reporter: Phone;
  let code: string;
  const shot = shooter('submit-resilience');

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    code = (await firstAssetCode(server.baseUrl)).code;
    reporter = await openPhone();
  });

  afterAll(async () => {
    await reporter?.close();
    await server?.stop();
  });

  it('makes one ticket from a double tap on submit', async () => {
    const page = reporter.page;
    const marker = `double-tap-${Date.now()}`;
    await openForm(page, server.baseUrl, code);
    await fillForm(page, `灯一直闪 ${marker}`);
    await shot(page, 'double-tap-form');

    // Two taps in the same tick, before React can re-render the button as busy.
    await page.locator('#submit').evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });
    await waitForText(page.locator('#ticket-number'), /^BX-/);
    await shot(page, 'double-tap-submitted');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await ticketsWith(server.baseUrl, marker)).toHaveLength(1);
  });

  it('reuses the Idempotency-Key when the answer to a submit was lost, so the retry makes no second ticket', async () => {
    const page = reporter.page;
    const marker = `lost-answer-${Date.now()}`;
    await openForm(page, server.baseUrl, code);
    await fillForm(page, `水龙头漏水 ${marker}`);
    const keys: string[] = [];
    let dropped = false;
    await page.route('**/api/public/tickets', async (route) => {
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the server makes the ticket…
      await route.abort('connectionreset'); // …and the phone never hears back
    });
    await page.locator('#submit').click();
    await waitForText(page.locator('#submit-error'), /网络|network/i);
    await shot(page, 'lost-answer-error');
    await page.locator('#submit').click();
    await waitForText(page.locator('#ticket-number'), /^BX-/);
    await page.unroute('**/api/public/tickets');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await ticketsWith(server.baseUrl, marker)).toHaveLength(1);
  });

  it('keeps the form when the server is down and submits it once it is back', async () => {
    const page = reporter.page;
    const marker = `outage-${Date.now()}`;
    const description = `插座没电 ${marker}`;
    await openForm(page, server.baseUrl, code);
    await fillForm(page, description);

    const { port, dataDir } = server;
    await server.stop();
    await page.locator('#submit').click();
    await waitForText(page.locator('#submit-error'), /网络|network/i);
    await shot(page, 'server-down-error');
    expect(await page.locator('#description textarea').inputValue()).toBe(description);
    expect(await page.locator('#contact-phone input').inputValue()).toBe('021-6888 1234');

    server = await startServer({ port, dataDir });
    await page.locator('#submit').click();
    await waitForText(page.locator('#ticket-number'), /^BX-/);
    await shot(page, 'server-back-submitted');
    expect(await ticketsWith(server.baseUrl, marker)).toHaveLength(1);
  });
});
