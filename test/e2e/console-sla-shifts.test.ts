import path from 'node:path';
import Database from 'better-sqlite3';
import { fill, openPhone, shooter } from './helpers/browser';
import { consoleSignIn, on, consoleSuite } from './helpers/desktop';
import { call, engineerId, fileTicket, findOfferedEngineer, firstAssetCode, jobAction, login } from './helpers/api';
import { eventually, waitForAttr, waitForCount, waitForText } from './helpers/wait';

const DAY_MS = 86_400_000;
const shanghaiDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
/** DATETIME(3) text as the server stores it in SQLite (UTC). */
const sqlTime = (at: Date) => at.toISOString().replace('T', ' ').slice(0, 23);

interface Rate {
  due: number;
  met: number;
}
interface SlaTotals {
  totals: { sla: Record<'response' | 'arrival' | 'resolution', Rate> };
}

describe('SLA attainment, overdue PM and shifts in the console', () => {
  const suite = consoleSuite();

  it("counts a met and a breached response in the dashboard's SLA table once the sweep has decided them", async () => {
    const shot = shooter('console-sla');
    const admin = await login(suite.server.baseUrl, 'admin');
    // Around the clock, so a one-minute target runs out in one minute whatever the hour in Shanghai.
    const allDay = [['00:00', '24:00']];
    await call(suite.server.baseUrl, admin, 'PUT', '/api/settings/business-hours', {
      timezone: 'Asia/Shanghai',
      holidays: 'none',
      extraHolidays: [],
      extraWorkdays: [],
      ignoredStatutoryDays: [],
      week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    });
    await call(suite.server.baseUrl, admin, 'PUT', '/api/settings/sla', {
      targets: ['low', 'normal', 'high'].map((urgency) => ({ urgency, responseMinutes: 1, arrivalMinutes: 30, resolutionMinutes: 60 })),
    });
    const { code } = await firstAssetCode(suite.server.baseUrl);
    const quick = await fileTicket(suite.server.baseUrl, code, 'SLA e2e 及时响应');
    await fileTicket(suite.server.baseUrl, code, 'SLA e2e 超时未响应');
    const engineer = await findOfferedEngineer(suite.server.baseUrl, quick.number);
    for (const [action, body] of [
      ['accept', {}],
      ['arrive', {}],
      ['resolve', { notes: 'SLA e2e 已修复' }],
    ] as const) {
      await jobAction(suite.server.baseUrl, engineer, quick.number, action, body);
    }
    // Nobody accepts the other one: its response deadline passes, and the worker's sweep (every 5 s) marks it breached.
    const today = shanghaiDay(new Date());
    const report = await eventually(
      async () => {
        const r = await call<SlaTotals>(suite.server.baseUrl, admin, 'GET', `/api/reports/kpis?from=${today}&to=${today}`);
        if (r.totals.sla.response.due < 2) throw new Error(`response due ${r.totals.sla.response.due}`);
        return r;
      },
      150_000,
      'the breached response',
    );
    expect(report.totals.sla.response).toMatchObject({ due: 2, met: 1 });
    expect(report.totals.sla.arrival).toMatchObject({ due: 1, met: 1 });
    expect(report.totals.sla.resolution).toMatchObject({ due: 1, met: 1 });

    const p = suite.desk.page;
    await consoleSignIn(p, suite.server.baseUrl, 'admin');
    await on(p, '#dash-preset-today').click();
    await on(p, '#dash-sla').waitFor();
    await waitForAttr(on(p, '#dash-sla-response-all'), 'data-due', '2');
    expect(await on(p, '#dash-sla-response-all').getAttribute('data-met')).toBe('1');
    expect(await on(p, '#dash-sla-response-all').getAttribute('data-rate')).toBe('0.5');
    await waitForText(on(p, '#dash-sla-response-all'), '50');
    expect(await on(p, '#dash-sla-arrival-all').getAttribute('data-due')).toBe('1');
    expect(await on(p, '#dash-sla-resolution-all').getAttribute('data-met')).toBe('1');
    await on(p, '#dash-sla-panel').scrollIntoViewIfNeeded();
    await shot(p, 'dashboard-sla');
  }, 240_000);

  it("lists a visit the stopped worker missed in the PM page's overdue section", async () => {
    const shot = shooter('console-sla');
    const admin = await login(suite.server.baseUrl, 'admin');
    const assets = await call<{ items: { id: number; code: string }[] }>(suite.server.baseUrl, admin, 'GET', '/api/assets?pageSize=5');
    const asset = assets.items[0];
    const now = new Date();
    const threeDaysAgo = shanghaiDay(new Date(now.getTime() - 3 * DAY_MS));
    const { plan } = await call<{ plan: { id: number } }>(suite.server.baseUrl, admin, 'POST', '/api/pm/plans', {
      name: 'E2E 逾期巡检',
      target: { assetIds: [asset.id] },
      rrule: 'FREQ=DAILY',
      startsOn: threeDaysAgo,
      basedOn: 'schedule',
      leadDays: 0,
      holidayPolicy: 'ignore',
      checklist: [],
    });
    // As if the plan and the asset had existed for five days and the worker had stopped four days ago.
    await suite.restart((dataDir) => {
      const db = new Database(path.join(dataDir, 'baoxiu.sqlite'));
      try {
        const fiveDaysAgo = sqlTime(new Date(now.getTime() - 5 * DAY_MS));
        db.prepare('UPDATE pm_plans SET createdAt = ?, generatedThrough = ? WHERE id = ?').run(
          fiveDaysAgo,
          shanghaiDay(new Date(now.getTime() - 4 * DAY_MS)),
          plan.id,
        );
        db.prepare('UPDATE assets SET createdAt = ? WHERE id = ?').run(fiveDaysAgo, asset.id);
        db.prepare('DELETE FROM pm_occurrences WHERE planId = ?').run(plan.id);
      } finally {
        db.close();
      }
    });
    const overdue = await eventually(
      async () => {
        const token = await login(suite.server.baseUrl, 'admin');
        const r = await call<{ total: number; items: { planName: string; dueOn: string; late: boolean; ticketNumber: string | null }[] }>(
          suite.server.baseUrl,
          token,
          'GET',
          `/api/pm/overdue?planId=${plan.id}`,
        );
        if (r.total < 3) throw new Error(`overdue ${r.total}`);
        return r;
      },
      30_000,
      'the back-filled visits',
    );
    expect(overdue.items[0]).toMatchObject({ planName: 'E2E 逾期巡检', dueOn: threeDaysAgo, late: true });

    const p = suite.desk.page;
    await consoleSignIn(p, suite.server.baseUrl, 'admin');
    await on(p, '#nav-pm').click();
    const first = on(p, `#pm-overdue-list .pm-overdue-row[data-due="${threeDaysAgo}"]`);
    await first.waitFor();
    await waitForText(first, 'E2E 逾期巡检');
    await waitForText(first, asset.code);
    expect(await first.locator('taro-button-core').count()).toBe(1); // its ticket opens from the row
    await waitForText(on(p, '#pm-overdue-panel .panel__title'), '(3)');
    await on(p, '#pm-overdue-panel').scrollIntoViewIfNeeded();
    await shot(p, 'pm-overdue');
  }, 120_000);

  it('saves a weekly pattern with an overnight frame and a leave day from the engineers page', async () => {
    const shot = shooter('console-sla');
    const p = suite.desk.page;
    // Still signed in from the PM page.
    await on(p, '#nav-engineers').click();
    const id = await engineerId(suite.server.baseUrl, 'engineer2');
    const row = on(p, `.staff-row[data-id="${id}"]`);
    await row.waitFor();
    await row.locator('.staff-row__shifts').click();
    await on(p, '#shift-form').waitFor();
    await on(p, '#shift-use-pattern').check();
    await on(p, '#shift-week tr[data-day="fri"] [data-frame="fri.0"]').waitFor();
    // Friday night: 22:00 to 06:00 on Saturday morning.
    const fri = on(p, '#shift-week [data-frame="fri.0"] input');
    await fri.nth(0).fill('22:00');
    await fri.nth(1).fill('06:00');
    // A leave day within the coming week that is not a Friday (whose night frame the phone shows below).
    const leave = [1, 2]
      .map((n) => shanghaiDay(new Date(Date.now() + n * DAY_MS)))
      .find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() !== 5) as string;
    await on(p, '#shift-leave').fill(leave);
    await shot(p, 'shift-editor');
    await on(p, '#shift-save').click();
    const admin = await login(suite.server.baseUrl, 'admin');
    const saved = await eventually(
      async () => {
        const r = await call<{ shifts: { week: Record<string, string[][]> | null; leaveDays: string[]; dutyOverride: string } }>(
          suite.server.baseUrl,
          admin,
          'GET',
          `/api/engineers/${id}/shifts`,
        );
        if (!r.shifts.week) throw new Error('no pattern yet');
        return r.shifts;
      },
      10_000,
      'the saved shifts',
    );
    expect(saved.week?.fri).toEqual([['22:00', '06:00']]);
    expect(saved.week?.mon).toEqual([['09:00', '18:00']]);
    expect(saved.week?.sat).toEqual([]);
    expect(saved.leaveDays).toEqual([leave]);
    expect(saved.dutyOverride).toBe('none');
    await eventually(async () => (await on(p, '#shift-leave').inputValue()) === leave, 5_000, 'the saved leave day in the editor');
    await shot(p, 'shift-saved');
    await on(p, '#shift-close').click();

    // The staff page shows the decision now (onDutyNow), and says where it differs from the raw switch.
    const now = (await call<{ shifts: { onDutyNow: boolean } }>(suite.server.baseUrl, admin, 'GET', `/api/engineers/${id}/shifts`)).shifts
      .onDutyNow;
    await on(p, '#nav-staff').click();
    const staffRow = on(p, `.staff-admin-row[data-id="${id}"]`);
    await staffRow.waitFor();
    await waitForAttr(staffRow, 'data-on-duty-now', String(now));
    expect(await staffRow.getAttribute('data-on-duty')).toBe('true');
    await waitForText(staffRow.locator('.staff-admin-row__duty-now'), now ? '值班中' : '休息');
    expect(await staffRow.locator('.staff-admin-row__duty-switch').count()).toBe(now ? 0 : 1);
    await shot(p, 'staff-duty-now');

    // The engineer's own phone shows the coming week read-only: the leave day and Friday's night frame.
    const phone = await openPhone();
    try {
      const e = phone.page;
      await e.goto(`${suite.server.baseUrl}/pages/engineer/login/index`);
      await fill(e, 'login-tenant', 'demo');
      await fill(e, 'login-username', 'engineer2');
      await fill(e, 'login-password', 'demo123');
      await e.locator('#login-submit').click();
      await e.locator('#my-shifts').waitFor();
      await e.locator('#my-shifts-toggle').click();
      const days = e.locator('#my-shifts .my-shifts__day');
      await waitForCount(days, 7);
      // Friday within the coming seven days (today, when the test runs on a Friday in Shanghai: its row says 今天 · 周五).
      const fridayDay = [0, 1, 2, 3, 4, 5, 6]
        .map((n) => shanghaiDay(new Date(Date.now() + n * DAY_MS)))
        .find((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 5) as string;
      const friday = e.locator(`#my-shifts .my-shifts__day[data-day="${fridayDay}"]`);
      await waitForText(friday, /周五|Fri/);
      await waitForText(friday, '22:00–06:00');
      const today = shanghaiDay(new Date());
      expect(await days.first().getAttribute('data-day')).toBe(today);
      expect(
        await e.locator('#my-shifts .my-shifts__day[data-leave="true"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-day'))),
      ).toEqual([leave]);
      await waitForText(e.locator(`#my-shifts .my-shifts__day[data-day="${leave}"]`), /请假|Leave/);
      await shooter('console-sla')(e, 'engineer-week');
    } finally {
      await phone.close();
    }
  });
});
