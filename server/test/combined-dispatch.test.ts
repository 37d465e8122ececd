import { randomBytes } from 'node:crypto';
import type { WeekFrames } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { fireLevel, sweepEscalations } from '../src/modules/escalation/escalation.service';
import { SlaEscalation } from '../src/modules/escalation/escalation.entity';
import { Offer } from '../src/modules/dispatch/offer.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './helpers/factories';
import { errorOf, fileTicket } from './helpers/contract';

/** Monday 2026-11-23 09:00 Asia/Shanghai; the default calendar is Monday to Friday 09:00–18:00. */
const MONDAY_9 = '2026-11-23T01:00:00Z';
const EMPTY: WeekFrames = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
/** Works Monday mornings (the tests' instants), Shanghai time. */
const MONDAY_SHIFT: WeekFrames = { ...EMPTY, mon: [['08:00', '12:00']] };
/** Works weekend nights only: off on a Monday morning whatever the switch says. */
const WEEKEND_NIGHTS: WeekFrames = { ...EMPTY, sat: [['22:00', '06:00']], sun: [['22:00', '06:00']] };

describe.each(DRIVERS)('combined dispatch and engineer shifts on %s', (driver) => {
  const clock = new ManualClock(MONDAY_9);
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
  });
  afterAll(() => sys.stop());

  const putShifts = (t: TestTenant, e: { id: number }, body: Record<string, unknown>) =>
    sys.http.put(`/api/engineers/${e.id}/shifts`).set(auth(t.admin.token)).send(body);
  const ticketOf = (t: TestTenant, number: string) => sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: t.id, number });
  const offersOf = async (t: TestTenant, number: string) =>
    sys.deps.db.ds.getRepository(Offer).find({ where: { ticketId: (await ticketOf(t, number)).id }, order: { id: 'ASC' } });
  const eventsOf = async (t: TestTenant, number: string) =>
    (
      (await sys.http.get(`/api/tickets/${number}`).set(auth(t.dispatcher.token)).expect(200)).body as {
        events: { type: string; note: string | null }[];
      }
    ).events;
  const file = async (code: string) =>
    (
      await fileTicket(sys.http, `cmb-${randomBytes(6).toString('hex')}`, {
        assetCode: code,
        description: '空调不制冷',
        contactPhone: '13800138000',
      })
    ).number;
  /** Two sweeps at once (two workers) at an instant. */
  const sweepAt = async (at: string) => {
    clock.set(at);
    await Promise.all([sweepEscalations(sys.deps), sweepEscalations(sys.deps)]);
  };

  it('offers by the rules, opens the job to the on-duty pool at the response warning and hands it to the dispatcher at the breach, each once', async () => {
    clock.set(MONDAY_9);
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'combined', offerTimeoutSeconds: 86_400 * 20 });
    const [a, b, nights, switchedOff, forcedOn] = [
      await makeUser(sys.deps, tenant.id, 'engineer'),
      await makeUser(sys.deps, tenant.id, 'engineer'),
      await makeUser(sys.deps, tenant.id, 'engineer'),
      await makeUser(sys.deps, tenant.id, 'engineer', { onDuty: false }),
      await makeUser(sys.deps, tenant.id, 'engineer', { onDuty: false }),
    ];
    await putShifts(tenant, nights, { week: WEEKEND_NIGHTS }).expect(200);
    const forced = await putShifts(tenant, forcedOn, { week: WEEKEND_NIGHTS, dutyOverride: 'on' }).expect(200);
    expect(forced.body.shifts).toMatchObject({ dutyOverride: 'on', onDutyNow: true, timezone: 'Asia/Shanghai' });
    const onDuty = [a.id, b.id, forcedOn.id].sort((x, y) => x - y);
    await sys.http
      .put('/api/settings/sla')
      .set(auth(tenant.admin.token))
      .send({ targets: [{ urgency: 'normal', responseMinutes: 60, resolutionMinutes: 480, warnAtPercent: 80 }] })
      .expect(200);
    const code = (await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code;
    const number = await file(code);

    // Rules first: one automatic offer, to an engineer on duty.
    const first = await waitFor(async () => {
      const o = await offersOf(tenant, number);
      return o.length > 0 ? o : null;
    }, 'the automatic offer');
    expect(first.map((o) => o.kind)).toEqual(['auto']);
    expect(onDuty).toContain(first[0].engineerId);

    // 47 of 60 business minutes: nothing yet. 48 (80 %): the warning opens the pool to everyone on duty.
    await sweepAt('2026-11-23T01:47:00Z');
    await new Promise((r) => setTimeout(r, 200));
    expect((await offersOf(tenant, number)).filter((o) => o.kind === 'pool')).toEqual([]);
    await sweepAt('2026-11-23T01:48:00Z');
    const pool = await waitFor(async () => {
      const o = (await offersOf(tenant, number)).filter((x) => x.kind === 'pool');
      return o.length > 0 ? o : null;
    }, 'the pool offers');
    expect(pool.map((o) => [o.engineerId, o.status]).sort((x, y) => (x[0] as number) - (y[0] as number))).toEqual(
      onDuty.map((id) => [id, 'pending']),
    );
    // Off shift (weekend nights) with the switch on, and switched off without shifts: neither is asked.
    expect(pool.map((o) => o.engineerId)).not.toContain(nights.id);
    expect(pool.map((o) => o.engineerId)).not.toContain(switchedOff.id);
    expect((await offersOf(tenant, number)).find((o) => o.kind === 'auto')?.status).toBe('withdrawn');
    expect(await ticketOf(tenant, number)).toMatchObject({ status: 'offered', needsDispatcher: false });

    // B goes off duty by the override: B's claim is refused; the offer stays open to the others.
    await putShifts(tenant, b, { week: null, dutyOverride: 'off' }).expect(200);
    const refused = await sys.http.post(`/api/engineer/jobs/${number}/accept`).set(auth(b.token)).send({});
    expect(refused.status).toBe(409);
    expect(errorOf(refused.body)?.code).toBe('ENGINEER_OFF_DUTY');
    expect(await ticketOf(tenant, number)).toMatchObject({ status: 'offered', engineerId: null });

    // The warning again, later: it fired once.
    await sweepAt('2026-11-23T01:55:00Z');
    // The breach: nobody took it, the dispatcher's queue has it; offers withdrawn.
    await sweepAt('2026-11-23T02:00:00Z');
    await waitFor(async () => (await ticketOf(tenant, number)).needsDispatcher, 'the dispatcher queue');
    await sweepAt('2026-11-23T02:05:00Z');
    expect(await ticketOf(tenant, number)).toMatchObject({ status: 'new', needsDispatcher: true, engineerId: null });
    expect((await offersOf(tenant, number)).filter((o) => o.status === 'pending')).toEqual([]);
    const desk = await sys.http.get('/api/tickets/desk?group=awaiting_dispatcher').set(auth(tenant.dispatcher.token)).expect(200);
    expect((desk.body as { items: { number: string }[] }).items.map((i) => i.number)).toContain(number);

    const events = await eventsOf(tenant, number);
    expect(events.filter((e) => e.type === 'sla_escalated').map((e) => e.note)).toEqual([
      'response L0 warning notify_dispatcher,reassign_pool',
      'response L1 breach notify_dispatcher,notify_admin,to_dispatcher',
    ]);
    expect(events.filter((e) => e.type === 'escalated').map((e) => e.note)).toEqual(['sla_to_dispatcher']);
    const fired = await sys.deps.db.ds
      .getRepository(SlaEscalation)
      .find({ where: { ticketId: (await ticketOf(tenant, number)).id }, order: { level: 'ASC' } });
    expect(fired.map((f) => [f.target, f.level])).toEqual([
      ['response', 0],
      ['response', 1],
    ]);
    // A late duplicate job for either level changes nothing.
    for (const f of fired) {
      expect(
        await fireLevel(sys.deps, {
          ticketId: f.ticketId,
          target: 'response',
          level: f.level,
          clockStartedAt: new Date(f.clockStartedAt).getTime(),
        }),
      ).toBe(false);
    }
  });

  it('stops at the pool once someone on duty claims the job: no hand-over to the dispatcher at the breach', async () => {
    clock.set(MONDAY_9);
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'combined', offerTimeoutSeconds: 86_400 * 20 });
    const engineers = [await makeUser(sys.deps, tenant.id, 'engineer'), await makeUser(sys.deps, tenant.id, 'engineer')];
    await sys.http
      .put('/api/settings/sla')
      .set(auth(tenant.admin.token))
      .send({ targets: [{ urgency: 'normal', responseMinutes: 60, resolutionMinutes: 480, warnAtPercent: 80 }] })
      .expect(200);
    const number = await file((await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code);
    await waitFor(async () => (await offersOf(tenant, number)).length > 0, 'the automatic offer');
    await sweepAt('2026-11-23T01:48:00Z');
    const pool = await waitFor(async () => {
      const o = (await offersOf(tenant, number)).filter((x) => x.kind === 'pool');
      return o.length === 2 ? o : null;
    }, 'the pool offers');
    const claimer = engineers.find((e) => e.id === pool[1].engineerId) as TestUser;
    await sys.http.post(`/api/engineer/jobs/${number}/accept`).set(auth(claimer.token)).send({}).expect(200);
    await sweepAt('2026-11-23T02:30:00Z');
    await new Promise((r) => setTimeout(r, 300));
    expect(await ticketOf(tenant, number)).toMatchObject({ status: 'accepted', engineerId: claimer.id, needsDispatcher: false });
    expect((await eventsOf(tenant, number)).filter((e) => e.type === 'sla_escalated').map((e) => e.note)).toEqual([
      'response L0 warning notify_dispatcher,reassign_pool',
    ]);
  });

  it('never offers a job to an engineer off shift: the pattern beats the switch, a leave day and the "off" override take them out', async () => {
    clock.set(MONDAY_9);
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto', offerTimeoutSeconds: 600 });
    const onShift = await makeUser(sys.deps, tenant.id, 'engineer', { onDuty: false });
    const onLeave = await makeUser(sys.deps, tenant.id, 'engineer');
    const overridden = await makeUser(sys.deps, tenant.id, 'engineer');
    const offShift = await makeUser(sys.deps, tenant.id, 'engineer');
    await putShifts(tenant, onShift, { week: MONDAY_SHIFT }).expect(200);
    await putShifts(tenant, onLeave, { week: MONDAY_SHIFT, leaveDays: ['2026-11-23'] }).expect(200);
    await putShifts(tenant, overridden, { week: MONDAY_SHIFT, dutyOverride: 'off' }).expect(200);
    await putShifts(tenant, offShift, { week: WEEKEND_NIGHTS }).expect(200);
    const number = await file((await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code);
    const offers = await waitFor(async () => {
      const o = await offersOf(tenant, number);
      return o.length > 0 ? o : null;
    }, 'the offer');
    expect(offers.map((o) => o.engineerId)).toEqual([onShift.id]);
    // The one on shift passes: nobody else may be asked, so the dispatcher gets it.
    await sys.http.post(`/api/engineer/jobs/${number}/decline`).set(auth(onShift.token)).send({ reason: '在忙' }).expect(200);
    await waitFor(async () => (await ticketOf(tenant, number)).needsDispatcher, 'the dispatcher queue');
    expect((await offersOf(tenant, number)).map((o) => o.engineerId)).toEqual([onShift.id]);
    // The dispatcher's assign picker says who is on duty now by the same decision.
    const picker = (await sys.http.get(`/api/tickets/${number}/engineers`).set(auth(tenant.dispatcher.token)).expect(200)).body as {
      items: { id: number; onDuty: boolean }[];
    };
    expect(Object.fromEntries(picker.items.map((i) => [i.id, i.onDuty]))).toEqual({
      [onShift.id]: true,
      [onLeave.id]: false,
      [overridden.id]: false,
      [offShift.id]: false,
    });
    // The engineer and staff lists say the same as onDutyNow, and keep onDuty as the raw switch.
    const want = { [onShift.id]: [false, true], [onLeave.id]: [true, false], [overridden.id]: [true, false], [offShift.id]: [true, false] };
    type Duty = { id: number; role?: string; onDuty: boolean; onDutyNow: boolean };
    const duties = (items: Duty[]) =>
      Object.fromEntries(items.filter((i) => i.role === undefined || i.role === 'engineer').map((i) => [i.id, [i.onDuty, i.onDutyNow]]));
    expect(duties((await sys.http.get('/api/engineers').set(auth(tenant.dispatcher.token)).expect(200)).body.items as Duty[])).toEqual(
      want,
    );
    expect(duties((await sys.http.get('/api/staff').set(auth(tenant.admin.token)).expect(200)).body.items as Duty[])).toEqual(want);
    expect((await sys.http.get(`/api/engineers/${onShift.id}`).set(auth(tenant.dispatcher.token)).expect(200)).body.engineer).toMatchObject(
      { onDuty: false, onDutyNow: true },
    );
    // At noon the Monday shift is over: nobody is offered the next job.
    clock.set('2026-11-23T04:00:00Z');
    const later = await file((await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code);
    await waitFor(async () => (await ticketOf(tenant, later)).needsDispatcher, 'the dispatcher queue at noon');
    expect(await offersOf(tenant, later)).toEqual([]);
  });

  it('lets admins write shifts, dispatchers read them, an engineer read their own only, and explains bad frames', async () => {
    const tenant = await makeTenant(sys.deps);
    const me = await makeUser(sys.deps, tenant.id, 'engineer');
    const other = await makeUser(sys.deps, tenant.id, 'engineer');
    clock.set(MONDAY_9);
    const put = await putShifts(tenant, me, { week: MONDAY_SHIFT, leaveDays: ['2026-12-01'] }).expect(200);
    expect(put.body.shifts).toEqual({
      engineerId: me.id,
      week: MONDAY_SHIFT,
      leaveDays: ['2026-12-01'],
      dutyOverride: 'none',
      onDutySwitch: true,
      onDutyNow: true,
      timezone: 'Asia/Shanghai',
    });
    const read = await sys.http.get(`/api/engineers/${me.id}/shifts`).set(auth(tenant.dispatcher.token)).expect(200);
    expect(read.body).toEqual(put.body);
    await sys.http.get(`/api/engineers/${me.id}/shifts`).set(auth(me.token)).expect(200);
    const foreign = await sys.http.get(`/api/engineers/${other.id}/shifts`).set(auth(me.token));
    expect([foreign.status, errorOf(foreign.body)?.code]).toEqual([404, 'ENGINEER_NOT_FOUND']);
    const none = await sys.http.get(`/api/engineers/${other.id}/shifts`).set(auth(tenant.admin.token)).expect(200);
    expect(none.body.shifts).toMatchObject({ week: null, leaveDays: [], dutyOverride: 'none', onDutyNow: true });
    const bad = await putShifts(tenant, me, { week: { ...EMPTY, mon: [['09:00', '25:00']] }, leaveDays: ['2026-12-01', '2026-12-01'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('week');
    expect(JSON.stringify(bad.body)).toContain('leaveDays');
    const notEngineer = await putShifts(tenant, tenant.dispatcher, { week: null });
    expect(errorOf(notEngineer.body)?.code).toBe('ENGINEER_NOT_FOUND');
  });
});
