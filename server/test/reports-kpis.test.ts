import { randomBytes } from 'node:crypto';
import type { KpiDuration, KpiFigures, KpiReport } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { KpiDaily } from '../src/modules/reports/kpi.entity';
import { rebuildKpiDays, sweepKpis } from '../src/modules/reports/kpi.rollup';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeEngineers, makeTenant, type TestTenant, type TestUser } from './helpers/factories';
import { expectError, fileTicket, issuePaths, waitForOffer } from './helpers/contract';

/**
 * A hand-made month in an Asia/Shanghai tenant (UTC+8), every step through the real API at a set time:
 *   2026-11-02 (local): T1 closed and rated 5, T2 resolved and rated 3, T3 closed then reopened, T4 cancelled
 *                       (filed 23:30 local, 15:30 UTC: still the 2nd), all but T4 timed to the second;
 *   2026-11-03 (local): T5 accepted (filed 00:30 local, 16:30 UTC on the 2nd);
 *   2026-11-05 = today: T6 accepted.
 * Another tenant files tickets on the same days; none of them may count.
 */
const D1 = '2026-11-02';
const D2 = '2026-11-03';
const TODAY = '2026-11-05';

const dur = (count: number, avgSeconds: number | null): KpiDuration => ({ count, avgSeconds });
const none = dur(0, null);
/** The CSAT figures of these scores. */
const csat = (...scores: number[]): KpiFigures['csat'] => ({
  rated: scores.length,
  average: scores.length > 0 ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null,
  distribution: [1, 2, 3, 4, 5].map((n) => scores.filter((s) => s === n).length),
});
const noRate = { due: 0, met: 0, rate: null };
const noSla = { due: 0, met: 0, rate: null, byUrgency: { low: noRate, normal: noRate, high: noRate } };
const fig = (f: Partial<KpiFigures>): KpiFigures => ({
  volume: 0,
  firstResponse: none,
  timeToArrive: none,
  mttr: none,
  resolved: 0,
  closed: 0,
  cancelled: 0,
  reopened: 0,
  reopenRate: null,
  csat: csat(),
  declines: 0,
  sla: { response: noSla, arrival: noSla, resolution: noSla },
  ...f,
});

/** Figures the dataset must give (see above; times in seconds from filing). */
const ON_D1 = fig({
  volume: 4,
  firstResponse: dur(3, 700),
  timeToArrive: dur(3, 2700),
  mttr: dur(2, 6600),
  resolved: 2,
  closed: 1,
  cancelled: 1,
  reopened: 1,
  reopenRate: 0.25,
  csat: csat(5, 3),
});
const ON_D2 = fig({ volume: 1, firstResponse: dur(1, 900), reopenRate: 0 });
const ON_TODAY = fig({ volume: 1, firstResponse: dur(1, 120), reopenRate: 0 });
const EMPTY = fig({});

