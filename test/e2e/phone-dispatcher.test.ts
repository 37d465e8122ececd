import type { Page } from 'playwright-core';
import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { call, engineerId, fileTicket, firstAssetCode, login } from './helpers/api';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { eventually, waitForAttr } from './helpers/wait';

const visible = (p: Page, selector: string) => p.locator(selector).filter({ visible: true });

describe('the dispatcher on the phone', () => {
  let server: RunningServer;
  let phone: Phone;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    phone = await openPhone();
  });

  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it('signs in, finds the request awaiting a dispatcher and assigns it to an engineer', async () => {
    const shot = shooter('phone-dispatcher');
    const admin = await login(server.baseUrl, 'admin');
    // Manual dispatch: every new request waits for a person.
    await call(server.baseUrl, admin, 'PATCH', '/api/settings', { dispatchMode: 'manual' });
    const { code } = await firstAssetCode(server.baseUrl);
    const ticket = await fileTicket(server.baseUrl, code, '手机调度 e2e：空调不制冷');
    await eventually(
      async () => {
        const detail = await call<{ ticket: { needsDispatcher: boolean } }>(server.baseUrl, admin, 'GET', `/api/tickets/${ticket.number}`);
        return detail.ticket.needsDispatcher;
      },
      15_000,
      'the escalation',
    );

    const p = phone.page;
    await p.goto(`${server.baseUrl}/pages/engineer/login/index`);
    await fill(p, 'login-tenant', 'demo');
    await fill(p, 'login-username', 'dispatcher');
    await fill(p, 'login-password', 'demo123');
    await p.locator('#login-submit').click();
    const row = visible(p, `#dq-awaiting .dq-row[data-number="${ticket.number}"]`);
    await row.waitFor();
    await shot(p, 'queue');
    await row.click();
    await visible(p, '#dt-ticket').waitFor();
    await visible(p, '#dt-awaiting').waitFor();
    const target = await engineerId(server.baseUrl, 'engineer1');
    await visible(p, `.dt-eng[data-id="${target}"]`).click();
    await shot(p, 'ticket');
    await visible(p, '#dt-assign').click();
    await waitForAttr(visible(p, '#dt-ticket'), 'data-status', 'offered');
    await shot(p, 'assigned');

    const after = await call<{ ticket: { status: string; needsDispatcher: boolean; engineer: { id: number } | null } }>(
      server.baseUrl,
      admin,
      'GET',
      `/api/tickets/${ticket.number}`,
    );
    expect(after.ticket).toMatchObject({ status: 'offered', needsDispatcher: false });
    // The engineer now has it among their offers.
    const jobs = await call<{ items: Array<{ number: string }> }>(
      server.baseUrl,
      await login(server.baseUrl, 'engineer1'),
      'GET',
      '/api/engineer/jobs?status=offered&pageSize=50',
    );
    expect(jobs.items.map((j) => j.number)).toContain(ticket.number);

    // Back in the queue: it left the awaiting list and waits for acceptance.
    await visible(p, '#dt-queue').click();
    await visible(p, `#dq-offered .dq-row[data-number="${ticket.number}"]`).waitFor();
    expect(await visible(p, `#dq-awaiting .dq-row[data-number="${ticket.number}"]`).count()).toBe(0);
    await shot(p, 'queue-after');
  });
});
