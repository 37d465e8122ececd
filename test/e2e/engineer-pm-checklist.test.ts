import { call, findOfferedEngineer, jobAction, login } from './helpers/api';
import { fill, openPhone, shooter, type Phone } from './helpers/browser';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { eventually } from './helpers/wait';

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe("a preventive job's checklist on the engineer's phone", () => {
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

  it('fills a failed check and an out-of-range reading on resolve, which opens a linked corrective repair', async () => {
    const shot = shooter('engineer-pm-checklist');
    const admin = await login(server.baseUrl, 'admin');
    const assets = await call<{ items: { id: number }[] }>(server.baseUrl, admin, 'GET', '/api/assets?pageSize=5');
    const today = shanghaiToday();
    await call(server.baseUrl, admin, 'POST', '/api/pm/plans', {
      name: 'E2E 日检',
      target: { assetIds: [assets.items[0].id] },
      rrule: 'FREQ=DAILY',
      startsOn: today,
      basedOn: 'schedule',
      leadDays: 0,
      holidayPolicy: 'ignore',
      checklist: [
        { label: '滤网清洁', kind: 'check', required: true },
        { label: '压力', kind: 'number', min: 1, max: 2, required: true },
      ],
    });
    // The worker sweeps at start: a restart on the same data generates today's visit at once.
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    const number = await eventually(
      async () => {
        const token = await login(server.baseUrl, 'admin');
        const res = await call<{ items: { ticketNumber?: string }[] }>(
          server.baseUrl,
          token,
          'GET',
          `/api/pm/occurrences?from=${today}&to=${today}`,
        );
        const found = res.items.find((o) => o.ticketNumber)?.ticketNumber;
        if (!found) throw new Error('not generated yet');
        return found;
      },
      20_000,
      'the generated visit',
    );
    const engineer = await findOfferedEngineer(server.baseUrl, number);
    for (const action of ['accept', 'arrive']) await jobAction(server.baseUrl, engineer, number, action);

    const e = phone.page;
    await e.goto(`${server.baseUrl}/pages/engineer/login/index`);
    await fill(e, 'login-tenant', 'demo');
    await fill(e, 'login-username', engineer);
    await fill(e, 'login-password', 'demo123');
    await e.locator('#login-submit').click();
    await e.locator('#jobs-offered, #page-empty').first().waitFor();
    await e.goto(`${server.baseUrl}/pages/engineer/resolve/index?number=${encodeURIComponent(number)}`);
    await e.locator('.pm-item').first().waitFor();
    await e.locator('.pm-item').nth(0).locator('taro-button-core').nth(1).click();
    await e.locator('.pm-item').nth(1).locator('input').fill('2.8');
    await fill(e, 'resolve-notes', '滤网堵塞，压力偏高', 'textarea');
    await shot(e, 'checklist');
    await e.locator('#send-resolve').click();
    const visit = await eventually(
      async () => {
        const token = await login(server.baseUrl, 'admin');
        const res = await call<{ visit: { results: { failed: string[] } | null; correctiveTicketNumber: string | null } }>(
          server.baseUrl,
          token,
          'GET',
          `/api/pm/visits/${number}`,
        );
        if (!res.visit.correctiveTicketNumber) throw new Error('no corrective ticket yet');
        return res.visit;
      },
      15_000,
      'the corrective ticket',
    );
    expect(visit.results?.failed).toHaveLength(2);
  });
});
