import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ARTIFACTS, fill, openPhone, shooter } from './helpers/browser';
import { consoleSignIn, downloadBy, on, openDesktop, type Desktop } from './helpers/desktop';
import { fileTicket, findOfferedEngineer, firstAssetCode, login } from './helpers/api';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { eventually, waitForAttr, waitForText } from './helpers/wait';

const DIR = path.join(ARTIFACTS, 'console-dashboard');

interface KpiTotals {
  totals: { volume: number; mttr: { avgSeconds: number | null }; csat: { distribution: number[] } };
  now: { openBacklog: number; awaitingDispatcher: number };
  groups: Array<{ key: string | number | null; kpis: { volume: number; declines: number } }>;
}

async function kpis(baseUrl: string, query: string): Promise<KpiTotals> {
  const token = await login(baseUrl, 'admin');
  const res = await fetch(`${baseUrl}/api/reports/kpis?${query}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`kpis → ${res.status}`);
  return (await res.json()) as KpiTotals;
}

const navIds = (p: Page) => on(p, '.console__nav').evaluateAll((els) => els.map((e) => e.id));

describe('dashboard, staff and settings in the console', () => {
  let server: RunningServer;
  let desk: Desktop;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    desk = await openDesktop();
    for (const suite of ['console-dashboard', 'console-staff', 'console-tenant', 'console-dispatcher']) {
      fs.rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
    }
    // Something to count: three requests today, one accepted by the engineer it was offered to.
    const { code } = await firstAssetCode(server.baseUrl);
    const tickets = [];
    for (let i = 0; i < 3; i += 1) tickets.push(await fileTicket(server.baseUrl, code, `看板 e2e 故障 ${i}`));
    const engineer = await findOfferedEngineer(server.baseUrl, tickets[0].number);
    const token = await login(server.baseUrl, engineer);
    const res = await fetch(`${server.baseUrl}/api/engineer/jobs/${tickets[0].number}/accept`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  afterAll(async () => {
    await desk?.close();
    await server?.stop();
  });

  it("lands on the dashboard, draws its charts with the API's numbers, and exports the period", async () => {
    const shot = shooter('console-dashboard');
    const p = desk.page;
    await consoleSignIn(p, server.baseUrl, 'admin');
    await on(p, '#dash-cards').waitFor();
    const zone = on(p, '#dash-zone');
    await waitForText(zone, 'Asia/Shanghai');
    const from = await zone.getAttribute('data-from');
    const to = await zone.getAttribute('data-to');
    const api = await kpis(server.baseUrl, `from=${from}&to=${to}`);
    expect(await on(p, '#kpi-volume').getAttribute('data-raw')).toBe(String(api.totals.volume));
    expect(await on(p, '#kpi-backlog').getAttribute('data-raw')).toBe(String(api.now.openBacklog));
    expect(await on(p, '#kpi-awaiting').getAttribute('data-raw')).toBe(String(api.now.awaitingDispatcher));
    expect(await on(p, '#kpi-mttr').getAttribute('data-raw')).toBe(
      api.totals.mttr.avgSeconds === null ? '' : String(api.totals.mttr.avgSeconds),
    );
    for (const id of ['chart-volume', 'chart-trend', 'chart-site', 'chart-category', 'chart-csat']) {
      await on(p, `#${id} canvas`).first().waitFor();
    }
    const byDay = await kpis(server.baseUrl, `from=${from}&to=${to}&groupBy=day`);
    const volumeSeries = JSON.parse((await on(p, '#chart-volume').getAttribute('data-series')) ?? '[]') as Array<{ values: number[] }>;
    expect(volumeSeries[0].values).toEqual(byDay.groups.map((g) => g.kpis.volume));
    const csatSeries = JSON.parse((await on(p, '#chart-csat').getAttribute('data-series')) ?? '[]') as Array<{ values: number[] }>;
    expect(csatSeries[0].values).toEqual(api.totals.csat.distribution);
    const byEngineer = await kpis(server.baseUrl, `from=${from}&to=${to}&groupBy=engineer`);
    const rows = await on(p, '.dash-score-row').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-jobs'), e.getAttribute('data-declines')]),
    );
    expect(rows).toEqual(byEngineer.groups.map((g) => [String(g.kpis.volume), String(g.kpis.declines)]));
    expect(api.totals.volume).toBeGreaterThanOrEqual(3);
    // The console scrolls inside its frame: a tall window shows every chart in one picture.
    await p.setViewportSize({ width: 1440, height: 2200 });
    await shot(p, 'dashboard');
    await p.setViewportSize({ width: 1440, height: 900 });

    // Another period: today only.
    await on(p, '#dash-preset-today').click();
    await eventually(
      async () => (await zone.getAttribute('data-from')) === (await zone.getAttribute('data-to')),
      10_000,
      'the today period',
    );
    const exported = await downloadBy(p, '#dash-export', DIR);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(fs.readFileSync(exported.file)).buffer);
    expect(book.worksheets.map((w) => w.name)).toContain('工程师 Engineers');

    // A custom period the API would refuse is said so, and nothing is asked for.
    await on(p, '#dash-preset-custom').click();
    await on(p, '#dash-from').fill('2026-03-10');
    await on(p, '#dash-to').fill('2026-03-01');
    await on(p, '#dash-apply').click();
    await on(p, '#dash-range-error').waitFor();
  });

  it('creates an engineer in the staff page who then signs in on the phone; a taken username is said so', async () => {
    const shot = shooter('console-staff');
    const p = desk.page;
    await on(p, '#nav-staff').click();
    await on(p, '#staff-admin-table').waitFor();
    await on(p, '#staff-roles').waitFor();
    await shot(p, 'staff-list');
    const username = `e2e-eng-${Date.now().toString(36)}`;
    await on(p, '#staff-new').click();
    await on(p, '#staff-username').fill(username);
    await on(p, '#staff-name').fill('端到端 工程师');
    await on(p, '#staff-password').fill('123');
    await on(p, '#staff-dialog-save').click();
    await on(p, '#staff-dialog .field__error').first().waitFor(); // refused before sending: too short
    await on(p, '#staff-password').fill('e2e-pass-1');
    await on(p, '#staff-skills').fill('空调，电梯');
    await shot(p, 'staff-new');
    await on(p, '#staff-dialog-save').click();
    await on(p, `.staff-admin-row[data-username="${username}"]`).waitFor();
    await waitForAttr(on(p, `.staff-admin-row[data-username="${username}"]`), 'data-on-duty', 'true');

    await on(p, '#staff-new').click();
    await on(p, '#staff-username').fill(username);
    await on(p, '#staff-name').fill('重名');
    await on(p, '#staff-password').fill('e2e-pass-2');
    await on(p, '#staff-dialog-save').click();
    await waitForText(on(p, '#staff-dialog .field__error'), '已被占用');
    await shot(p, 'staff-taken');
    await on(p, '#staff-dialog-cancel').click();

    const phone = await openPhone();
    try {
      const e = phone.page;
      await e.goto(`${server.baseUrl}/pages/engineer/login/index`);
      await fill(e, 'login-tenant', 'demo');
      await fill(e, 'login-username', username);
      await fill(e, 'login-password', 'e2e-pass-1');
      await e.locator('#login-submit').click();
      await e.locator('#sign-out').waitFor();
      expect(e.url()).toContain('/pages/engineer/jobs/index');
      await shooter('console-staff')(e, 'engineer-signed-in');
    } finally {
      await phone.close();
    }
  });

  it('warns that a localhost PUBLIC_BASE_URL cannot be scanned, and saves the dispatch settings', async () => {
    const shot = shooter('console-tenant');
    const p = desk.page;
    await on(p, '#nav-tenant').click();
    await waitForAttr(on(p, '#public-url-notice'), 'data-reach', 'loopback');
    await waitForText(on(p, '#public-url-notice'), 'localhost');
    await on(p, '#tenant-timeout').fill('5');
    await on(p, '#tenant-save').click();
    await on(p, '#tenant-form .field__error').waitFor();
    await shot(p, 'tenant-error');
    await on(p, '#tenant-timeout').fill('600');
    await on(p, '#mode-pool').check();
    await on(p, '#tenant-save').click();
    await eventually(
      async () => {
        const token = await login(server.baseUrl, 'admin');
        const res = await fetch(`${server.baseUrl}/api/settings`, { headers: { Authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { settings: { offerTimeoutSeconds: number; dispatchMode: string } };
        return body.settings.offerTimeoutSeconds === 600 && body.settings.dispatchMode === 'pool';
      },
      10_000,
      'the saved settings',
    );
    await shot(p, 'tenant');
    // The labels page says it too, before anything is printed.
    await on(p, '#nav-labels').click();
    await waitForAttr(on(p, '#labels-url-notice'), 'data-reach', 'loopback');
  });

  it('gives a dispatcher a menu without the admin pages', async () => {
    const other = await openDesktop();
    try {
      const p = other.page;
      await consoleSignIn(p, server.baseUrl, 'dispatcher');
      await on(p, '#dash-cards').waitFor();
      const ids = await navIds(p);
      expect(ids).toContain('nav-dashboard');
      expect(ids).toContain('nav-assets');
      for (const admin of ['nav-staff', 'nav-tenant', 'nav-settings']) expect(ids).not.toContain(admin);
      await shooter('console-dispatcher')(p, 'dispatcher-dashboard');
      // Typed in by URL: the page says it is for admins and shows nothing of it.
      await p.goto(`${server.baseUrl}/pages/manager/staff/index`);
      await on(p, '#console-admin-only').waitFor();
      expect(await on(p, '#staff-admin-table').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("keeps ECharts out of the reporter's QR landing, whose first-load JS stays under 300 KB gzip", async () => {
    const phone = await openPhone();
    try {
      const { code } = await firstAssetCode(server.baseUrl);
      const scripts: Array<Promise<{ url: string; gzip: number; echarts: boolean }>> = [];
      phone.page.on('response', (res) => {
        if (res.request().resourceType() !== 'script' || res.status() !== 200) return;
        scripts.push(
          res.body().then((b) => ({ url: res.url(), gzip: gzipSync(b).length, echarts: b.includes('zrender') || b.includes('echarts') })),
        );
      });
      await phone.page.goto(`${server.baseUrl}/r/${code}`, { waitUntil: 'networkidle' });
      const loaded = await Promise.all(scripts);
      expect(loaded.filter((s) => s.echarts).map((s) => s.url)).toEqual([]);
      expect(loaded.reduce((n, s) => n + s.gzip, 0)).toBeLessThanOrEqual(300 * 1024);
    } finally {
      await phone.close();
    }
  });
});
