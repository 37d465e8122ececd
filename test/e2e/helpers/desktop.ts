import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Download, type Page } from 'playwright-core';

export interface Desktop {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** A desktop-sized Chromium (the manager console's screen) with its own profile; downloads are accepted. */
export async function openDesktop(): Promise<Desktop> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'baoxiu-desktop-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** Clicks something that makes the page save a file, and keeps that file under `dir`. */
export async function downloadBy(page: Page, selector: string, dir: string): Promise<{ file: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).filter({ visible: true }).click()]);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return { file, download };
}
