import { shooter } from './helpers/browser';
import { consoleSignIn as signIn, on, consoleSuite } from './helpers/desktop';
import { waitForText } from './helpers/wait';

describe('console billing page in a desktop browser', () => {
  const suite = consoleSuite();

  it('shows the demo tenant on a trial of the top plan with its upcoming invoice, and previews a seat change', async () => {
    const shot = shooter('console-billing');
    const p = suite.desk.page;
    await signIn(p, suite.server.baseUrl, 'admin');
    await on(p, '#nav-billing').click();
    await on(p, '#billing-plan').waitFor();
    await waitForText(on(p, '#billing-phase'), '试用');
    await waitForText(on(p, '#billing-trial-left'), '14');
    await waitForText(on(p, '#billing-seats'), '5 / 已购 10');
    await on(p, '#billing-preview-lines').waitFor();
    await waitForText(on(p, '#billing-preview-total'), '¥0.00');
    await shot(p, 'billing');
    await on(p, '#billing-seats-input').fill('12');
    await on(p, '#billing-preview-change').click();
    await on(p, '#billing-proposal').waitFor();
    await on(p, '#billing-confirm-change').waitFor();
    await shot(p, 'billing-change-preview');
    // The plan picker lists the published catalog, the current plan marked; a quarterly plan previews its change.
    await on(p, '#billing-plan-pro-month').waitFor();
    await on(p, '#billing-plan-period-quarter').click();
    await on(p, '#billing-plan-standard-quarter').click();
    await on(p, '#billing-preview-change').click();
    await on(p, '#billing-proposal').waitFor();
    await shot(p, 'billing-plan-picker');
  });

  it('makes an integration key on the company page, shows its secret once, and revokes it', async () => {
    const shot = shooter('console-api-keys');
    const p = suite.desk.page;
    await p.evaluate(() => window.localStorage.clear());
    await signIn(p, suite.server.baseUrl, 'admin');
    await p.waitForURL(/manager\/dashboard/);
    await p.goto(`${suite.server.baseUrl}/pages/manager/tenant/index`);
    await on(p, '#api-keys').waitFor();
    await on(p, '#api-key-name').fill('ERP 同步');
    await on(p, '#api-key-create').click();
    const secret = (await on(p, '#api-key-secret .mono').textContent()) ?? '';
    expect(secret).toMatch(/^bxk_/);
    const res = await fetch(`${suite.server.baseUrl}/api/tickets`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(res.status).toBe(200);
    await shot(p, 'api-key-created');
    const row = on(p, '#api-keys .api-keys__row[data-revoked="false"]').filter({ hasText: 'ERP 同步' });
    await row.locator('[id^="api-key-revoke-"]').click();
    await on(p, '#api-keys .api-keys__row[data-revoked="true"]').filter({ hasText: 'ERP 同步' }).waitFor();
    expect((await fetch(`${suite.server.baseUrl}/api/tickets`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
    await shot(p, 'api-key-revoked');
  });

  it('signs a new company up from the sign-in page: plan chosen, trial started, straight into its billing page', async () => {
    const shot = shooter('console-signup');
    const p = suite.desk.page;
    await p.evaluate(() => window.localStorage.clear());
    await p.goto(`${suite.server.baseUrl}/pages/manager/login/index`);
    await on(p, '#cl-signup').click();
    await on(p, '#su-plan-pro-month').waitFor();
    await shot(p, 'signup');
    const slug = `e2e-${Date.now().toString(36)}`;
    await on(p, '#su-name').fill('端到端测试物业');
    await on(p, '#su-slug').fill('Not A Slug!');
    await on(p, '#su-admin-name').fill('王经理');
    await on(p, '#su-password').fill('long-enough-pass');
    await on(p, '#su-submit').click();
    await waitForText(on(p, '#su-error'), '公司代码');
    await on(p, '#su-slug').fill(slug);
    await on(p, '#su-plan-standard-month').click();
    await on(p, '#su-submit').click();
    await p.waitForURL(/manager\/billing/);
    await waitForText(on(p, '#billing-plan'), '标准版');
    await waitForText(on(p, '#billing-phase'), '试用');
    await waitForText(on(p, '#billing-trial-left'), '14');
    await shot(p, 'signed-up-billing');
  });
});
