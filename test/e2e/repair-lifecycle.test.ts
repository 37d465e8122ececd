import { engineerInvite, fileTicket, findOfferedEngineer, firstAssetCode, trackedTicket } from './helpers/api';
import { fill, makePhotos, openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForAttr, waitForCount, waitForText } from './helpers/wait';

describe('H5 repair lifecycle in a phone browser', () => {
  let server: RunningServer;
  let reporter: Phone;
  let engineer: Phone;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    reporter = await openPhone();
    engineer = await openPhone();
  });

  afterAll(async () => {
    await reporter?.close();
    await engineer?.close();
    await server?.stop();
  });

  it('takes a scanned device from report to a confirmed, 5-star-rated repair', async () => {
    const shot = shooter('repair-lifecycle');
    const asset = await firstAssetCode(server.baseUrl);
    const r = reporter.page;

    // The printed QR opens /r/<code>: the H5 app turns it into the asset page.
    await r.goto(`${server.baseUrl}/r/${asset.code}`);
    await waitForText(r.locator('#asset-name'), asset.name);
    expect(new URL(r.url()).pathname).toBe('/pages/reporter/asset/index');
    await shot(r, 'asset-page');

    await r.locator('#report-new').click();
    await r.locator('#description textarea').waitFor();
    await fill(r, 'description', '空调不制冷，出风口有异响 (e2e lifecycle)', 'textarea');
    const photos = await makePhotos(r, 2);
    const chooser = r.waitForEvent('filechooser');
    await r.locator('#photos-album').click();
    await (await chooser).setFiles(photos);
    await waitForCount(r.locator('.photo-picker__item[data-status="done"]'), 2);
    await fill(r, 'contact-phone', '13800138000');
    await fill(r, 'contact-name', '测试用户');
    await shot(r, 'request-form');

    await r.locator('#submit').click();
    const number = await waitForText(r.locator('#ticket-number'), /^BX-\d{8}-\d{4,6}$/);
    await shot(r, 'submitted');

    await r.locator('#to-track').click();
    await r.locator('#ticket-status').waitFor();
    const token = new URL(r.url()).searchParams.get('token') ?? '';
    expect(token).not.toBe('');
    const filed = await trackedTicket(server.baseUrl, token);
    expect(filed.photos).toHaveLength(2);
    await shot(r, 'tracking-new');

    // The engineer the dispatcher offered it to binds their WeChat with the admin's invite QR and signs in
    // through the WeChat path (in H5: the documented dev sign-in against the local WeChat stand-in).
    const username = await findOfferedEngineer(server.baseUrl, number);
    const e = engineer.page;
    await e.goto(await engineerInvite(server.baseUrl, username));
    await waitForText(e.locator('#bind-hint'), /\S/);
    await shot(e, 'engineer-bind-wechat');
    await e.locator('#wechat-bind').click();
    const card = e.locator('#jobs-offered .job-card').filter({ has: e.locator(`[data-number="${number}"]`) });
    await card.waitFor();
    // Newly bound, the engineer has no subscription credit: the list asks, and one tap (WeChat's dialog) fixes it.
    await e.locator('#wechat-subscribe').click();
    await e.locator('#wechat-subscribe').waitFor({ state: 'detached' });
    await shot(e, 'engineer-offered-list');

    await card.click();
    await waitForText(e.locator('#job-description'), '空调不制冷');
    await waitForCount(e.locator('.job__photos .nut-image'), 2);
    await shot(e, 'engineer-job-detail');

    await e.locator('#accept').click();
    await waitForAttr(e.locator('#job-status'), 'data-status', 'accepted');
    await shot(e, 'engineer-accepted');
    await e.locator('#travel').click();
    await waitForAttr(e.locator('#job-status'), 'data-status', 'en_route');
    await shot(e, 'engineer-on-the-way');
    await e.locator('#arrive').click();
    await waitForAttr(e.locator('#job-status'), 'data-status', 'on_site');
    await shot(e, 'engineer-arrived');

    await e.locator('#resolve').click();
    await e.locator('#resolve-notes textarea').waitFor();
    await fill(e, 'resolve-notes', '清洗滤网，更换风扇轴承，试机正常', 'textarea');
    await shot(e, 'engineer-resolve-form');
    await e.locator('#send-resolve').click();
    await waitForAttr(e.locator('#job-status'), 'data-status', 'resolved');
    await shot(e, 'engineer-resolved');

    // Back on the reporter's phone: resolved, with the engineer's name; confirm and rate.
    await r.reload();
    await waitForAttr(r.locator('#ticket-status'), 'data-status', 'resolved');
    await waitForText(r.locator('#engineer-name'), /\S/);
    await shot(r, 'reporter-sees-resolved');
    await r.locator('#confirm').click();
    await waitForAttr(r.locator('#ticket-status'), 'data-status', 'closed');
    await r.locator('#rating .nut-rate-item').nth(4).click();
    await fill(r, 'rating-comment', '修得很快，谢谢！', 'textarea');
    await shot(r, 'reporter-rating');
    await r.locator('#send-rating').click();
    await waitForAttr(r.locator('#rated'), 'data-score', '5');
    await shot(r, 'reporter-rated');

    // Signed out, the engineer's WeChat alone signs them in again.
    await e.goto(`${server.baseUrl}/pages/engineer/jobs/index`);
    await e.locator('#sign-out').click();
    await e.locator('#wechat-sign-in').click();
    await e.locator('#jobs-offered, #page-empty').first().waitFor();
    expect(new URL(e.url()).pathname).toBe('/pages/engineer/jobs/index');
    await shot(e, 'engineer-wechat-sign-in');

    const final = await trackedTicket(server.baseUrl, token);
    expect(final.status).toBe('closed');
    expect(final.rating).toMatchObject({ score: 5 });
  });

  it('tells an engineer who lost the accept race that a colleague took the job, and shows the list again', async () => {
    const shot = shooter('accept-race');
    const asset = await firstAssetCode(server.baseUrl);
    const { number } = await fileTicket(server.baseUrl, asset.code, '电梯按钮失灵 (e2e race)');
    const username = await findOfferedEngineer(server.baseUrl, number);
    const e = engineer.page;
    await e.goto(`${server.baseUrl}/pages/engineer/login/index`);
    await fill(e, 'login-tenant', 'demo');
    await fill(e, 'login-username', username);
    await fill(e, 'login-password', 'demo123');
    await e.locator('#login-submit').click();
    await e.locator('#jobs-offered').waitFor();
    await e.goto(`${server.baseUrl}/pages/engineer/job/index?number=${number}`);
    await e.locator('#accept').waitFor();
    // The race itself is the server's test; here a colleague "wins" by the answer the server gives the loser.
    await e.route(`**/api/engineer/jobs/${number}/accept`, (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'OFFER_TAKEN', message: '该工单已被其他同事接单', details: {} } }),
      }),
    );
    await e.locator('#accept').click();
    await waitForText(e.locator('#taken-notice'), '同事');
    await shot(e, 'taken-by-colleague');
    await e.locator('#jobs-offered, #page-empty').first().waitFor();
    expect(new URL(e.url()).pathname).toBe('/pages/engineer/jobs/index');
    await shot(e, 'list-refreshed');
    await e.unroute(`**/api/engineer/jobs/${number}/accept`);
  });
});
