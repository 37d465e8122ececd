import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { openBrowser, type Phone } from './browser';
import { ensureH5Build, startServer, type RunningServer } from './server';

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

/** The demo server and a desktop browser for one `describe`, started before its tests and closed after them. */
export function consoleSuite(): {
  readonly server: RunningServer;
  readonly desk: Desktop;
  /** Stops the server, runs `offline` on its data directory (to edit the stopped database), starts it again on the same data. */
  restart(offline: (dataDir: string) => void): Promise<void>;
} {
  let server: RunningServer | undefined;
  let desk: Desktop | undefined;
  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    desk = await openDesktop();
  });
  afterAll(async () => {
    await desk?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not started (used outside a test?)`);
    return value;
  };
  return {
    get server() {
      return started(server, 'the server');
    },
    get desk() {
      return started(desk, 'the desktop browser');
    },
    async restart(offline) {
      const running = started(server, 'the server');
      await running.stop();
      offline(running.dataDir);
      server = await startServer({ dataDir: running.dataDir });
    },
  };
}