describe.each(DRIVERS)('KPI report over a hand-made month on %s', (driver) => {
  const clock = new ManualClock(`${D1}T00:00:00Z`);
  let sys: TestSystem;
  let a: TestTenant;
  let b: TestTenant;
  let e1: TestUser;
  let e2: TestUser;
  let acCode: string;
  const t: Record<string, { number: string; token: string }> = {};

  const at = (iso: string) => clock.set(iso);
  const kpis = (tenant: TestTenant, query: string) => sys.http.get(`/api/reports/kpis?${query}`).set(auth(tenant.dispatcher.token));
  const report = async (query: string, tenant: TestTenant = a): Promise<KpiReport> => {
    const res = await kpis(tenant, query);
    expect(res.status).toBe(200);
    return res.body as KpiReport;
  };
  const job = (engineer: TestUser, number: string, action: string, body: object = {}) =>
    sys.http.post(`/api/engineer/jobs/${number}/${action}`).set(auth(engineer.token)).send(body).expect(200);
  const publicCall = (token: string, action: string, body: object = {}) =>
    sys.http.post(`/api/public/tickets/${token}/${action}`).send(body).expect(200);
  const file = async (code: string, when: string) => {
    at(when);
    const ticket = await fileTicket(sys.http, `kpi-${randomBytes(6).toString('hex')}`, {
      assetCode: code,
      description: '空调不制冷',
      contactPhone: '13800138000',
    });
    return { number: ticket.number, token: ticket.trackingToken };
  };
  /** Dispatch has settled (offered or escalated), so no job races the next step. */
  const dispatched = (tenantId: number, number: string) =>
    waitFor(async () => {
      const ticket = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId, number });
      const events = await sys.deps.db.ds.getRepository(TicketEvent).countBy({ ticketId: ticket.id, type: 'offered' });
      return (ticket.status === 'offered' && events > 0) || ticket.needsDispatcher;
    }, `dispatch of ${number}`);
  const accept = async (engineer: TestUser, number: string, when: string) => {
    await waitForOffer(sys.http, engineer.token, number);
    at(when);
    await job(engineer, number, 'accept');
  };
  const rollupRows = (tenantId: number) =>
    sys.deps.db.ds
      .getRepository(KpiDaily)
      .find({ where: { tenantId }, order: { grain: 'ASC', day: 'ASC', siteId: 'ASC', category: 'ASC', engineerId: 'ASC' } });

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    const { deps } = sys;
    a = await makeTenant(deps, { dispatchMode: 'auto', offerTimeoutSeconds: 86_400 });
    [e1] = await makeEngineers(deps, a.id, 1, { skills: ['空调'] });
    [e2] = await makeEngineers(deps, a.id, 1, { skills: ['电梯'] });
    const ac = await makeAsset(deps, a.id, a.siteIds[0], { category: '空调' });
    acCode = ac.code;
    const lift = await makeAsset(deps, a.id, a.siteIds[1], { category: '电梯', name: '3 号电梯' });
    const plain = await makeAsset(deps, a.id, a.siteIds[0], { category: null, name: '大门' });

    t.T1 = await file(ac.code, `${D1}T02:00:00Z`);
    await accept(e1, t.T1.number, `${D1}T02:10:00Z`);
    at(`${D1}T02:15:00Z`);
    await job(e1, t.T1.number, 'travel');
    at(`${D1}T02:40:00Z`);
    await job(e1, t.T1.number, 'arrive');
    at(`${D1}T03:40:00Z`);
    await job(e1, t.T1.number, 'resolve', { notes: '更换电容' });
    at(`${D1}T04:00:00Z`);
    await publicCall(t.T1.token, 'confirm');
    await publicCall(t.T1.token, 'rating', { score: 5 });

    t.T2 = await file(lift.code, `${D1}T03:00:00Z`);
    await accept(e2, t.T2.number, `${D1}T03:05:00Z`);
    at(`${D1}T03:35:00Z`);
    await job(e2, t.T2.number, 'arrive');
    at(`${D1}T05:00:00Z`);
    await job(e2, t.T2.number, 'resolve', { notes: '调整平层' });
    at(`${D1}T05:10:00Z`);
    await publicCall(t.T2.token, 'rating', { score: 3 });

    t.T3 = await file(ac.code, `${D1}T05:00:00Z`);
    await accept(e1, t.T3.number, `${D1}T05:20:00Z`);
    at(`${D1}T06:00:00Z`);
    await job(e1, t.T3.number, 'arrive');
    at(`${D1}T07:00:00Z`);
    await job(e1, t.T3.number, 'resolve', { notes: '清洗滤网' });
    at(`${D1}T07:30:00Z`);
    await publicCall(t.T3.token, 'confirm');
    at(`${D1}T08:00:00Z`);
    await publicCall(t.T3.token, 'reopen', { reason: '还是不制冷' });
    await dispatched(a.id, t.T3.number);

    t.T4 = await file(plain.code, `${D1}T15:30:00Z`);
    await dispatched(a.id, t.T4.number);
    at(`${D1}T15:40:00Z`);
    await sys.http.post(`/api/tickets/${t.T4.number}/cancel`).set(auth(a.dispatcher.token)).send({ reason: '重复报修' }).expect(200);

    t.T5 = await file(lift.code, `${D1}T16:30:00Z`);
    await accept(e2, t.T5.number, `${D1}T16:45:00Z`);

    // Tenant B, same days, a ticket worked each day: never in A's figures.
    b = await makeTenant(deps, { dispatchMode: 'auto', offerTimeoutSeconds: 86_400 });
    const [eb] = await makeEngineers(deps, b.id, 1, { skills: ['空调'] });
    const bAsset = await makeAsset(deps, b.id, b.siteIds[0], { category: '空调' });
    const b1 = await file(bAsset.code, `${D1}T02:30:00Z`);
    await accept(eb, b1.number, `${D1}T02:31:00Z`);
    const b2 = await file(bAsset.code, `${TODAY}T00:30:00Z`);
    await accept(eb, b2.number, `${TODAY}T00:35:00Z`);

    t.T6 = await file(ac.code, `${TODAY}T01:00:00Z`);
    await accept(e1, t.T6.number, `${TODAY}T01:02:00Z`);
    at(`${TODAY}T02:00:00Z`);
  });

  afterAll(async () => {
    await sys.stop();
  });

  it('serves finished days from the rollup the sweep builds, and counts today live from the tickets', async () => {
    const query = `from=${D1}&to=${TODAY}&groupBy=day`;
    // Never swept: every day is counted from the tickets, exactly.
    const before = await report(query);
    expect(before.freshness).toEqual({ today: TODAY, rolledUpThrough: null, rolledUpAt: null });
    expect(before.groups.map((g) => g.kpis)).toEqual([ON_D1, ON_D2, EMPTY, ON_TODAY]);

    await sweepKpis(sys.deps);
    const after = await report(query);
    expect(after.freshness).toEqual({ today: TODAY, rolledUpThrough: '2026-11-04', rolledUpAt: `${TODAY}T02:00:00.000Z` });
    expect(after.period).toEqual({
      from: D1,
      to: TODAY,
      timezone: 'Asia/Shanghai',
      groupBy: 'day',
      siteId: null,
      category: null,
      engineerId: null,
    });
    expect(after.groups).toEqual([
      { key: D1, name: D1, kpis: ON_D1 },
      { key: D2, name: D2, kpis: ON_D2 },
      { key: '2026-11-04', name: '2026-11-04', kpis: EMPTY },
      { key: TODAY, name: TODAY, kpis: ON_TODAY },
    ]);
    expect(after.totals).toEqual(
      fig({
        volume: 6,
        firstResponse: dur(5, 624),
        timeToArrive: dur(3, 2700),
        mttr: dur(2, 6600),
        resolved: 2,
        closed: 1,
        cancelled: 1,
        reopened: 1,
        reopenRate: 0.1667,
        csat: csat(5, 3),
      }),
    );
    // Today waits for its end: no rollup row yet.
    expect((await rollupRows(a.id)).map((r) => r.day).filter((d) => d >= TODAY)).toEqual([]);
    const none = await report(`from=${D1}&to=${TODAY}`);
    expect(none.groups).toEqual([]);
    expect(none.totals).toEqual(after.totals);
  });

  it('gives exactly the expected figures per site, category and engineer, and honours the filters', async () => {
    const period = `from=${D1}&to=${TODAY}`;
    const s1 = fig({
      volume: 4,
      firstResponse: dur(3, 640),
      timeToArrive: dur(2, 3000),
      mttr: dur(1, 6000),
      resolved: 1,
      closed: 1,
      cancelled: 1,
      reopened: 1,
      reopenRate: 0.25,
      csat: csat(5),
    });
    const s2 = fig({
      volume: 2,
      firstResponse: dur(2, 600),
      timeToArrive: dur(1, 2100),
      mttr: dur(1, 7200),
      resolved: 1,
      reopenRate: 0,
      csat: csat(3),
    });
    const bySite = await report(`${period}&groupBy=site`);
    expect(bySite.groups).toEqual([
      { key: a.siteIds[0], name: '一号楼 Building 1', kpis: s1 },
      { key: a.siteIds[1], name: '二号楼 Building 2', kpis: s2 },
    ]);
    const byCategory = await report(`${period}&groupBy=category`);
    expect(byCategory.groups).toEqual([
      {
        key: '空调',
        name: '空调',
        kpis: fig({
          volume: 3,
          firstResponse: dur(3, 640),
          timeToArrive: dur(2, 3000),
          mttr: dur(1, 6000),
          resolved: 1,
          closed: 1,
          reopened: 1,
          reopenRate: 0.3333,
          csat: csat(5),
        }),
      },
      { key: '电梯', name: '电梯', kpis: s2 },
      { key: null, name: null, kpis: fig({ volume: 1, cancelled: 1, reopenRate: 0 }) },
    ]);
    const byEngineer = await report(`${period}&groupBy=engineer`);
    expect(byEngineer.groups).toEqual(
      [
        // T3 went back to dispatch when reopened: it has no engineer now.
        { key: e2.id, name: e2.username, kpis: s2 },
        {
          key: e1.id,
          name: e1.username,
          kpis: fig({
            volume: 2,
            firstResponse: dur(2, 360),
            timeToArrive: dur(1, 2400),
            mttr: dur(1, 6000),
            resolved: 1,
            closed: 1,
            reopenRate: 0,
            csat: csat(5),
          }),
        },
        {
          key: null,
          name: null,
          kpis: fig({
            volume: 2,
            firstResponse: dur(1, 1200),
            timeToArrive: dur(1, 3600),
            cancelled: 1,
            reopened: 1,
            reopenRate: 0.5,
          }),
        },
      ].sort((x, y) => y.kpis.volume - x.kpis.volume || String(x.key ?? '\uffff').localeCompare(String(y.key ?? '\uffff'))),
    );

    expect((await report(`${period}&siteId=${a.siteIds[1]}`)).totals).toEqual(s2);
    expect((await report(`${period}&category=${encodeURIComponent('电梯')}`)).totals).toEqual(s2);
    const e2Days = await report(`from=${D1}&to=${D2}&engineerId=${e2.id}&groupBy=day`);
    expect(e2Days.groups.map((g) => [g.key, g.kpis.volume, g.kpis.firstResponse])).toEqual([
      [D1, 1, dur(1, 300)],
      [D2, 1, dur(1, 900)],
    ]);
    const s1ByCategory = await report(`${period}&siteId=${a.siteIds[0]}&groupBy=category`);
    expect(s1ByCategory.groups.map((g) => [g.key, g.kpis.volume])).toEqual([
      ['空调', 3],
      [null, 1],
    ]);
    expect((await report(`from=${D2}&to=${D2}&groupBy=site`)).groups).toEqual([
      { key: a.siteIds[1], name: '二号楼 Building 2', kpis: ON_D2 },
    ]);
  });

  it("never counts another tenant's tickets, and shows that tenant only its own", async () => {
    const own = await report(`from=${D1}&to=${TODAY}&groupBy=engineer`, b);
    expect(own.totals).toMatchObject({ volume: 2, firstResponse: dur(2, 180) });
    expect(own.groups.map((g) => g.key)).not.toContain(e1.id);
    // A's site id named by B: nothing of A's.
    expect((await report(`from=${D1}&to=${TODAY}&siteId=${a.siteIds[0]}`, b)).totals).toEqual(EMPTY);
  });

  it('is one sweep behind for past days, exact for today, and rolls today up once it is over', async () => {
    const period = `from=${D1}&to=${TODAY}&groupBy=day`;
    at(`${TODAY}T03:00:00Z`);
    await publicCall(t.T2.token, 'confirm');
    expect((await report(period)).groups[0].kpis.closed).toBe(1);
    await sweepKpis(sys.deps);
    const swept = await report(period);
    expect(swept.groups[0].kpis).toEqual({ ...ON_D1, closed: 2 });
    expect(swept.freshness.rolledUpAt).toBe(`${TODAY}T03:00:00.000Z`);

    // Filed at 23:59:59 local: counted at once, no sweep needed.
    const lateToday = await file(acCode, `${TODAY}T15:59:59Z`);
    expect(lateToday.number).toMatch(/^BX-20261105-/);
    const live = await report(period);
    expect(live.groups[3].kpis).toEqual({ ...ON_TODAY, volume: 2, reopenRate: 0 });

    // Midnight in Shanghai: the 5th is over. Until the next pass it is still counted live, then rolled up.
    at('2026-11-05T16:00:00Z');
    const unswept = await report(`from=${D1}&to=2026-11-06&groupBy=day`);
    expect(unswept.freshness).toMatchObject({ today: '2026-11-06', rolledUpThrough: '2026-11-04' });
    expect(unswept.groups[3].kpis).toEqual({ ...ON_TODAY, volume: 2, reopenRate: 0 });
    expect((await rollupRows(a.id)).filter((r) => r.day === TODAY)).toEqual([]);
    await sweepKpis(sys.deps);
    expect((await rollupRows(a.id)).filter((r) => r.day === TODAY && r.grain === 0).map((r) => r.tickets)).toEqual([2]);
    const next = await report(`from=${D1}&to=2026-11-06&groupBy=day`);
    expect(next.freshness).toMatchObject({ today: '2026-11-06', rolledUpThrough: TODAY });
    expect(next.groups[3].kpis).toEqual({ ...ON_TODAY, volume: 2, reopenRate: 0 });
    expect(next.groups[4].kpis).toEqual(EMPTY);
  });

  it('sums a finished month from its month rows, to the same figures as its days', async () => {
    const november = `from=2026-11-01&to=2026-11-30`;
    const byEngineer = (r: KpiReport) => r.groups.map((g) => [g.key, g.kpis]);
    // While November lasts it is read by day.
    const daily = await report(`${november}&groupBy=engineer`);
    at('2026-12-10T02:00:00Z');
    await sweepKpis(sys.deps);
    const months = (await rollupRows(a.id)).filter((r) => r.grain >= 8);
    expect(months.map((r) => r.day)).toEqual(Array(months.length).fill('2026-11-01'));
    expect(months.filter((r) => r.grain === 8).map((r) => r.tickets)).toEqual([7]);
    expect(byEngineer(await report(`${november}&groupBy=engineer`))).toEqual(byEngineer(daily));
    expect((await report(`${november}&siteId=${a.siteIds[0]}&groupBy=engineer`)).totals.volume).toBe(5);
    const wide = await report(`from=2026-10-15&to=2026-12-10&groupBy=site`);
    expect(wide.totals).toEqual((await report(`from=2026-11-02&to=2026-11-05`)).totals);

    // A late change to a November ticket reaches the month row with the next pass.
    at('2026-12-10T03:00:00Z');
    await job(e2, t.T5.number, 'arrive');
    await sweepKpis(sys.deps);
    const after = await report(`${november}&engineerId=${e2.id}`);
    expect(after.totals.timeToArrive).toEqual(
      dur(2, (2100 + (Date.parse('2026-12-10T03:00:00Z') - Date.parse(`${D1}T16:30:00Z`)) / 1000) / 2),
    );
    expect((await report(`from=2026-11-02&to=2026-11-03&engineerId=${e2.id}`)).totals).toEqual(after.totals);
  });

  it('rebuilds days idempotently, to the same rows the sweep wrote', async () => {
    const before = await rollupRows(a.id);
    expect(before.length).toBeGreaterThan(0);
    await rebuildKpiDays(sys.deps.db, a.id, [D1, D2, '2026-11-04', TODAY], clock.now());
    await rebuildKpiDays(sys.deps.db, a.id, [TODAY, D1], clock.now());
    expect(await rollupRows(a.id)).toEqual(before);
    // Every grain of a day adds up to the same day total.
    // Every grain of a day (and of the month) adds up to the same total.
    const d1 = before.filter((r) => r.day === D1);
    const month = before.filter((r) => r.grain >= 8);
    for (let grain = 0; grain < 8; grain += 1) {
      expect(d1.filter((r) => r.grain === grain).reduce((n, r) => n + r.tickets, 0)).toBe(4);
      expect(month.filter((r) => r.grain === grain + 8).reduce((n, r) => n + r.tickets, 0)).toBe(grain < 7 ? 7 : 0);
    }
  });

  it('refuses bad periods and filters with 400 VALIDATION_FAILED naming each field', async () => {
    const cases: Array<[string, string[]]> = [
      ['', ['from', 'to']],
      [`from=${D1}`, ['to']],
      [`from=${D2}&to=${D1}`, ['to']],
      ['from=2025-01-01&to=2026-01-02', ['to']],
      ['from=2026-02-30&to=2026-03-01', ['from']],
      ['from=1999-12-31&to=2000-01-01', ['from']],
      [`from=${D1}&to=${D2}&groupBy=week&siteId=abc&engineerId=-1&category=`, ['siteId', 'category', 'engineerId', 'groupBy']],
      [`from=${D1}&from=${D2}&to=${D2}`, ['from']],
    ];
    for (const [query, paths] of cases) {
      const error = expectError(await kpis(a, query), 400, 'VALIDATION_FAILED');
      expect({ query, paths: issuePaths(error).sort() }).toEqual({ query, paths: [...paths].sort() });
    }
    // A leap year is 366 days: allowed.
    expect((await kpis(a, 'from=2028-01-01&to=2028-12-31')).status).toBe(200);
  });

  it('lets dispatchers and admins read the report, and refuses engineers', async () => {
    expect((await sys.http.get(`/api/reports/kpis?from=${D1}&to=${D1}`).set(auth(a.admin.token))).status).toBe(200);
    const error = expectError(await sys.http.get(`/api/reports/kpis?from=${D1}&to=${D1}`).set(auth(e1.token)), 403, 'FORBIDDEN');
    expect(error.details).toEqual({ permission: 'reports:read' });
  });
});
