import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { openBrowser, type Phone } from './browser';

export type Desktop = Phone;

/** A desktop-sized browser (the manager console's screen); downloads are accepted. */
export function openDesktop(): Promise<Desktop> {
  return openBrowser({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
}

/** Clicks something that makes the page save a file, and keeps that file under `dir`. */
export async function downloadBy(page: Page, selector: string, dir: string): Promise<{ file: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).filter({ visible: true }).click()]);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return { file, download };
}
