import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { KpiReport } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { Offer } from '../src/modules/dispatch/offer.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { sweepKpis } from '../src/modules/reports/kpi.rollup';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeEngineers, makeTenant, type TestTenant, type TestUser } from './helpers/factories';
import { fileTicket } from './helpers/contract';

const D1 = '2026-11-02';
const TODAY = '2026-11-04';

/**
 * What the dashboard adds to the KPI report: declines per engineer, the CSAT distribution and the queue
 * as it stands (open backlog, awaiting dispatcher), the same whether counted live or from the rollup.
 */
describe.each(DRIVERS)('the dashboard figures of the KPI report on %s', (driver) => {
  const clock = new ManualClock(`${D1}T01:00:00Z`);
  let sys: TestSystem;
  let a: TestTenant;
  let engineers: TestUser[];
  const declinedBy = new Map<number, number>();

  const report = async (query: string): Promise<KpiReport> =>
    (await sys.http.get(`/api/reports/kpis?${query}`).set(auth(a.dispatcher.token)).expect(200)).body as KpiReport;
  /** The engineer holding the ticket's pending offer, once dispatch made it. */
  const offeredTo = (number: string) =>
    waitFor(async () => {
      const ticket = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: a.id, number });
      const offer = await sys.deps.db.ds.getRepository(Offer).findOneBy({ ticketId: ticket.id, status: 'pending' });
      return offer ? engineers.find((e) => e.id === offer.engineerId) : null;
    }, `an offer of ${number}`);
  const act = (engineer: TestUser, number: string, action: string, body: object = {}) =>
    sys.http.post(`/api/engineer/jobs/${number}/${action}`).set(auth(engineer.token)).send(body).expect(200);
  const decline = async (number: string) => {
    const engineer = await offeredTo(number);
    await act(engineer, number, 'decline', { reason: '太远了' });
    declinedBy.set(engineer.id, (declinedBy.get(engineer.id) ?? 0) + 1);
  };
  const file = async (code: string, when: string) => {
    clock.set(when);
    return await fileTicket(sys.http, `dash-${randomBytes(6).toString('hex')}`, {
      assetCode: code,
      description: '不制冷',
      contactPhone: '13800138000',
    });
  };

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    a = await makeTenant(sys.deps, { dispatchMode: 'auto', offerTimeoutSeconds: 86_400 });
    engineers = await makeEngineers(sys.deps, a.id, 2, { skills: ['空调'] });
    const asset = await makeAsset(sys.deps, a.id, a.siteIds[0], { category: '空调' });

    // T1: declined once, accepted by the other, fixed and rated 4.
    const t1 = await file(asset.code, `${D1}T02:00:00Z`);
    await decline(t1.number);
    const taker = await offeredTo(t1.number);
    await act(taker, t1.number, 'accept');
    await act(taker, t1.number, 'arrive');
    await act(taker, t1.number, 'resolve', { notes: '加氟' });
    await sys.http.post(`/api/public/tickets/${t1.trackingToken}/rating`).send({ score: 4 }).expect(200);
    // T2: declined by both: waits for a dispatcher.
    const t2 = await file(asset.code, `${D1}T03:00:00Z`);
    await decline(t2.number);
    await decline(t2.number);
    await waitFor(
      async () => (await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: a.id, number: t2.number })).needsDispatcher,
      'escalation',
    );
    // T3: accepted at once, fixed, rated 2.
    const t3 = await file(asset.code, `${D1}T04:00:00Z`);
    const third = await offeredTo(t3.number);
    await act(third, t3.number, 'accept');
    await act(third, t3.number, 'arrive');
    await act(third, t3.number, 'resolve', { notes: '换电容' });
    await sys.http.post(`/api/public/tickets/${t3.trackingToken}/rating`).send({ score: 2 }).expect(200);
    // T4 today: offered, nobody has answered yet.
    const t4 = await file(asset.code, `${TODAY}T02:00:00Z`);
    await offeredTo(t4.number);
  });

  afterAll(async () => {
    await sys.stop();
  });

  it('counts declines for the engineer who declined, the score distribution and the queue now, live and rolled up alike', async () => {
    const period = `from=${D1}&to=${TODAY}`;
    const expectFigures = (byEngineer: KpiReport, totals: KpiReport) => {
      expect(totals.totals).toMatchObject({ volume: 4, declines: 3, csat: { rated: 2, average: 3, distribution: [0, 1, 0, 1, 0] } });
      expect(totals.now).toEqual({ openBacklog: 2, awaitingDispatcher: 1 });
      const declines = Object.fromEntries(byEngineer.groups.map((g) => [String(g.key), g.kpis.declines]));
      expect(declines).toEqual({
        ...Object.fromEntries(engineers.map((e) => [String(e.id), declinedBy.get(e.id) ?? 0])),
        null: 0, // T2 and T4 have no engineer; their declines count for those who declined
      });
      expect(byEngineer.groups.reduce((n, g) => n + g.kpis.volume, 0)).toBe(4);
    };
    expect([...declinedBy.values()].reduce((n, d) => n + d, 0)).toBe(3);
    const liveByEngineer = await report(`${period}&groupBy=engineer`);
    expectFigures(liveByEngineer, await report(period));
    await sweepKpis(sys.deps);
    const rolled = await report(`${period}&groupBy=engineer`);
    expect(rolled.freshness.rolledUpThrough).toBe('2026-11-03');
    expectFigures(rolled, await report(period));
    expect(rolled.groups).toEqual(liveByEngineer.groups);

    // One engineer's filter: their own tickets and the offers they declined.
    const [first] = engineers;
    const own = await report(`${period}&engineerId=${first.id}`);
    expect(own.totals.declines).toBe(declinedBy.get(first.id) ?? 0);
    const perDay = await report(`${period}&groupBy=day`);
    expect(perDay.groups.map((g) => [g.key, g.kpis.volume, g.kpis.declines])).toEqual([
      [D1, 3, 3],
      ['2026-11-03', 0, 0],
      [TODAY, 1, 0],
    ]);
  });

  it('narrows the queue now to the filtered site, and it does not depend on the period', async () => {
    expect((await report(`from=2026-10-01&to=2026-10-01`)).now).toEqual({ openBacklog: 2, awaitingDispatcher: 1 });
    expect((await report(`from=${D1}&to=${TODAY}&siteId=${a.siteIds[1]}`)).now).toEqual({ openBacklog: 0, awaitingDispatcher: 0 });
    expect((await report(`from=${D1}&to=${TODAY}&siteId=${a.siteIds[0]}`)).now).toEqual({ openBacklog: 2, awaitingDispatcher: 1 });
  });

  it("exports the period to an XLSX workbook whose figures are the API's", async () => {
    const period = `from=${D1}&to=${TODAY}`;
    const res = await sys.http
      .get(`/api/reports/kpis/export?${period}`)
      .set(auth(a.dispatcher.token))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`kpis-${D1}-${TODAY}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(res.body as Buffer).buffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '概览 Summary',
      '按日 By day',
      '按站点 By site',
      '按类别 By category',
      '工程师 Engineers',
    ]);
    const api = await report(period);
    const summary = new Map<string, unknown>();
    book.getWorksheet('概览 Summary')?.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('报修量 / Requests')).toBe(api.totals.volume);
    expect(summary.get('当前待派单 / Awaiting dispatcher now')).toBe(api.now.awaitingDispatcher);
    expect(summary.get('拒单 / Declines')).toBe(api.totals.declines);
    expect(summary.get('满意度 / CSAT')).toBe(api.totals.csat.average);
    expect(summary.get('平均修复（分钟）/ MTTR (min)')).toBe(Math.round((api.totals.mttr.avgSeconds ?? 0) / 6) / 10);
    const days = book.getWorksheet('按日 By day');
    expect(days?.rowCount).toBe(1 + 3);
    const byEngineer = await report(`${period}&groupBy=engineer`);
    const sheet = book.getWorksheet('工程师 Engineers');
    const declinesCol = (sheet?.getRow(1).values as unknown[]).indexOf('拒单 / Declines');
    const rows: Array<[string, unknown]> = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) rows.push([String(row.getCell(1).value), row.getCell(declinesCol).value]);
    });
    expect(rows).toEqual(byEngineer.groups.map((g) => [g.name ?? '—', g.kpis.declines]));
  });
});
