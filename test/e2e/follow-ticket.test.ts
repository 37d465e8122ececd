import { fileTicket, findOfferedEngineer, firstAssetCode, login } from './helpers/api';
import { openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForAttr, waitForText } from './helpers/wait';

/** The engineer's side of a job, straight through the API, up to "resolved". */
async function resolveAsEngineer(baseUrl: string, number: string): Promise<void> {
  const token = await login(baseUrl, await findOfferedEngineer(baseUrl, number));
  for (const [action, body] of [
    ['accept', {}],
    ['travel', {}],
    ['arrive', {}],
    ['resolve', { notes: '更换滤网 (e2e follow)' }],
  ] as const) {
    const res = await fetch(`${baseUrl}/api/engineer/jobs/${number}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${action} → ${res.status} ${await res.text()}`);
  }
}

describe('"same problem — follow it" in a phone browser', () => {
  let server: RunningServer;
  let follower: Phone;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    follower = await openPhone();
  });

  afterAll(async () => {
    await follower?.close();
    await server?.stop();
  });

  it("follows someone else's open request read-only: progress yes, confirm / reopen / rating no", async () => {
    const shot = shooter('follow-ticket');
    const asset = await firstAssetCode(server.baseUrl);
    const { number } = await fileTicket(server.baseUrl, asset.code, '打印机卡纸 (e2e follow)');
    const f = follower.page;

    await f.goto(`${server.baseUrl}/r/${asset.code}`);
    const ticket = f.locator('.open-ticket').filter({ hasText: number });
    await ticket.locator('.open-ticket__follow').click();
    await waitForText(f.locator('#ticket-number'), number);
    await f.locator('#follower-note').waitFor();
    await shot(f, 'following');

    await resolveAsEngineer(server.baseUrl, number);
    await f.reload();
    await waitForAttr(f.locator('#ticket-status'), 'data-status', 'resolved');
    await f.locator('#follower-note').waitFor();
    expect(await f.locator('#confirm, #not-fixed, #send-rating').count()).toBe(0);
    await shot(f, 'follower-sees-resolved');

    // It is in "my requests" on this phone, and opens the same read-only page from there.
    await f.goto(`${server.baseUrl}/pages/reporter/mine/index`);
    await f.locator('.mine-item').filter({ hasText: number }).click();
    await waitForAttr(f.locator('#ticket-status'), 'data-status', 'resolved');
    await f.locator('#follower-note').waitFor();
  });
});
