import { firstAssetCode, reporterCredits } from './helpers/api';
import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForAttr, waitForText } from './helpers/wait';

/**
 * WeChat's subscription dialog takes at most three templates, and a reporter has five messages to get
 * (the quote message only for a chargeable repair).
 * In H5 the documented dev sign-in stands for WeChat: against the local stand-in, "asking" means "accepted".
 */
describe('reporter WeChat notifications in two taps', () => {
  let server: RunningServer;
  let reporter: Phone;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    reporter = await openPhone();
  });

  afterAll(async () => {
    await reporter?.close();
    await server?.stop();
  });

  it('asks for the first three messages after filing, and for "closed" and the quote message with a second tap on the tracking page', async () => {
    const shot = shooter('reporter-wechat');
    const asset = await firstAssetCode(server.baseUrl);
    const r = reporter.page;
    await r.goto(`${server.baseUrl}/r/${asset.code}`);
    await waitForText(r.locator('#asset-name'), asset.name);
    // This browser is a WeChat user of the stand-in (what the H5 dev sign-in remembers).
    await r.evaluate(() => localStorage.setItem('bx.devWechatUser', JSON.stringify({ data: 'e2e-reporter-two-taps' })));
    await r.reload();
    await waitForText(r.locator('#asset-name'), asset.name);

    await r.locator('#report-new').click();
    await r.locator('#description textarea').waitFor();
    await fill(r, 'description', '会议室投影仪没有信号 (e2e two taps)', 'textarea');
    await fill(r, 'contact-phone', '13800138000');
    await r.locator('#submit').click();
    await waitForText(r.locator('#ticket-number'), /^BX-\d{8}-\d{4,6}$/);

    // First tap: accepted, on the way, resolved.
    await r.locator('#notify-me').click();
    await r.locator('#notify-me').waitFor({ state: 'detached' });
    const token = await r.evaluate(
      () => (JSON.parse(localStorage.getItem('bx.reporter') ?? '{}') as { data?: { token?: string } }).data?.token ?? '',
    );
    expect(await reporterCredits(server.baseUrl, token, asset.code)).toEqual({
      ticket_accepted: 1,
      engineer_on_the_way: 1,
      ticket_resolved: 1,
      ticket_closed: 0,
      quote_pending: 0,
    });
    await shot(r, 'success-subscribed');

    // Second tap, on the tracking page: what the first could not ask for.
    await r.locator('#to-track').click();
    await r.locator('#ticket-status').waitFor();
    await waitForAttr(r.locator('#notify-more-box'), 'data-templates', 'demo-ticket-closed,demo-quote-pending');
    await shot(r, 'track-notify-more');
    await r.locator('#notify-more').click();
    await r.locator('#notify-more-box').waitFor({ state: 'detached' });
    expect(await reporterCredits(server.baseUrl, token, asset.code)).toEqual({
      ticket_accepted: 1,
      engineer_on_the_way: 1,
      ticket_resolved: 1,
      ticket_closed: 1,
      quote_pending: 1,
    });
  });
});
