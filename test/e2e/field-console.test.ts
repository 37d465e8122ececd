import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { call, chargeableTicketOnSite, engineerId, fileTicket, firstAssetCode, login, reporterAction, trackedTicket } from './helpers/api';
import { describeFindings, seriousViolations } from './helpers/axe';
import { consoleSignIn, on, openDesktop, type Desktop } from './helpers/desktop';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { eventually, waitForAttr, waitForText } from './helpers/wait';

describe('quotes from the console and parts picked by barcode on the resolve page', () => {
  let server: RunningServer;
  let desk: Desktop;
  let engineer: Phone;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    desk = await openDesktop();
    engineer = await openPhone();
  });
  afterAll(async () => {
    await desk?.close();
    await engineer?.close();
    await server?.stop();
  });

  it('the dispatcher quotes a chargeable ticket on its console page, sees it among the quotes awaiting approval; after the reporter accepts, the engineer picks the part by typed barcode and the resolve takes it from the van', async () => {
    const shot = shooter('field-console');
    const base = server.baseUrl;
    const { filed, username, admin } = await chargeableTicketOnSite(base, '打印机不进纸 (e2e console quote)');
    const tag = Date.now().toString(36).toUpperCase();
    const barcode = `69${Date.now()}`;
    const { part } = await call<{ part: { id: number; sku: string } }>(base, admin, 'POST', '/api/parts', {
      sku: `E2E-ROLL-${tag}`,
      name: '进纸轮',
      unit: '个',
      cost: 1_000,
      price: 2_500,
      minStock: 0,
      barcode,
    });
    const me = await engineerId(base, username);
    const { items } = await call<{ items: Array<{ id: number; kind: string; engineerId: number | null }> }>(
      base,
      admin,
      'GET',
      '/api/stock/locations',
    );
    const van = items.find((l) => l.kind === 'van' && l.engineerId === me);
    if (!van) throw new Error('the engineer has no van');
    await call(base, admin, 'POST', '/api/stock/movements', { partId: part.id, locationId: van.id, kind: 'receive', quantity: 2 });

    // The dispatcher quotes on the ticket's console page: labour minutes and the part found by its SKU.
    const d = desk.page;
    await consoleSignIn(d, base, 'dispatcher');
    await on(d, '#dash-cards').waitFor();
    await d.goto(`${base}/pages/manager/ticket/index?number=${filed.number}`);
    await on(d, '#quote-form').waitFor();
    await on(d, '#quote-minutes').fill('45');
    await on(d, '#quote-part-search').fill(part.sku);
    await on(d, '#quote-part-find').click();
    await on(d, `.quote-found[data-id="${part.id}"] .quote-found__add`).click();
    await on(d, `.quote-line[data-id="${part.id}"]`).waitFor();
    await on(d, '#quote-send').click();
    await waitForAttr(on(d, '#ticket-quote'), 'data-state', 'pending');
    await on(d, '.quote-version[data-version="1"]').waitFor();
    await shot(d, 'console-ticket-quote');

    // The quote is among those awaiting approval; its row links back to the ticket.
    await d.goto(`${base}/pages/manager/quotes/index`);
    const row = on(d, `.quote-row[data-number="${filed.number}"]`);
    await row.waitFor();
    expect(await row.locator('.quote-row__total').textContent()).toMatch(/¥\d+\.\d{2}/);
    await shot(d, 'console-quotes');

    await reporterAction(base, filed.trackingToken, 'quote/accept', { version: 1 });

    // The engineer types the part's barcode on the resolve page; the accepted quote and the van's stock are shown.
    const e = engineer.page;
    await e.goto(`${base}/pages/engineer/login/index`);
    await fill(e, 'login-tenant', 'demo');
    await fill(e, 'login-username', username);
    await fill(e, 'login-password', 'demo123');
    await e.locator('#login-submit').click();
    await e.locator('#jobs-offered, #page-empty').first().waitFor();
    await e.goto(`${base}/pages/engineer/resolve/index?number=${filed.number}`);
    await e.locator('#resolve-notes textarea').waitFor();
    await waitForAttr(e.locator('#resolve-quote'), 'data-version', '1');
    await fill(e, 'resolve-notes', '更换进纸轮，进纸正常', 'textarea');
    await fill(e, 'resolve-barcode', barcode);
    await e.locator('#resolve-barcode-add').click();
    await e.locator(`.resolve-part[data-id="${part.id}"], #resolve-parts-error`).first().waitFor();
    expect(await e.locator('#resolve-parts-error').count()).toBe(0);
    await waitForText(e.locator(`.resolve-part[data-id="${part.id}"]`), /车上库存 2/);
    await shot(e, 'resolve-parts');
    // Leaving and reopening the form keeps the notes and the picked part (the draft); the resolve then takes it.
    await e.reload();
    await e.locator(`.resolve-part[data-id="${part.id}"]`).waitFor();
    await waitForText(e.locator(`.resolve-part[data-id="${part.id}"]`), part.sku);
    await waitForText(e.locator(`.resolve-part[data-id="${part.id}"]`), /车上库存 2/); // the van's stock asked again
    expect(await e.locator('#resolve-notes textarea').inputValue()).toBe('更换进纸轮，进纸正常');
    await e.locator('#send-resolve').click();
    await eventually(
      async () => {
        const status = String((await trackedTicket(base, filed.trackingToken)).status);
        if (status !== 'resolved') throw new Error(`status ${status}`);
        return status;
      },
      20_000,
      'the ticket resolved',
    );

    const stock = await call<{ locations: Array<{ locationId: number; onHand: number }> }>(
      base,
      admin,
      'GET',
      `/api/parts/${part.id}/stock`,
    );
    expect(stock.locations.find((l) => l.locationId === van.id)?.onHand).toBe(1);
    const detail = await call<{ ticket: { resolution: { partsUsed: Array<{ partId: number; quantity: number }> } } }>(
      base,
      admin,
      'GET',
      `/api/tickets/${filed.number}`,
    );
    expect(detail.ticket.resolution.partsUsed).toEqual([expect.objectContaining({ partId: part.id, quantity: 1 })]);
  });

  it('the admin sets the labour rate and signatureRequired on the settings page and adds a site contract on the contracts page; the API answers what was saved', async () => {
    const shot = shooter('field-console-admin');
    const base = server.baseUrl;
    // A browser of its own: the first one holds the dispatcher's session.
    const adminDesk = await openDesktop();
    const d = adminDesk.page;
    try {
      await consoleSignIn(d, base, 'admin');
      await on(d, '#dash-cards').waitFor();
      await d.goto(`${base}/pages/manager/settings/index`);
      await on(d, '#labour-rate').waitFor();
      await on(d, '#labour-rate').fill('120.5');
      await on(d, '#labour-callout').fill('30');
      await on(d, '#labour-signature-required').check();
      await on(d, '#labour-save').click();
      await on(d, '#labour-message.notice--ok').waitFor();
      await shot(d, 'settings-labour');
      const admin = await login(base, 'admin');
      const { settings } = await call<{ settings: { labourRatePerHour: number; calloutFee: number; signatureRequired: boolean } }>(
        base,
        admin,
        'GET',
        '/api/settings/labour',
      );
      expect(settings).toMatchObject({ labourRatePerHour: 12_050, calloutFee: 3_000, signatureRequired: true });

      await d.goto(`${base}/pages/manager/contracts/index`);
      await on(d, '#contract-number').waitFor();
      const number = `HT-${Date.now().toString(36).toUpperCase()}`;
      await on(d, '#contract-number').fill(number);
      await on(d, '#contract-site').selectOption({ index: 1 });
      await on(d, '#contract-starts').fill('2026-01-01');
      await on(d, '#contract-ends').fill('2099-12-31');
      await on(d, '#contract-save').click();
      await on(d, '#contract-message.notice--ok').waitFor();
      await waitForText(on(d, '#contract-table'), number);
      await shot(d, 'contracts');
      const { items } = await call<{ items: Array<{ number: string; siteId: number | null; coverage: string; endsOn: string }> }>(
        base,
        admin,
        'GET',
        '/api/contracts',
      );
      expect(items.find((c) => c.number === number)).toMatchObject({ siteId: expect.any(Number), coverage: 'both', endsOn: '2099-12-31' });

      // An asset contract: the asset is found in the picker by its code (not typed as an id), its row shows name, code
      // and site. Dates in the past, so the demo tickets the other tests file keep their coverage.
      const assets = await call<{ items: Array<{ id: number; code: string; name: string; siteId: number }> }>(
        base,
        admin,
        'GET',
        '/api/assets?pageSize=5',
      );
      const target = assets.items[assets.items.length - 1];
      const sites = await call<{ items: Array<{ id: number; name: string }> }>(base, admin, 'GET', '/api/sites');
      const siteName = sites.items.find((s) => s.id === target.siteId)?.name ?? '';
      const assetNumber = `HT-A-${Date.now().toString(36).toUpperCase()}`;
      await on(d, '#contract-number').fill(assetNumber);
      await on(d, '#contract-subject').selectOption('asset');
      await on(d, '#contract-asset-results .asset-pick').first().waitFor(); // the first page of assets, before any search
      await on(d, '#contract-asset-search').fill(target.code);
      await on(d, '#contract-asset-find').click();
      await eventually(
        async () => {
          const codes = await on(d, '.asset-pick').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
          if (codes.length === 0 || codes.some((c) => !c.includes(target.code))) throw new Error(`rows ${codes.join(', ')}`);
          return codes;
        },
        10_000,
        'the picker narrowed to the searched code',
      );
      const pick = on(d, `.asset-pick[data-id="${target.id}"]`);
      await waitForText(pick, target.name);
      await waitForText(pick, target.code);
      await waitForText(pick, siteName);
      await shot(d, 'contract-asset-picker');
      // Nothing serious in the picker for axe (its search, site filter, result rows and pager).
      const pickerFindings = (await seriousViolations(d)).filter((f) => f.targets.some((t) => /asset-pick|contract-asset/.test(t)));
      expect(describeFindings(pickerFindings)).toBe('');
      await pick.locator('.asset-pick__choose').click();
      await waitForAttr(on(d, '#contract-asset-chosen'), 'data-id', String(target.id));
      await waitForText(on(d, '#contract-asset-chosen'), target.name);
      await on(d, '#contract-coverage').selectOption('parts');
      await on(d, '#contract-starts').fill('2020-01-01');
      await on(d, '#contract-ends').fill('2020-12-31');
      await on(d, '#contract-save').click();
      await waitForText(on(d, '#contract-table'), assetNumber);
      await shot(d, 'contracts-asset');
      const after = await call<{ items: Array<{ number: string; assetId: number | null; siteId: number | null; coverage: string }> }>(
        base,
        admin,
        'GET',
        '/api/contracts',
      );
      expect(after.items.find((c) => c.number === assetNumber)).toMatchObject({ assetId: target.id, siteId: null, coverage: 'parts' });
    } finally {
      await adminDesk.close();
    }
  });

  it('after the reporter rejects the quote the cancel on the console ticket page offers 报价被拒, and the ticket is cancelled with the quote_refused code', async () => {
    const base = server.baseUrl;
    const asset = await firstAssetCode(base);
    const filed = await fileTicket(base, asset.code, '投影仪不亮 (e2e quote refused)');
    const dispatcher = await login(base, 'dispatcher');
    await call(base, dispatcher, 'POST', `/api/tickets/${filed.number}/quote`, { labourMinutes: 30, lines: [] });
    const d = desk.page;
    await d.goto(`${base}/pages/manager/ticket/index?number=${filed.number}`);
    await waitForAttr(on(d, '#ticket-quote'), 'data-state', 'pending');
    expect(await on(d, '#action-cancel-code').count()).toBe(0);

    await reporterAction(base, filed.trackingToken, 'quote/reject', { version: 1 });
    await d.reload();
    await waitForAttr(on(d, '#ticket-quote'), 'data-state', 'rejected');
    await on(d, '#action-cancel-code').selectOption('quote_refused');
    expect(await on(d, '#action-cancel-reason').inputValue()).toBe('客户拒绝报价');
    await shooter('field-console-refused')(d, 'cancel-quote-refused');
    await on(d, '#action-cancel').click();
    await waitForAttr(on(d, '#ticket-detail'), 'data-status', 'cancelled');
    const detail = await call<{ events: Array<{ type: string; note: string | null }> }>(
      base,
      dispatcher,
      'GET',
      `/api/tickets/${filed.number}`,
    );
    expect(detail.events.find((e) => e.type === 'cancelled')?.note).toMatch(/^\[quote_refused\]/);
  });
});
