import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, shooter } from './helpers/browser';
import { consoleSignIn as signIn, downloadBy, on, openDesktop, pdfPages, type Desktop } from './helpers/desktop';
import { makeSheet, MARKER, SITES } from './helpers/import-sheet';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { eventually, waitForAttr, waitForCount, waitForText } from './helpers/wait';

const DIR = path.join(ARTIFACTS, 'console');
const VALID_ROWS = 26; // 24 labels fit an a4-3x8 page, so the selection needs two pages of labels

async function listTotal(page: Page, total: number): Promise<void> {
  await waitForAttr(on(page, '#asset-list'), 'data-loading', 'false');
  await waitForAttr(on(page, '#asset-list'), 'data-total', String(total));
}

describe('manager console in a desktop browser', () => {
  let server: RunningServer;
  let desk: Desktop;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    desk = await openDesktop();
    for (const suite of ['console', 'console-asset', 'console-refused'])
      fs.rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
  });

  afterAll(async () => {
    await desk?.close();
    await server?.stop();
  });

  it('imports a sheet (bad rows reported, re-import updates), selects the new assets and prints a two-page a4-3x8 PDF', async () => {
    const shot = shooter('console');
    const p = desk.page;

    await signIn(p, server.baseUrl, 'admin');
    await on(p, '#dash-cards').waitFor(); // the console lands on the dashboard
    await on(p, '#nav-assets').click();
    await on(p, '#asset-table').waitFor();
    await listTotal(p, 20); // the demo seed's assets
    await shot(p, 'assets');

    // Template: the CSV's header row is what the generated sheet uses; the XLSX is a real workbook (a zip).
    await on(p, '#nav-import').click();
    await on(p, '#template-csv').waitFor();
    const csvTemplate = await downloadBy(p, '#template-csv', DIR);
    const header = fs
      .readFileSync(csvTemplate.file, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0];
    expect(header).toMatch(/^名称 \/ name,站点 \/ site,/);
    const xlsxTemplate = await downloadBy(p, '#template-xlsx', DIR);
    expect(fs.readFileSync(xlsxTemplate.file).subarray(0, 2).toString()).toBe('PK');

    const sheet = makeSheet(header, VALID_ROWS);
    const sheetFile = path.join(DIR, 'assets-e2e.csv');
    fs.writeFileSync(sheetFile, `\uFEFF${sheet.csv}`);
    await p.locator('#import-file').setInputFiles(sheetFile);
    await waitForAttr(on(p, '#import-summary'), 'data-errors', String(sheet.errors.size));
    await waitForAttr(on(p, '#import-summary'), 'data-valid', String(VALID_ROWS));
    await waitForAttr(on(p, '#import-summary'), 'data-create', String(VALID_ROWS));
    // Exactly the bad lines are refused, each for its reason.
    const refused = await on(p, '.preview-row--error').evaluateAll((rows) =>
      rows.map((r) => [Number(r.getAttribute('data-line')), r.getAttribute('data-codes')] as const),
    );
    expect(new Map(refused)).toEqual(sheet.errors);
    await shot(p, 'import-preview');

    await on(p, '#import-commit').click();
    await waitForAttr(on(p, '#import-result'), 'data-created', String(VALID_ROWS));
    await shot(p, 'import-committed');

    // The same file again: every valid row now updates the asset it created (matched by serial).
    await p.locator('#import-file').setInputFiles([]); // as "choose another file" does: the same file must count as a new choice
    await p.locator('#import-file').setInputFiles(sheetFile);
    await waitForAttr(on(p, '#import-summary'), 'data-update', String(VALID_ROWS));
    await waitForAttr(on(p, '#import-summary'), 'data-create', '0');
    await on(p, '#import-commit').click();
    await waitForAttr(on(p, '#import-result'), 'data-updated', String(VALID_ROWS));
    await waitForAttr(on(p, '#import-result'), 'data-created', '0');

    // The list: the new assets, found by search, narrowed by site and warranty.
    await on(p, '#import-to-assets').click();
    await on(p, '#asset-table').waitFor();
    await on(p, '#filter-q').fill(MARKER);
    await on(p, '#filter-q').press('Enter');
    await listTotal(p, VALID_ROWS);
    const atFirstSite = sheet.valid.filter((r) => r.site === SITES[0]);
    await on(p, '#filter-site').selectOption({ label: SITES[0] });
    await listTotal(p, atFirstSite.length);
    await on(p, '#filter-warranty').selectOption('expired');
    const expired = atFirstSite.filter((r) => r.warrantyUntil === '2020-06-30').length;
    expect(expired).toBeGreaterThan(0);
    await listTotal(p, expired);
    await waitForCount(on(p, '.asset-row [data-warranty="expired"]'), expired);
    await shot(p, 'assets-filtered');
    await on(p, '#filter-site').selectOption('');
    await on(p, '#filter-warranty').selectOption('');
    await listTotal(p, VALID_ROWS);

    // Select across pages: 20 on page 1, the other 6 on page 2.
    await on(p, '#select-page').check();
    await waitForAttr(on(p, '#selection-count'), 'data-count', '20');
    await on(p, '#asset-pager-next').click();
    await waitForAttr(on(p, '#asset-pager-summary'), 'data-page', '2');
    await waitForCount(on(p, '.asset-row'), VALID_ROWS - 20);
    await on(p, '#select-page').check();
    await waitForAttr(on(p, '#selection-count'), 'data-count', String(VALID_ROWS));
    await shot(p, 'assets-selected');

    // Labels for the selection: preview page 1 of the very PDF, then download it.
    await on(p, '#print-selection').click();
    await on(p, '#labels-layout').waitFor();
    expect(await on(p, '#source-selection').isChecked()).toBe(true);
    await on(p, '#labels-layout').selectOption('a4-3x8');
    await on(p, '#labels-preview').click();
    await waitForAttr(on(p, '#sheet-preview'), 'data-state', 'done', 60_000);
    await waitForAttr(on(p, '#sheet-preview'), 'data-pages', '2');
    await waitForAttr(on(p, '#sheet-preview'), 'data-labels', String(VALID_ROWS));
    await shot(p, 'labels-preview');
    const pdf = await downloadBy(p, '#labels-download', DIR);
    expect(fs.readFileSync(pdf.file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf.file)).toBe(2);
  });

  it('shows an asset with its QR and history, reprints its label on a thermal layout, creates and edits an asset', async () => {
    const shot = shooter('console-asset');
    const p = desk.page;
    await on(p, '#nav-assets').click();
    await on(p, '#asset-table').waitFor();
    const first = on(p, '.asset-row').first();
    const code = (await first.getAttribute('data-code')) ?? '';
    await first.locator('.asset-row__name').click();
    await waitForText(on(p, '#fact-colCode'), code);
    await eventually(async () => {
      const width = await on(p, '#asset-qr-img').evaluate((img) => (img as HTMLImageElement).naturalWidth);
      if (!width) throw new Error('QR image not drawn yet');
    });
    await on(p, '#ticket-history #page-empty, #ticket-history .ticket-row').first().waitFor();
    await shot(p, 'asset-detail');

    await on(p, '#asset-reprint').click();
    await on(p, '#source-one').waitFor();
    expect(await on(p, '#source-one').isChecked()).toBe(true);
    await on(p, '#labels-layout').selectOption('thermal-50x30');
    await on(p, '#labels-preview').click();
    await waitForAttr(on(p, '#sheet-preview'), 'data-state', 'done', 60_000);
    await waitForAttr(on(p, '#sheet-preview'), 'data-pages', '1');
    await shot(p, 'reprint-preview');
    const pdf = await downloadBy(p, '#labels-download', path.join(DIR, 'reprint'));
    expect(pdfPages(pdf.file)).toBe(1);

    // A new asset with a custom field: a refused save and a lost connection keep what was typed.
    await on(p, '#nav-assets').click();
    await on(p, '#asset-new').click();
    await on(p, '#asset-siteId').selectOption({ label: SITES[1] });
    await on(p, '#asset-location').fill('B1 泵房');
    await on(p, '#asset-save').click();
    await waitForText(on(p, '#asset-form .field__error').first(), '名称');
    await on(p, '#asset-name').fill('E2E 生活水泵');
    await on(p, '#asset-category').fill('给排水');
    await on(p, '#asset-warrantyUntil').fill('2030-12-31');
    await on(p, '#custom-add').click();
    await on(p, '.custom-fields__key').fill('功率');
    await on(p, '.custom-fields__row select').first().selectOption('number');
    await on(p, '.custom-fields__value').fill('7.5');
    await p.route('**/api/assets', (route) => (route.request().method() === 'POST' ? route.abort() : route.continue()));
    await on(p, '#asset-save').click();
    await on(p, '#asset-form-error').waitFor();
    expect(await on(p, '#asset-name').inputValue()).toBe('E2E 生活水泵');
    await shot(p, 'asset-form-network-error');
    await p.unroute('**/api/assets');
    await on(p, '#asset-save').click();
    await waitForText(on(p, '#console-title'), 'E2E 生活水泵');
    await waitForText(on(p, '#asset-custom-fields'), '7.5');
    await shot(p, 'asset-created');
    await on(p, '#asset-edit').click();
    await on(p, '#asset-location').fill('B2 泵房');
    await on(p, '#asset-save').click();
    await waitForText(on(p, '#fact-colLocation'), 'B2 泵房');

    await on(p, '#nav-sites').click();
    await on(p, '#site-table').waitFor();
    await shot(p, 'sites');
    // English is one click away, like everywhere else in the app.
    await on(p, '#lang-switch').click();
    await waitForText(on(p, '#console-title'), 'Sites');
    await shot(p, 'sites-en');
    await on(p, '#lang-switch').click();
  });

  it('refuses an engineer account', async () => {
    const p = desk.page;
    await on(p, '#console-sign-out').click();
    await signIn(p, server.baseUrl, 'engineer1');
    await waitForText(on(p, '#cl-error'), '管理员或调度员');
    await shooter('console-refused')(p, 'engineer-refused');
  });
});
