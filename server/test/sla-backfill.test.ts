import { randomBytes } from 'node:crypto';
import { ManualClock } from '../src/lib/clock';
import { SlaOutcomeBackfill1796174100000 } from '../src/db/migrations/1796174100000-SlaOutcomeBackfill';
import { sweepEscalations } from '../src/modules/escalation/escalation.service';
import { markSettledForSlaSweep } from '../src/modules/sla/sla.backfill';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './helpers/factories';
import { fileTicket } from './helpers/contract';

/** Monday 2026-11-23 09:00 Asia/Shanghai (01:00Z), inside the default Monday–Friday 09:00–18:00 calendar. */
const MONDAY_9 = '2026-11-23T01:00:00Z';

describe.each(DRIVERS)('SLA outcomes of tickets settled before outcomes were recorded on %s', (driver) => {
  const clock = new ManualClock(MONDAY_9);
  let sys: TestSystem;
  let tenant: TestTenant;
  let engineer: TestUser;
  let code: string;

  const row = (number: string) => sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: tenant.id, number });
  const outcomes = async (number: string) => {
    const t = await row(number);
    return [t.slaResponseOutcome, t.slaArrivalOutcome, t.slaResolutionOutcome];
  };
  const job = (number: string, action: string, body: object = {}) =>
    sys.http.post(`/api/engineer/jobs/${number}/${action}`).set(auth(engineer.token)).send(body).expect(200);
  /** A ticket filed at `at`, accepted `acceptAfterMin` minutes later and resolved right after. */
  const settled = async (at: string, acceptAfterMin: number) => {
    clock.set(at);
    const t = await fileTicket(sys.http, `bf-${randomBytes(6).toString('hex')}`, {
      assetCode: code,
      description: '漏水',
      contactPhone: '13800138000',
    });
    await waitFor(async () => (await row(t.number)).needsDispatcher, `dispatch of ${t.number}`);
    await sys.http.post(`/api/tickets/${t.number}/assign`).set(auth(tenant.dispatcher.token)).send({ engineerId: engineer.id }).expect(200);
    clock.set(new Date(Date.parse(at) + acceptAfterMin * 60_000).toISOString());
    await job(t.number, 'accept');
    await job(t.number, 'arrive');
    await job(t.number, 'resolve', { notes: '已修复' });
    return t.number;
  };
  /** What a database from before SlaAttainment holds for a settled ticket: no outcomes, no next instant. */
  const forget = async (numbers: string[]) => {
    for (const n of numbers) {
      await sys.deps.db.ds.query(
        'UPDATE tickets SET slaNextAt = NULL, slaResponseOutcome = NULL, slaArrivalOutcome = NULL, slaResolutionOutcome = NULL WHERE id = ?',
        [(await row(n)).id],
      );
    }
  };

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    tenant = await makeTenant(sys.deps, { dispatchMode: 'manual', offerTimeoutSeconds: 86_400 * 30 });
    engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    code = (await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code;
    await sys.http
      .put('/api/settings/sla')
      .set(auth(tenant.admin.token))
      .send({ targets: [{ urgency: 'normal', responseMinutes: 60, resolutionMinutes: 480 }] })
      .expect(200);
  });
  afterAll(() => sys.stop());

  it('hands settled tickets with clocks and no outcome to the sweep, which records met and breached from the replayed clocks', async () => {
    const met = await settled(MONDAY_9, 10);
    const breached = await settled('2026-11-24T01:00:00Z', 90);
    await forget([met, breached]);
    const now = new Date('2026-11-25T02:00:00Z');
    clock.set(now.toISOString());
    // A sweep before the backfill does not see them: their next instant is null.
    await sweepEscalations(sys.deps);
    expect(await outcomes(met)).toEqual([null, null, null]);
    expect(await markSettledForSlaSweep(sys.deps, now)).toBeGreaterThanOrEqual(2);
    expect((await row(met)).slaNextAt?.toISOString()).toBe(now.toISOString());
    const before = (await row(breached)).version;
    await sweepEscalations(sys.deps);
    expect(await outcomes(met)).toEqual([1, null, 1]);
    expect(await outcomes(breached)).toEqual([0, null, 1]);
    expect((await row(met)).slaNextAt).toBeNull();
    expect((await row(breached)).version).toBe(before + 1); // the KPI rollup re-reads its day
    // Once decided, a second pass marks nothing of theirs.
    await markSettledForSlaSweep(sys.deps, now);
    expect((await row(met)).slaNextAt).toBeNull();
    expect((await row(breached)).slaNextAt).toBeNull();
  });

  it('leaves open tickets and tickets filed more than 400 days ago alone', async () => {
    const old = await settled('2026-11-26T01:00:00Z', 10);
    const open = await fileTicket(sys.http, `bf-${randomBytes(6).toString('hex')}`, {
      assetCode: code,
      description: '漏水',
      contactPhone: '13800138000',
    });
    // Its dispatch (a queued job on Redis) sets the next instant too: let it land before the slate is wiped.
    await waitFor(async () => (await row(open.number)).needsDispatcher, `dispatch of ${open.number}`);
    await forget([old, open.number]);
    // 401 days after filing: too old to replay.
    const now = new Date(Date.parse('2026-11-26T01:00:00Z') + 401 * 86_400_000);
    await markSettledForSlaSweep(sys.deps, now);
    expect((await row(old)).slaNextAt).toBeNull();
    expect((await row(open.number)).slaNextAt).toBeNull();
  });

  if (driver === 'mysql') {
    it('is migration 1796174100000 on MySQL: the same tickets get slaNextAt = now (UTC)', async () => {
      clock.set(MONDAY_9);
      const recent = await settled(new Date(Date.now() - 2 * 86_400_000).toISOString(), 90);
      await forget([recent]);
      const runner = sys.deps.db.ds.createQueryRunner();
      try {
        await new SlaOutcomeBackfill1796174100000().up(runner);
      } finally {
        await runner.release();
      }
      const next = (await row(recent)).slaNextAt;
      expect(next).not.toBeNull();
      expect(Math.abs((next as Date).getTime() - Date.now())).toBeLessThan(120_000);
      clock.set(new Date().toISOString());
      await sweepEscalations(sys.deps);
      // Filed two days ago by the wall clock: met or breached depends on the hour, but both are decided now.
      expect((await outcomes(recent)).map((o) => o !== null)).toEqual([true, false, true]);
    });
  }
});
