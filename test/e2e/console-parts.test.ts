import { consoleSignIn as signIn, on, consoleSuite } from './helpers/desktop';
import { waitForCount, waitForText } from './helpers/wait';
import { shooter } from './helpers/browser';

describe('parts and stock in the manager console', () => {
  const suite = consoleSuite();
  const shot = shooter('console-parts');

  it('adds a part in yuan, receives stock at a store, shows the ledger row and the on-hand per location', async () => {
    const p = suite.desk.page;
    await signIn(p, suite.server.baseUrl, 'admin');
    await on(p, '#dash-cards').waitFor();
    await on(p, '#nav-parts').click();
    const form = '#part-new';
    await on(p, `${form} input[name=sku]`).fill('E2E-CAP-1');
    await on(p, `${form} input[name=name]`).fill('压缩机电容');
    await on(p, `${form} input[name=cost]`).fill('12.5');
    await on(p, `${form} input[name=price]`).fill('38');
    await on(p, `${form} input[name=minStock]`).fill('5');
    await on(p, `${form} .part-form__save`).click();
    const row = on(p, '.part-row').filter({ hasText: 'E2E-CAP-1' });
    await waitForText(row, /12\.50.*38\.00/);

    await on(p, '#stock-location').selectOption({ index: 1 });
    await on(p, '#move-form select[name=partId]').selectOption({ label: 'E2E-CAP-1 压缩机电容' });
    await on(p, '#move-form input[name=quantity]').fill('3');
    await on(p, '#move-form input[name=reason]').fill('采购入库');
    await on(p, '#move-form .move-form__save').click();
    await waitForCount(on(p, '#movement-table .movement-row'), 1);
    await waitForText(on(p, '#movement-table .movement-row'), /\+3.*采购入库/);
    // 3 on hand is at or below the minimum of 5: the low-stock list shows the part.
    await waitForText(on(p, '#low-stock'), /E2E-CAP-1/);
    // With what became of its WeChat alerts (sent, or why not) under it.
    await waitForText(on(p, '#low-stock .low-row__messages'), /微信提醒/);
    await shot(p, 'low-stock');

    await row.locator('.part-row__stock').click();
    await waitForText(on(p, '.stock-line').first(), /: 3$/);

    // A sheet by SKU: the known part is updated (price in yuan), a new one is added.
    const sheet = 'sku,name,unit,cost,price,minStock\nE2E-CAP-1,压缩机电容,个,12.5,40,5\nE2E-FAN-1,风扇电机,台,80,150.5,0\n';
    await on(p, '#part-import').setInputFiles({ name: 'parts.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
    await waitForText(on(p, '#part-import-result'), /1.*1/);
    await waitForText(on(p, '.part-row').filter({ hasText: 'E2E-FAN-1' }), /80\.00.*150\.50/);
    await waitForText(row, /40\.00/);
  });
});
