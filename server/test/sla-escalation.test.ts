import { ManualClock } from '../src/lib/clock';
import { SlaEscalation } from '../src/modules/escalation/escalation.entity';
import { fireLevel, sweepEscalations } from '../src/modules/escalation/escalation.service';
import { DRIVERS, waitFor } from './helpers/system';
import { auth } from './helpers/factories';
import { slaFixture } from './helpers/sla-fixture';

/** Default calendar (Asia/Shanghai, Monday to Friday 09:00–18:00). Response 60 minutes, warned at 80 % (48 min). */
const TARGETS = [
  { urgency: 'normal', responseMinutes: 60, resolutionMinutes: 480, warnAtPercent: 80 },
  { urgency: 'low', responseMinutes: 60, resolutionMinutes: 480, levels: [{ offsetMinutes: 10, actions: ['raise_urgency'] }] },
];

describe.each(DRIVERS)('SLA escalation levels on %s', (driver) => {
  const clock = new ManualClock('2026-11-23T01:00:00Z');
  const fx = slaFixture(driver, clock, TARGETS);
  const { file, dispatched, job } = fx;
  const ticketOf = fx.row;
  const accepted = fx.accept;
  const fired = async (number: string) => {
    const t = await ticketOf(number);
    return fx.sys.deps.db.ds.getRepository(SlaEscalation).find({ where: { ticketId: t.id }, order: { level: 'ASC' } });
  };

  it('warns at the threshold and escalates at the deadline, each level once, through the queue', async () => {
    const t = await file('2026-11-23T01:00:00Z');
    await dispatched(t.number);
    clock.set('2026-11-23T01:47:00Z');
    await sweepEscalations(fx.sys.deps);
    expect(await fired(t.number)).toEqual([]);
    clock.set('2026-11-23T01:48:00Z');
    await sweepEscalations(fx.sys.deps);
    const warned = await waitFor(async () => {
      const rows = await fired(t.number);
      return rows.length === 1 ? rows : null;
    }, 'the warning level');
    expect(warned[0]).toMatchObject({ target: 'response', level: 0, actions: ['notify_dispatcher'] });
    clock.set('2026-11-23T02:00:00Z');
    await sweepEscalations(fx.sys.deps);
    await sweepEscalations(fx.sys.deps);
    const both = await waitFor(async () => {
      const rows = await fired(t.number);
      return rows.length >= 2 ? rows : null;
    }, 'the breach level');
    expect(both.map((r) => [r.target, r.level, r.actions])).toEqual([
      ['response', 0, ['notify_dispatcher']],
      ['response', 1, ['notify_dispatcher', 'notify_admin']],
    ]);
    // Sweeping again never fires a level twice.
    await sweepEscalations(fx.sys.deps);
    await new Promise((r) => setTimeout(r, 300));
    expect(await fired(t.number)).toHaveLength(2);
  });

  it('fires a level exactly once when two workers run it at the same moment', async () => {
    const t = await file('2026-11-23T01:00:00Z');
    await dispatched(t.number);
    clock.set('2026-11-23T01:50:00Z');
    const ticket = await ticketOf(t.number);
    const due = { ticketId: ticket.id, target: 'response' as const, level: 0, clockStartedAt: Date.parse('2026-11-23T01:00:00Z') };
    const results = await Promise.all([fireLevel(fx.sys.deps, due), fireLevel(fx.sys.deps, due), fireLevel(fx.sys.deps, due)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await fired(t.number)).toHaveLength(1);
  });

  it('never escalates a clock that is met or paused, and a paused clock escalates later by the pause', async () => {
    const met = await file('2026-11-23T01:00:00Z');
    await accepted(met.number);
    await job(met.number, 'arrive');
    await fx.sys.http.post(`/api/engineer/jobs/${met.number}/resolve`).set(auth(fx.engineer.token)).send({ notes: '已修好' }).expect(200);
    const paused = await file('2026-11-23T01:00:00Z');
    await accepted(paused.number); // response met at once; the resolution clock runs (480 min, warned at 384)
    clock.set('2026-11-23T02:00:00Z');
    await job(paused.number, 'wait-customer');
    // Monday 09:00 + 384 business minutes would be 15:24; paused from 10:00 to Tuesday 10:00, it is Tuesday 15:24.
    clock.set('2026-11-23T07:24:00Z');
    await sweepEscalations(fx.sys.deps);
    clock.set('2026-11-24T02:00:00Z');
    await job(paused.number, 'resume');
    clock.set('2026-11-24T07:23:00Z');
    await sweepEscalations(fx.sys.deps);
    await new Promise((r) => setTimeout(r, 300));
    expect(await fired(met.number)).toEqual([]);
    expect(await fired(paused.number)).toEqual([]);
    clock.set('2026-11-24T07:24:00Z');
    await sweepEscalations(fx.sys.deps);
    const rows = await waitFor(async () => {
      const r = await fired(paused.number);
      return r.length > 0 ? r : null;
    }, 'the shifted warning');
    expect(rows.map((r) => [r.target, r.level])).toEqual([['resolution', 0]]);
  });

  it('raises the urgency at a level that says so (ten business minutes after the deadline)', async () => {
    const t = await file('2026-11-23T01:00:00Z', 'low');
    await dispatched(t.number);
    clock.set('2026-11-23T02:09:00Z');
    await sweepEscalations(fx.sys.deps);
    clock.set('2026-11-23T02:10:00Z');
    await sweepEscalations(fx.sys.deps);
    await waitFor(async () => (await ticketOf(t.number)).urgency === 'normal', 'the raised urgency');
    expect((await fired(t.number)).map((r) => r.actions)).toEqual([['raise_urgency']]);
  });

  it('lists the desk’s tickets breaching within two business hours, most urgent first, overdue included', async () => {
    const overdue = await file('2026-11-24T01:00:00Z'); // Tuesday 09:00: past its response time by Wednesday
    const soon = await file('2026-11-25T01:00:00Z'); // Wednesday 09:00
    const later = await file('2026-11-25T01:20:00Z');
    clock.set('2026-11-25T01:30:00Z');
    const res = await fx.sys.http.get('/api/sla/at-risk').set(auth(fx.tenant.dispatcher.token)).expect(200);
    const mine = res.body.items.filter((i: { number: string }) => [soon.number, later.number].includes(i.number));
    expect(mine).toEqual([
      {
        number: soon.number,
        status: expect.any(String),
        urgency: 'normal',
        siteId: fx.tenant.siteIds[0],
        target: 'response',
        dueAt: '2026-11-25T02:00:00.000Z',
        state: 'running',
        remainingSeconds: 1800,
      },
      {
        number: later.number,
        status: expect.any(String),
        urgency: 'normal',
        siteId: fx.tenant.siteIds[0],
        target: 'response',
        dueAt: '2026-11-25T02:20:00.000Z',
        state: 'running',
        remainingSeconds: 3000,
      },
    ]);
    const narrow = await fx.sys.http.get('/api/sla/at-risk?withinMinutes=40').set(auth(fx.tenant.dispatcher.token)).expect(200);
    expect(narrow.body.items.map((i: { number: string }) => i.number)).toContain(soon.number);
    expect(narrow.body.items.map((i: { number: string }) => i.number)).not.toContain(later.number);
    const first = res.body.items.findIndex((i: { number: string }) => i.number === overdue.number);
    expect(res.body.items[first]).toMatchObject({ target: 'response', state: 'breached' });
    expect(first).toBeLessThan(res.body.items.findIndex((i: { number: string }) => i.number === soon.number));
    expect(res.body.truncated).toBe(false);
  });
});
