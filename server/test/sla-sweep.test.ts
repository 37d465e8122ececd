import type { KpiReport } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { sweepEscalations } from '../src/modules/escalation/escalation.service';
import { sweepKpis } from '../src/modules/reports/kpi.rollup';
import { DRIVERS, waitFor } from './helpers/system';
import { auth, makeTenant } from './helpers/factories';
import { slaFixture } from './helpers/sla-fixture';

/**
 * Default calendar (Asia/Shanghai, Monday to Friday 09:00–18:00). Monday 2026-11-23 09:00 is 01:00Z.
 * normal: response 60 min (warned at 48), resolution 480 (warned at 384); high: response 30 min.
 */
const TARGETS = [
  { urgency: 'normal', responseMinutes: 60, resolutionMinutes: 480, warnAtPercent: 80 },
  { urgency: 'high', responseMinutes: 30, resolutionMinutes: 240, warnAtPercent: 80 },
];
const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

describe.each(DRIVERS)('SLA sweep by next instant, outcomes and attainment on %s', (driver) => {
  const clock = new ManualClock('2026-11-23T01:00:00Z');
  const fx = slaFixture(driver, clock, TARGETS);
  const { row, dispatched, job, accept } = fx;
  /** Files a ticket and waits until dispatch handed it to the dispatcher (manual mode), so no job races the sweep. */
  const file = async (at: string, urgency = 'normal') => {
    const t = await fx.file(at, urgency);
    await dispatched(t.number);
    return t;
  };
  const outcomes = async (number: string) => {
    const t = await row(number);
    return [t.slaResponseOutcome, t.slaArrivalOutcome, t.slaResolutionOutcome];
  };
  const sweepAt = async (at: string) => {
    clock.set(at);
    await sweepEscalations(fx.sys.deps);
  };

  it('is due at intake, then waits for its next instant (the warning level) and leaves tickets without a target alone', async () => {
    const t = await file('2026-11-23T01:00:00Z');
    const low = await file('2026-11-23T01:00:00Z', 'low'); // no target for low
    expect(iso((await row(t.number)).slaNextAt)).toBe('2026-11-23T01:00:00.000Z');
    await sweepAt('2026-11-23T01:00:05Z');
    expect((await row(low.number)).slaNextAt).toBeNull();
    expect(iso((await row(t.number)).slaNextAt)).toBe('2026-11-23T01:48:00.000Z');
    expect(await outcomes(t.number)).toEqual([null, null, null]);
    // Past the warning: the level is enqueued; once it fired, the next instant is the response deadline.
    await sweepAt('2026-11-23T01:48:00Z');
    await waitFor(
      async () =>
        ((await fx.sys.deps.db.ds.query('SELECT id FROM sla_escalations WHERE ticketId = ?', [(await row(t.number)).id])) as unknown[])
          .length === 1,
      'the warning',
    );
    await sweepAt('2026-11-23T01:49:00Z');
    expect(iso((await row(t.number)).slaNextAt)).toBe('2026-11-23T02:00:00.000Z');
  });

  it('records met when the response came before its deadline and breached at the deadline, which a late acceptance does not undo', async () => {
    const met = await file('2026-11-24T01:00:00Z');
    const late = await file('2026-11-24T01:00:00Z');
    clock.set('2026-11-24T01:30:00Z');
    await accept(met.number);
    expect(iso((await row(met.number)).slaNextAt)).toBe('2026-11-24T01:30:00.000Z');
    await sweepAt('2026-11-24T01:30:01Z');
    expect(await outcomes(met.number)).toEqual([1, null, null]);
    const before = await row(late.number);
    await sweepAt('2026-11-24T02:00:01Z');
    const breached = await row(late.number);
    expect(breached.slaResponseOutcome).toBe(0);
    // The outcome is a change the KPI rollup must see: version and updatedAt move.
    expect(breached.version).toBeGreaterThan(before.version);
    expect(iso(breached.updatedAt)).toBe('2026-11-24T02:00:01.000Z');
    clock.set('2026-11-24T02:10:00Z');
    await accept(late.number);
    await sweepAt('2026-11-24T02:10:01Z');
    expect((await row(late.number)).slaResponseOutcome).toBe(0);
  });

  it('keeps a breached resolution breached across a reopen, and leaves a cancelled ticket’s undecided outcomes null', async () => {
    const t = await file('2026-11-25T01:00:00Z', 'high');
    clock.set('2026-11-25T01:10:00Z');
    await accept(t.number);
    await job(t.number, 'arrive');
    // Resolution 240 business minutes from 09:00: due 13:00 (05:00Z); resolved at 14:00.
    await sweepAt('2026-11-25T05:00:01Z');
    expect(await outcomes(t.number)).toEqual([1, null, 0]);
    clock.set('2026-11-25T06:00:00Z');
    await job(t.number, 'resolve', { notes: '已修好' });
    await fx.sys.http.post(`/api/public/tickets/${t.trackingToken}/reopen`).send({ reason: '还是漏' }).expect(200);
    await sweepAt('2026-11-25T06:00:01Z');
    expect(await outcomes(t.number)).toEqual([1, null, 0]);
    expect(iso((await row(t.number)).slaNextAt)).not.toBeNull();

    const cancelled = await file('2026-11-25T07:00:00Z');
    await sweepAt('2026-11-25T07:00:01Z');
    clock.set('2026-11-25T07:10:00Z');
    await fx.sys.http.post(`/api/tickets/${cancelled.number}/cancel`).set(auth(fx.tenant.admin.token)).send({ reason: '重复' }).expect(200);
    await sweepAt('2026-11-26T07:00:00Z'); // a day later: long past every deadline it had
    expect(await outcomes(cancelled.number)).toEqual([null, null, null]);
    expect((await row(cancelled.number)).slaNextAt).toBeNull();
  });

  it('makes every open ticket of the tenant due again when the policy or the calendar changes', async () => {
    const t = await file('2026-11-26T01:00:00Z');
    await sweepAt('2026-11-26T01:00:01Z');
    expect(iso((await row(t.number)).slaNextAt)).toBe('2026-11-26T01:48:00.000Z');
    clock.set('2026-11-26T01:05:00Z');
    const policy = await fx.sys.http.get('/api/settings/sla').set(auth(fx.tenant.admin.token)).expect(200);
    await fx.sys.http.put('/api/settings/sla').set(auth(fx.tenant.admin.token)).send({ targets: policy.body.sla.targets }).expect(200);
    expect(iso((await row(t.number)).slaNextAt)).toBe('2026-11-26T01:05:00.000Z');
    await sweepAt('2026-11-26T01:05:01Z');
    clock.set('2026-11-26T01:06:00Z');
    const hours = await fx.sys.http.get('/api/settings/business-hours').set(auth(fx.tenant.admin.token)).expect(200);
    const { timezone, week, holidays, extraHolidays, extraWorkdays } = hours.body.businessHours;
    await fx.sys.http
      .put('/api/settings/business-hours')
      .set(auth(fx.tenant.admin.token))
      .send({ timezone, week, holidays, extraHolidays, extraWorkdays })
      .expect(200);
    expect(iso((await row(t.number)).slaNextAt)).toBe('2026-11-26T01:06:00.000Z');
  });

  it('reports attainment per target and urgency in /api/reports/kpis, by engineer too', async () => {
    clock.set('2026-11-26T03:00:00Z');
    const res = await fx.sys.http.get('/api/reports/kpis?from=2026-11-23&to=2026-11-26').set(auth(fx.tenant.admin.token)).expect(200);
    const body = res.body as KpiReport;
    expect(body.slaPolicy).toBe(true);
    // Response: met (Tue), breached (Tue), met (Wed, high), the Monday ticket breached at 10:00, the Thursday one breached at 10:00.
    const response = body.totals.sla.response;
    expect(response.byUrgency.high).toEqual({ due: 1, met: 1, rate: 1 });
    expect(response.byUrgency.low).toEqual({ due: 0, met: 0, rate: null });
    expect(response.due).toBe(response.byUrgency.normal.due + 1);
    expect(response.rate).toBe(Math.round((response.met / response.due) * 10_000) / 10_000);
    expect(body.totals.sla.resolution.byUrgency.high).toEqual({ due: 1, met: 0, rate: 0 });
    expect(body.totals.sla.arrival).toMatchObject({ due: 0, rate: null });
    const byEngineer = await fx.sys.http
      .get('/api/reports/kpis?from=2026-11-23&to=2026-11-26&groupBy=engineer')
      .set(auth(fx.tenant.admin.token))
      .expect(200);
    const mine = (byEngineer.body as KpiReport).groups.find((g) => g.key === fx.engineer.id);
    // The engineer accepted Tuesday's two normal tickets (one met, one late); the reopened high one has no engineer now.
    expect(mine?.kpis.sla.response.byUrgency.normal).toEqual({ due: 2, met: 1, rate: 0.5 });
    // The finished days from the rollup give the same attainment as the tickets counted live.
    await sweepKpis(fx.sys.deps);
    const rolled = (await fx.sys.http.get('/api/reports/kpis?from=2026-11-23&to=2026-11-26').set(auth(fx.tenant.admin.token)).expect(200))
      .body as KpiReport;
    expect(rolled.freshness.rolledUpThrough).toBe('2026-11-25');
    expect(rolled.totals.sla).toEqual(body.totals.sla);
  });

  it('shows no policy in the report of a tenant without SLA targets', async () => {
    const other = await makeTenant(fx.sys.deps, { dispatchMode: 'manual' });
    const res = await fx.sys.http.get('/api/reports/kpis?from=2026-11-23&to=2026-11-26').set(auth(other.admin.token)).expect(200);
    expect((res.body as KpiReport).slaPolicy).toBe(false);
    expect((res.body as KpiReport).totals.sla.response).toEqual({
      due: 0,
      met: 0,
      rate: null,
      byUrgency: { low: { due: 0, met: 0, rate: null }, normal: { due: 0, met: 0, rate: null }, high: { due: 0, met: 0, rate: null } },
    });
  });
});
