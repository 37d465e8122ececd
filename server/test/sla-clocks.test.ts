import { randomBytes } from 'node:crypto';
import type { StaffTicket, TicketSla } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { SlaClockEvent } from '../src/modules/sla/clock-event.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeUser, makeTenant, type TestTenant, type TestUser } from './helpers/factories';
import { fileTicket } from './helpers/contract';

/** Asia/Shanghai (UTC+8), Monday to Friday 09:00–18:00 with China's holidays: the default calendar. */
const TARGETS = [{ urgency: 'normal', responseMinutes: 60, arrivalMinutes: 240, resolutionMinutes: 480, warnAtPercent: 80 }];

describe.each(DRIVERS)('SLA clocks replayed from the ledger on %s', (driver) => {
  const clock = new ManualClock('2026-11-23T01:00:00Z');
  let sys: TestSystem;
  let tenant: TestTenant;
  let engineer: TestUser;
  let code: string;

  const file = async (at: string) => {
    clock.set(at);
    const t = await fileTicket(sys.http, `sla-${randomBytes(6).toString('hex')}`, {
      assetCode: code,
      description: '空调不制冷',
      contactPhone: '13800138000',
    });
    return t;
  };
  const staffView = async (number: string): Promise<StaffTicket> =>
    (await sys.http.get(`/api/tickets/${number}`).set(auth(tenant.dispatcher.token)).expect(200)).body.ticket as StaffTicket;
  const slaOf = async (number: string): Promise<TicketSla> => (await staffView(number)).sla;
  const job = (number: string, action: string, body: object = {}) =>
    sys.http.post(`/api/engineer/jobs/${number}/${action}`).set(auth(engineer.token)).send(body).expect(200);
  /** Manual mode: once dispatch has handed the ticket to the dispatcher, no job races the assignment. */
  const dispatched = (number: string) =>
    waitFor(
      async () => (await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: tenant.id, number })).needsDispatcher,
      `dispatch of ${number}`,
    );
  const assign = async (number: string) => {
    await dispatched(number);
    await sys.http.post(`/api/tickets/${number}/assign`).set(auth(tenant.dispatcher.token)).send({ engineerId: engineer.id }).expect(200);
  };
  const at = (iso: string) => clock.set(iso);

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    tenant = await makeTenant(sys.deps, { dispatchMode: 'manual', offerTimeoutSeconds: 86_400 * 30 });
    engineer = await makeUser(sys.deps, tenant.id, 'engineer', { skills: ['空调'] });
    code = (await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code;
    await sys.http.put('/api/settings/sla').set(auth(tenant.admin.token)).send({ targets: TARGETS }).expect(200);
  });
  afterAll(() => sys.stop());

  it('starts three clocks in the intake transaction', async () => {
    const t = await file('2026-11-23T01:00:00Z');
    const ticket = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: tenant.id, number: t.number });
    const rows = await sys.deps.db.ds.getRepository(SlaClockEvent).find({ where: { ticketId: ticket.id }, order: { id: 'ASC' } });
    expect(rows.map((r) => [r.target, r.kind, r.cause])).toEqual([
      ['response', 'start', 'created'],
      ['arrival', 'start', 'created'],
      ['resolution', 'start', 'created'],
    ]);
  });

  it('a request filed on a Friday evening is due for response on Monday morning', async () => {
    const t = await file('2026-11-27T09:30:00Z'); // Friday 17:30
    const sla = await slaOf(t.number);
    expect(sla.response).toEqual({ dueAt: '2026-11-30T01:30:00.000Z', state: 'running', pausedSeconds: 0, remainingSeconds: 3600 });
    expect(sla.resolution?.dueAt).toBe('2026-11-30T08:30:00.000Z');
    // Over the weekend nothing runs down.
    at('2026-11-29T04:00:00Z');
    expect((await slaOf(t.number)).response?.remainingSeconds).toBe(1800);
    // Monday 09:31: a minute overdue.
    at('2026-11-30T01:31:00Z');
    expect((await slaOf(t.number)).response).toMatchObject({ state: 'breached', remainingSeconds: -60 });
  });

  it('a request filed the day before National Day is due after the holiday', async () => {
    const t = await file('2026-09-30T09:30:00Z'); // Wednesday 17:30; 1–7 October off, Thursday 8th back at work
    const sla = await slaOf(t.number);
    expect(sla.response?.dueAt).toBe('2026-10-08T01:30:00.000Z');
    expect(sla.arrival?.dueAt).toBe('2026-10-08T04:30:00.000Z');
    expect(sla.resolution?.dueAt).toBe('2026-10-08T08:30:00.000Z');
  });

  it('meets response on accept and arrival on site, pauses while waiting for the customer and resumes', async () => {
    const t = await file('2026-11-23T01:00:00Z'); // Monday 09:00
    await assign(t.number);
    at('2026-11-23T01:20:00Z');
    await job(t.number, 'accept');
    at('2026-11-23T02:00:00Z');
    await job(t.number, 'arrive');
    let sla = await slaOf(t.number);
    expect(sla.response).toMatchObject({ state: 'met', dueAt: '2026-11-23T02:00:00.000Z', remainingSeconds: 2400 });
    expect(sla.arrival).toMatchObject({ state: 'met', remainingSeconds: 3 * 3600 });
    expect(sla.resolution).toMatchObject({ state: 'running', dueAt: '2026-11-23T09:00:00.000Z' });
    // Waiting for a part from Monday 10:00 to Tuesday 10:00: nine business hours paused.
    await job(t.number, 'wait-customer');
    at('2026-11-24T01:00:00Z');
    sla = await slaOf(t.number);
    expect(sla.resolution).toEqual({ dueAt: null, state: 'paused', pausedSeconds: 8 * 3600, remainingSeconds: 7 * 3600 });
    at('2026-11-24T02:00:00Z');
    const resumed = (await job(t.number, 'resume')).body.ticket as StaffTicket;
    // The engineer's job carries its due times: seven hours from Tuesday 10:00 is Tuesday 17:00.
    expect(resumed.sla.resolution).toEqual({
      dueAt: '2026-11-24T09:00:00.000Z',
      state: 'running',
      pausedSeconds: 9 * 3600,
      remainingSeconds: 7 * 3600,
    });
    at('2026-11-24T08:00:00Z');
    await job(t.number, 'resolve', { notes: '更换压缩机' });
    expect((await slaOf(t.number)).resolution).toMatchObject({ state: 'met', remainingSeconds: 3600 });
  });

  it('starts a new resolution clock on reopen and keeps the first response result', async () => {
    const t = await file('2026-11-23T01:00:00Z');
    await assign(t.number);
    at('2026-11-23T01:10:00Z');
    await job(t.number, 'accept');
    await job(t.number, 'arrive');
    at('2026-11-23T03:00:00Z');
    await job(t.number, 'resolve', { notes: '已修好' });
    at('2026-11-25T01:00:00Z'); // Wednesday 09:00
    await sys.http.post(`/api/public/tickets/${t.trackingToken}/reopen`).send({ reason: '又坏了' }).expect(200);
    const sla = await slaOf(t.number);
    expect(sla.response?.state).toBe('met');
    expect(sla.resolution).toEqual({ dueAt: '2026-11-25T09:00:00.000Z', state: 'running', pausedSeconds: 0, remainingSeconds: 8 * 3600 });
  });

  it('shows the reporter the promised response time until an engineer accepts', async () => {
    const t = await file('2026-11-27T09:30:00Z');
    const tracked = await sys.http.get(`/api/public/tickets/${t.trackingToken}`).expect(200);
    expect(tracked.body.ticket.respondBy).toBe('2026-11-30T01:30:00.000Z');
    await assign(t.number);
    await job(t.number, 'accept');
    expect((await sys.http.get(`/api/public/tickets/${t.trackingToken}`).expect(200)).body.ticket.respondBy).toBeNull();
  });

  it('recomputes an open ticket deterministically when the calendar changes', async () => {
    const t = await file('2026-11-27T09:30:00Z');
    const hours = (sat: [string, string][]) => ({
      timezone: 'Asia/Shanghai',
      holidays: 'cn',
      week: {
        mon: [['09:00', '18:00']],
        tue: [['09:00', '18:00']],
        wed: [['09:00', '18:00']],
        thu: [['09:00', '18:00']],
        fri: [['09:00', '18:00']],
        sat,
        sun: [],
      },
    });
    await sys.http
      .put('/api/settings/business-hours')
      .set(auth(tenant.admin.token))
      .send(hours([['09:00', '12:00']]))
      .expect(200);
    expect((await slaOf(t.number)).response?.dueAt).toBe('2026-11-28T01:30:00.000Z'); // Saturday 09:30
    await sys.http.put('/api/settings/business-hours').set(auth(tenant.admin.token)).send(hours([])).expect(200);
    expect((await slaOf(t.number)).response?.dueAt).toBe('2026-11-30T01:30:00.000Z');
  });

  it('resets every clock of a cancelled ticket: it neither meets nor breaches', async () => {
    const t = await file('2026-11-23T01:00:00Z');
    await dispatched(t.number); // else the queued dispatch may race the cancel (409 CONFLICT on the ticket's version)
    await sys.http.post(`/api/tickets/${t.number}/cancel`).set(auth(tenant.dispatcher.token)).send({ reason: '重复报修' }).expect(200);
    expect(await slaOf(t.number)).toEqual({ response: null, arrival: null, resolution: null });
  });
});
