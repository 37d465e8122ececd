import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ARTIFACTS, shooter } from './helpers/browser';
import { consoleSignIn, downloadBy, on, openDesktop, type Desktop } from './helpers/desktop';
import { call, engineerId, fileTicket, firstAssetCode, login } from './helpers/api';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForAttr } from './helpers/wait';

const DIR = path.join(ARTIFACTS, 'desk');
const MARKER = 'E2E-DESK';

describe("the dispatcher's ticket desk in a desktop browser", () => {
  let server: RunningServer;
  let desk: Desktop;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    desk = await openDesktop();
    fs.rmSync(DIR, { recursive: true, force: true });
  });
  afterAll(async () => {
    await desk?.close();
    await server?.stop();
  });

  it('shows an escalated ticket live within 2 s, assigns it, sees the acceptance live, and exports the filtered list to XLSX', async () => {
    const shot = shooter('desk');
    const p = desk.page;
    const base = server.baseUrl;
    // Manual dispatch: every new ticket goes straight to the dispatcher (待派单).
    await call(base, await login(base, 'admin'), 'PATCH', '/api/settings', { dispatchMode: 'manual' });
    const asset = await firstAssetCode(base);

    await consoleSignIn(p, base, 'dispatcher');
    await on(p, '#nav-tickets').click();
    await on(p, '#desk-groups').waitFor();
    await waitForAttr(on(p, '#desk-live'), 'data-state', 'live');
    await shot(p, 'desk-empty');

    const filedAt = Date.now();
    const first = await fileTicket(base, asset.code, `${MARKER} 空调漏水，滴到工位上`);
    const row = on(p, `#desk-table tr[data-number="${first.number}"]`);
    await row.waitFor({ timeout: 5_000 });
    const seenAfter = Date.now() - filedAt;
    expect(seenAfter).toBeLessThanOrEqual(2_000);
    await waitForAttr(on(p, '#group-awaiting_dispatcher'), 'data-count', '1');
    await shot(p, 'desk-escalated');

    // Detail: assign to engineer1 through the picker.
    await row.click();
    await on(p, '#ticket-detail').waitFor();
    await waitForAttr(on(p, '#ticket-detail'), 'data-group', 'awaiting_dispatcher');
    await shot(p, 'detail');
    await on(p, '#action-assign').click();
    await on(p, '#assign-choices').waitFor();
    await shot(p, 'assign-picker');
    const id = await engineerId(base, 'engineer1');
    await on(p, `#assign-${id}`).click();
    await waitForAttr(on(p, '#ticket-detail'), 'data-status', 'offered');

    // The engineer accepts on the phone; the open detail page hears it without a reload.
    await call(base, await login(base, 'engineer1'), 'POST', `/api/engineer/jobs/${first.number}/accept`);
    await waitForAttr(on(p, '#ticket-detail'), 'data-status', 'accepted', 5_000);
    await on(p, '#ticket-offers tr[data-status="accepted"]').filter({ hasText: '已接单' }).waitFor();
    await shot(p, 'detail-accepted');

    // Back on the desk: the in-progress group counts it, live too.
    await on(p, '#ticket-back').click();
    await waitForAttr(on(p, '#group-in_progress'), 'data-count', '1');

    // Two more, then the filtered export: exactly the marker's three tickets. The reporter of the second urges it (催单).
    const second = await fileTicket(base, asset.code, `${MARKER} 第二单`);
    const urge = await fetch(`${base}/api/public/tickets/${second.trackingToken}/urge`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(urge.status).toBe(200);
    await fileTicket(base, asset.code, `${MARKER} 第三单`);
    await fileTicket(base, asset.code, '与本次导出无关的报修');
    await waitForAttr(on(p, '#group-awaiting_dispatcher'), 'data-count', '3');
    await on(p, '#group-awaiting_dispatcher').click();
    await on(p, `#desk-table tr[data-number="${second.number}"][data-urged="1"] .desk-urged`)
      .filter({ hasText: '催单' })
      .waitFor({ timeout: 5_000 });
    await shot(p, 'desk-urged');
    await on(p, '#desk-q').fill(MARKER);
    await on(p, '#desk-search').click();
    await waitForAttr(on(p, '#group-awaiting_dispatcher'), 'data-count', '2');
    const { file } = await downloadBy(p, '#desk-export-xlsx', DIR);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('tickets');
    // The export is the filtered list across every group: the marker's three tickets (one in progress, two waiting).
    expect((sheet?.actualRowCount ?? 0) - 1).toBe(3);
    await on(p, '#desk-export-done').waitFor();
    await shot(p, 'desk-exported');

    // In English, the groups and columns say so too.
    await on(p, '#lang-switch').click();
    await on(p, '#group-awaiting_dispatcher').filter({ hasText: 'Awaiting dispatcher' }).waitFor();
    await shot(p, 'desk-english');
  });
});
