import { randomBytes } from 'node:crypto';
import { ManualClock } from '../src/lib/clock';
import { sweepEscalations } from '../src/modules/escalation/escalation.service';
import { Offer } from '../src/modules/dispatch/offer.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './helpers/factories';
import { fileTicket } from './helpers/contract';

/** Monday 2026-11-23 09:00 Asia/Shanghai; the default calendar is Monday to Friday 09:00–18:00. */
const MONDAY_9 = '2026-11-23T01:00:00Z';

interface Setup {
  tenant: TestTenant;
  engineers: TestUser[];
  code: string;
}

describe.each(DRIVERS)('SLA escalation actions on %s', (driver) => {
  const clock = new ManualClock(MONDAY_9);
  let sys: TestSystem;

  /** A manual-dispatch tenant (every ticket lands in the dispatcher's queue) with one level at the deadline. */
  const setup = async (level: Record<string, unknown>, engineersOnDuty: boolean[]): Promise<Setup> => {
    const tenant = await makeTenant(sys.deps, { dispatchMode: 'manual', offerTimeoutSeconds: 86_400 * 30 });
    const engineers: TestUser[] = [];
    for (const onDuty of engineersOnDuty) engineers.push(await makeUser(sys.deps, tenant.id, 'engineer', { onDuty }));
    const code = (await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code;
    const resolved =
      typeof level.backupEngineerId === 'number' ? { ...level, backupEngineerId: engineers[level.backupEngineerId].id } : level;
    await sys.http
      .put('/api/settings/sla')
      .set(auth(tenant.admin.token))
      .send({ targets: [{ urgency: 'normal', responseMinutes: 60, resolutionMinutes: 120, warnAtPercent: 80, levels: [resolved] }] })
      .expect(200);
    return { tenant, engineers, code };
  };
  const file = async (s: Setup) => {
    clock.set(MONDAY_9);
    const t = await fileTicket(sys.http, `act-${randomBytes(6).toString('hex')}`, {
      assetCode: s.code,
      description: '漏水',
      contactPhone: '13800138000',
    });
    await waitFor(async () => (await ticketOf(s, t.number)).needsDispatcher, `the dispatcher queue for ${t.number}`);
    return t.number;
  };
  const ticketOf = (s: Setup, number: string) => sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: s.tenant.id, number });
  const offersOf = async (s: Setup, number: string) => {
    const t = await ticketOf(s, number);
    return sys.deps.db.ds.getRepository(Offer).find({ where: { ticketId: t.id }, order: { id: 'ASC' } });
  };
  const detail = async (s: Setup, number: string) =>
    (await sys.http.get(`/api/tickets/${number}`).set(auth(s.tenant.dispatcher.token)).expect(200)).body as {
      events: { type: string; note: string | null }[];
    };
  const breach = async (at: string) => {
    clock.set(at);
    await sweepEscalations(sys.deps);
  };

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
  });
  afterAll(() => sys.stop());

  it('opens a stuck job to every eligible engineer on duty at the deadline, and says so on the timeline', async () => {
    const s = await setup({ offsetMinutes: 0, actions: ['notify_dispatcher', 'reassign_pool'] }, [true, true, false]);
    const number = await file(s);
    expect(await offersOf(s, number)).toEqual([]);
    await breach('2026-11-23T01:59:00Z');
    await new Promise((r) => setTimeout(r, 200));
    expect(await offersOf(s, number)).toEqual([]);
    await breach('2026-11-23T02:00:00Z');
    const offers = await waitFor(async () => {
      const o = await offersOf(s, number);
      return o.length > 0 ? o : null;
    }, 'the pool offers');
    expect(offers.map((o) => [o.engineerId, o.kind, o.status]).sort()).toEqual(
      [
        [s.engineers[0].id, 'pool', 'pending'],
        [s.engineers[1].id, 'pool', 'pending'],
      ].sort(),
    );
    const ticket = await ticketOf(s, number);
    expect(ticket).toMatchObject({ status: 'offered', needsDispatcher: false });
    const events = (await detail(s, number)).events;
    expect(events.filter((e) => e.type === 'sla_escalated').map((e) => e.note)).toEqual([
      'response L0 breach notify_dispatcher,reassign_pool',
    ]);
  });

  it('keeps the job in the dispatcher queue, with the reason, when nobody is eligible for the pool', async () => {
    const s = await setup({ offsetMinutes: 0, actions: ['reassign_pool'] }, [false]);
    const number = await file(s);
    await breach('2026-11-23T02:00:00Z');
    const events = await waitFor(async () => {
      const e = (await detail(s, number)).events;
      return e.some((x) => x.type === 'sla_escalated') ? e : null;
    }, 'the escalation event');
    expect(events.some((e) => e.note === 'sla_no_candidates')).toBe(true);
    expect(await ticketOf(s, number)).toMatchObject({ needsDispatcher: true, engineerId: null });
    expect(await offersOf(s, number)).toEqual([]);
  });

  it('offers the job to the backup engineer alone', async () => {
    const s = await setup({ offsetMinutes: 0, actions: ['assign_backup'], backupEngineerId: 1 }, [true, true]);
    const number = await file(s);
    await breach('2026-11-23T02:00:00Z');
    const offers = await waitFor(async () => {
      const o = await offersOf(s, number);
      return o.length > 0 ? o : null;
    }, 'the backup offer');
    expect(offers.map((o) => [o.engineerId, o.status])).toEqual([[s.engineers[1].id, 'pending']]);
    // The backup engineer can take it.
    await sys.http.post(`/api/engineer/jobs/${number}/accept`).set(auth(s.engineers[1].token)).send({}).expect(200);
    expect(await ticketOf(s, number)).toMatchObject({ status: 'accepted', engineerId: s.engineers[1].id });
  });

  it('never takes a job away from the engineer who holds it: dispatch actions apply only before acceptance', async () => {
    const s = await setup({ offsetMinutes: 0, actions: ['reassign_pool', 'raise_urgency'] }, [true, true]);
    const number = await file(s);
    await sys.http
      .post(`/api/tickets/${number}/assign`)
      .set(auth(s.tenant.dispatcher.token))
      .send({ engineerId: s.engineers[0].id })
      .expect(200);
    await sys.http.post(`/api/engineer/jobs/${number}/accept`).set(auth(s.engineers[0].token)).send({}).expect(200);
    const before = await offersOf(s, number);
    // Response met at the accept; the resolution clock (120 business minutes) breaches at 11:00.
    await breach('2026-11-23T03:00:00Z');
    await waitFor(async () => (await ticketOf(s, number)).urgency === 'high', 'the raised urgency');
    expect(await ticketOf(s, number)).toMatchObject({ status: 'accepted', engineerId: s.engineers[0].id });
    expect((await offersOf(s, number)).map((o) => [o.id, o.status])).toEqual(before.map((o) => [o.id, o.status]));
    const notes = (await detail(s, number)).events.filter((e) => e.type === 'sla_escalated').map((e) => e.note);
    expect(notes).toEqual(['resolution L0 breach reassign_pool,raise_urgency']);
  });

  it('refuses a level that hands the job to a backup without naming one, or naming another tenant’s engineer', async () => {
    const tenant = await makeTenant(sys.deps);
    const res = await sys.http
      .put('/api/settings/sla')
      .set(auth(tenant.admin.token))
      .send({
        targets: [
          {
            urgency: 'normal',
            responseMinutes: 60,
            resolutionMinutes: 120,
            warnAtPercent: 80,
            levels: [{ offsetMinutes: 0, actions: ['assign_backup'] }],
          },
        ],
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('backupEngineerId');
    const other = await makeTenant(sys.deps);
    const stranger = await makeUser(sys.deps, other.id, 'engineer');
    const foreign = await sys.http
      .put('/api/settings/sla')
      .set(auth(tenant.admin.token))
      .send({
        targets: [
          {
            urgency: 'normal',
            responseMinutes: 60,
            resolutionMinutes: 120,
            warnAtPercent: 80,
            levels: [{ offsetMinutes: 0, actions: ['assign_backup'], backupEngineerId: stranger.id }],
          },
        ],
      });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('ENGINEER_NOT_FOUND');
  });
});
