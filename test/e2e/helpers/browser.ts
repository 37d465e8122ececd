import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { BrowserContextOptions } from 'playwright-core';
import { REPO_ROOT } from './server';

export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Phone {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** Debian's Chromium with a fresh profile of its own, so each person (reporter, engineer, manager) has their own storage. */
export async function openBrowser(options: BrowserContextOptions): Promise<Phone> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'baoxiu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** A phone-sized browser: the reporter's and the engineer's screen. */
export function openPhone(extra: { acceptDownloads?: boolean } = {}): Promise<Phone> {
  return openBrowser({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, ...extra });
}

/** Screenshots go to the git-ignored test-artifacts/<suite>/NN-step.png. */
export function shooter(suite: string): (page: Page, step: string) => Promise<void> {
  const dir = path.join(ARTIFACTS, suite);
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, step) => {
    n += 1;
    // Let Taro's page transition finish, or the previous page shows in the capture.
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, '0')}-${step}.png`), fullPage: true });
  };
}

/** Two real photos to upload: PNG screenshots of the page itself (the server checks magic bytes). */
export async function makePhotos(page: Page, count: number): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baoxiu-photos-'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `photo-${i + 1}.png`);
    await page.screenshot({ path: file, clip: { x: 0, y: i * 100, width: 300, height: 200 } });
    files.push(file);
  }
  return files;
}

/** Taro H5 inputs are web components wrapping a native element. */
export async function fill(page: Page, id: string, value: string, tag: 'input' | 'textarea' = 'input'): Promise<void> {
  await page.locator(`#${id} ${tag}`).fill(value);
}
