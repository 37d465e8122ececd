import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
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

/** Taro keeps pages under the one shown (display: none), so ids repeat: act on the visible one. */
export const on = (page: Page, selector: string): Locator => page.locator(selector).filter({ visible: true });

/** The console's own sign-in page, as a demo user. */
export async function consoleSignIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/pages/manager/login/index`);
  await on(page, '#cl-tenant').fill('demo');
  await on(page, '#cl-username').fill(username);
  await on(page, '#cl-password').fill('demo123');
  await on(page, '#cl-submit').click();
}

/** The page count of a PDF, as poppler's `pdfinfo` reads it. */
export function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const match = /^Pages:\s+(\d+)/m.exec(info);
  if (!match) throw new Error(`pdfinfo said no page count:\n${info}`);
  return Number(match[1]);
}
