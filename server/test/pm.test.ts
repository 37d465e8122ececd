import type { PmCompliance, PmOccurrence, PmOverduePage, PmPlan, PmVisit, StaffTicket } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { PmOccurrenceRow, PmPlanRow } from '../src/modules/pm/pm.entity';
import { PM_BACKFILL_DAYS, sweepPm } from '../src/modules/pm/pm.generate';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { SlaClockEvent } from '../src/modules/sla/clock-event.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './helpers/factories';
import { expectError, waitForOffer } from './helpers/contract';

const CHECKLIST = [
  { label: '滤网清洁 Filter clean', kind: 'check', required: true },
  { label: '压力 Pressure (MPa)', kind: 'number', min: 1, max: 2, required: true },
  { label: '备注 Notes', kind: 'text', required: false },
];

describe.each(DRIVERS)('preventive maintenance on %s', (driver) => {
  // Monday 2 February 2026, 09:00 in Shanghai. Spring Festival holidays: 15–23 February; 14 and 28 February are 调休 workdays.
  const clock = new ManualClock('2026-02-02T01:00:00Z');
  let sys: TestSystem;
  let tenant: TestTenant;
  let engineer: TestUser;
  let assetIds: number[];

  const plan = (over: Record<string, unknown> = {}) => ({
    name: '空调月度保养',
    target: { assetIds },
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    startsOn: '2026-02-02',
    basedOn: 'schedule',
    leadDays: 7,
    holidayPolicy: 'forward',
    checklist: CHECKLIST,
    ...over,
  });
  const createPlan = async (over: Record<string, unknown> = {}, t: TestTenant = tenant): Promise<PmPlan> =>
    ((await sys.http.post('/api/pm/plans').set(auth(t.admin.token)).send(plan(over)).expect(201)).body as { plan: PmPlan }).plan;
  const occurrences = async (from: string, to: string, t: TestTenant = tenant): Promise<PmOccurrence[]> =>
    (
      (await sys.http.get(`/api/pm/occurrences?from=${from}&to=${to}`).set(auth(t.dispatcher.token)).expect(200)).body as {
        items: PmOccurrence[];
      }
    ).items;
  const ticketsOf = (tenantId: number) => sys.deps.db.ds.getRepository(Ticket).find({ where: { tenantId }, order: { id: 'ASC' } });
  const pause = (id: number, t: TestTenant = tenant) =>
    sys.http.patch(`/api/pm/plans/${id}`).set(auth(t.admin.token)).send({ active: false }).expect(200);

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    tenant = await makeTenant(sys.deps, { dispatchMode: 'auto', offerTimeoutSeconds: 86_400 * 30 });
    engineer = await makeUser(sys.deps, tenant.id, 'engineer', { skills: ['空调'] });
    assetIds = [(await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).id, (await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).id];
  });
  afterAll(() => sys.stop());
  beforeEach(() => clock.set('2026-02-02T01:00:00Z'));

  it("creates, lists, reads and edits a plan, keeping each checklist item's id across edits", async () => {
    const created = await createPlan();
    expect(created).toMatchObject({ name: '空调月度保养', active: true, basedOn: 'schedule', target: { assetIds } });
    expect(created.checklist.map((i) => i.id)).toHaveLength(3);
    expect(new Set(created.checklist.map((i) => i.id)).size).toBe(3);
    const list = await sys.http.get('/api/pm/plans').set(auth(engineer.token)).expect(200);
    expect((list.body as { items: PmPlan[] }).items.map((p) => p.id)).toContain(created.id);
    await sys.http.get(`/api/pm/plans/${created.id}`).set(auth(engineer.token)).expect(200);
    const [first, second] = created.checklist;
    const edited = await sys.http
      .patch(`/api/pm/plans/${created.id}`)
      .set(auth(tenant.dispatcher.token))
      .send({
        name: '改名',
        checklist: [{ ...second }, { ...first, label: '滤网 Filter' }, { label: '新项', kind: 'photo', required: false }],
      })
      .expect(200);
    const after = (edited.body as { plan: PmPlan }).plan;
    expect(after.name).toBe('改名');
    expect(after.checklist.slice(0, 2).map((i) => i.id)).toEqual([second.id, first.id]);
    expect(after.checklist[2].id).not.toEqual(first.id);
    await pause(created.id);
  });

  it("refuses a sub-daily rule, another tenant's asset or site, a range over 400 days, and hides plans from other tenants", async () => {
    expectError(
      await sys.http
        .post('/api/pm/plans')
        .set(auth(tenant.admin.token))
        .send(plan({ rrule: 'FREQ=HOURLY' })),
      400,
      'PM_RRULE_INVALID',
    );
    expectError(
      await sys.http
        .post('/api/pm/plans')
        .set(auth(tenant.admin.token))
        .send(plan({ rrule: 'FREQ=DAILY;BYHOUR=0' })),
      400,
      'PM_RRULE_INVALID',
    );
    const other = await makeTenant(sys.deps);
    expectError(await sys.http.post('/api/pm/plans').set(auth(other.admin.token)).send(plan()), 404, 'ASSET_NOT_FOUND');
    expectError(
      await sys.http
        .post('/api/pm/plans')
        .set(auth(other.admin.token))
        .send(plan({ target: { siteId: tenant.siteIds[0] } })),
      404,
      'SITE_NOT_FOUND',
    );
    expectError(
      await sys.http.get('/api/pm/occurrences?from=2026-01-01&to=2027-06-01').set(auth(tenant.dispatcher.token)),
      400,
      'PM_RANGE_TOO_WIDE',
    );
    const mine = await createPlan();
    expectError(await sys.http.get(`/api/pm/plans/${mine.id}`).set(auth(other.admin.token)), 404, 'PM_PLAN_NOT_FOUND');
    expectError(
      await sys.http.patch(`/api/pm/plans/${mine.id}`).set(auth(other.admin.token)).send({ name: 'x' }),
      404,
      'PM_PLAN_NOT_FOUND',
    );
    expectError(await sys.http.post('/api/pm/plans').set(auth(engineer.token)).send(plan()), 403, 'FORBIDDEN');
    await pause(mine.id);
  });

  it('projects weekly Monday visits on the business calendar: the Spring Festival Mondays move forward to 24 February', async () => {
    const p = await createPlan();
    const items = (await occurrences('2026-02-01', '2026-03-08')).filter((o) => o.planId === p.id && o.assetId === assetIds[0]);
    expect(items.map((o) => o.dueOn)).toEqual(['2026-02-02', '2026-02-09', '2026-02-24', '2026-03-02']);
    await pause(p.id);
  });

  it("generates each visit's ticket leadDays ahead exactly once when two sweeps run at once, with gap-free numbers, and a re-run creates none", async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'auto', offerTimeoutSeconds: 86_400 * 30 });
    const eng = await makeUser(sys.deps, t.id, 'engineer', { skills: ['空调'] });
    const ids = [(await makeAsset(sys.deps, t.id, t.siteIds[0])).id, (await makeAsset(sys.deps, t.id, t.siteIds[1])).id];
    const p = (
      (
        await sys.http
          .post('/api/pm/plans')
          .set(auth(t.admin.token))
          .send(plan({ target: { assetIds: ids } }))
          .expect(201)
      ).body as { plan: PmPlan }
    ).plan;
    await Promise.all([sweepPm(sys.deps), sweepPm(sys.deps), sweepPm(sys.deps)]);
    // Due 2 and 9 February (within 7 days), for both assets.
    const rows = await sys.deps.db.ds
      .getRepository(PmOccurrenceRow)
      .find({ where: { planId: p.id }, order: { assetId: 'ASC', dueOn: 'ASC' } });
    expect(rows.map((r) => `${r.assetId}@${r.dueOn}`)).toEqual([
      `${ids[0]}@2026-02-02`,
      `${ids[0]}@2026-02-09`,
      `${ids[1]}@2026-02-02`,
      `${ids[1]}@2026-02-09`,
    ]);
    const tickets = await ticketsOf(t.id);
    expect(tickets).toHaveLength(4);
    expect(tickets.every((x) => x.type === 'preventive')).toBe(true);
    // The assets are in warranty (factory: to 2099): their visits are covered as a repair on them would be.
    expect(tickets.map((x) => x.coverage)).toEqual(['warranty', 'warranty', 'warranty', 'warranty']);
    expect(new Set(rows.map((r) => r.ticketId)).size).toBe(4);
    // The sweeps that lost the race rolled back with their ticket numbers: the tenant's day is numbered 1…4.
    expect(tickets.map((x) => x.number.slice(-4)).sort()).toEqual(['0001', '0002', '0003', '0004']);
    // Due by its date, not by an SLA response time counted from generation.
    expect(await sys.deps.db.ds.getRepository(SlaClockEvent).countBy({ tenantId: t.id })).toBe(0);
    await sweepPm(sys.deps);
    expect(await ticketsOf(t.id)).toHaveLength(4);
    // The next day brings nothing new until 16 February's visit (moved to 24 Feb) is within 7 days.
    clock.set('2026-02-17T01:00:00Z');
    await sweepPm(sys.deps);
    expect(await ticketsOf(t.id)).toHaveLength(6);
    const listed = await occurrences('2026-02-01', '2026-02-28', t);
    expect(
      listed
        .filter((o) => o.ticketNumber)
        .map((o) => o.ticketNumber)
        .sort(),
    ).toEqual(
      tickets
        .concat((await ticketsOf(t.id)).slice(4))
        .map((x) => x.number)
        .sort(),
    );
    // Dispatched like a repair: offered to the engineer with the skill.
    const offered = await waitForOffer(sys.http, eng.token, tickets[0].number);
    expect(offered).toMatchObject({ type: 'preventive', sourceTicketNumber: null });
    await pause(p.id, t);
  });

  describe('the checklist on resolve', () => {
    let p: PmPlan;
    let jobs: string[];
    const item = (label: string) => p.checklist.find((i) => i.label.startsWith(label))?.id as string;
    const resolve = (number: string, body: Record<string, unknown>) =>
      sys.http
        .post(`/api/engineer/jobs/${number}/resolve`)
        .set(auth(engineer.token))
        .send({ notes: '已保养', ...body });

    beforeAll(async () => {
      clock.set('2026-02-02T01:00:00Z');
      p = await createPlan({ leadDays: 0 });
      await sweepPm(sys.deps);
      const rows = await sys.deps.db.ds.getRepository(PmOccurrenceRow).find({ where: { planId: p.id }, order: { assetId: 'ASC' } });
      const tickets = await sys.deps.db.ds.getRepository(Ticket).findBy(rows.map((r) => ({ id: r.ticketId as number })));
      jobs = rows.map((r) => (tickets.find((t) => t.id === r.ticketId) as Ticket).number);
      expect(jobs).toHaveLength(2);
      for (const number of jobs) {
        clock.set('2026-02-02T01:00:00Z');
        await waitForOffer(sys.http, engineer.token, number);
        await sys.http.post(`/api/engineer/jobs/${number}/accept`).set(auth(engineer.token)).expect(200);
        await sys.http.post(`/api/engineer/jobs/${number}/arrive`).set(auth(engineer.token)).expect(200);
      }
      await pause(p.id);
    });

    it('refuses a resolve with required items missing, values of the wrong kind or unknown items, naming each item', async () => {
      const missing = expectError(await resolve(jobs[0], {}), 422, 'PM_CHECKLIST_INVALID');
      expect(missing.details.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ itemId: item('滤网'), reason: 'required' }),
          expect.objectContaining({ itemId: item('压力'), reason: 'required' }),
        ]),
      );
      const wrong = expectError(
        await resolve(jobs[0], {
          checklist: [
            { itemId: item('滤网'), value: 'yes' },
            { itemId: item('压力'), value: true },
            { itemId: 'nope', value: 1 },
          ],
        }),
        422,
        'PM_CHECKLIST_INVALID',
      );
      expect(wrong.details.items).toEqual([
        { itemId: 'nope', reason: 'unknown_item' },
        expect.objectContaining({ itemId: item('滤网'), reason: 'wrong_kind', expected: 'check' }),
        expect.objectContaining({ itemId: item('压力'), reason: 'wrong_kind', expected: 'number' }),
      ]);
      const t = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: tenant.id, number: jobs[0] });
      expect(t.status).toBe('on_site');
    });

    it('resolves a clean visit without a corrective ticket and stores the answers', async () => {
      clock.set('2026-02-02T05:00:00Z');
      await resolve(jobs[0], {
        checklist: [
          { itemId: item('滤网'), value: true },
          { itemId: item('压力'), value: 1.5 },
        ],
      }).expect(200);
      const row = await sys.deps.db.ds
        .getRepository(PmOccurrenceRow)
        .findOneByOrFail({ planId: p.id, assetId: assetIds[0], dueOn: '2026-02-02' });
      expect(row.correctiveTicketId).toBeNull();
      expect(row.results).toMatchObject({
        failed: [],
        answers: [
          { itemId: item('滤网'), value: true },
          { itemId: item('压力'), value: 1.5 },
        ],
      });
    });

    it('opens a corrective repair ticket linked to the visit for an out-of-range reading or a failed check', async () => {
      clock.set('2026-02-03T05:00:00Z');
      await resolve(jobs[1], {
        checklist: [
          { itemId: item('滤网'), value: false },
          { itemId: item('压力'), value: 2.6 },
        ],
      }).expect(200);
      const row = await sys.deps.db.ds
        .getRepository(PmOccurrenceRow)
        .findOneByOrFail({ planId: p.id, assetId: assetIds[1], dueOn: '2026-02-02' });
      expect(row.results?.failed).toEqual([item('滤网'), item('压力')]);
      const corrective = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ id: row.correctiveTicketId as number });
      const visit = await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: tenant.id, number: jobs[1] });
      expect(corrective).toMatchObject({ type: 'repair', sourceTicketId: visit.id, assetId: assetIds[1], status: expect.any(String) });
      expect(corrective.description).toContain('2.6');
      const visit2 = await sys.http.get(`/api/pm/visits/${jobs[1]}`).set(auth(engineer.token)).expect(200);
      expect((visit2.body as { visit: PmVisit }).visit).toMatchObject({
        planId: p.id,
        dueOn: '2026-02-02',
        correctiveTicketNumber: corrective.number,
        checklist: p.checklist,
      });
      expectError(await sys.http.get(`/api/pm/visits/${corrective.number}`).set(auth(engineer.token)), 404, 'TICKET_NOT_FOUND');
      const shown = await sys.http.get(`/api/tickets/${corrective.number}`).set(auth(tenant.dispatcher.token)).expect(200);
      expect((shown.body as { ticket: StaffTicket }).ticket).toMatchObject({ type: 'repair', sourceTicketNumber: jobs[1] });
    });

    it('reports compliance per site and category (one on time, one late) and lists overdue visits', async () => {
      clock.set('2026-02-10T01:00:00Z');
      const res = await sys.http.get('/api/pm/compliance?from=2026-02-01&to=2026-02-28').set(auth(tenant.dispatcher.token)).expect(200);
      const body = res.body as PmCompliance;
      const row = body.rows.find((r) => r.siteId === tenant.siteIds[0] && r.category === '空调');
      // Due on 2 Feb: the first done that day, the second on 3 Feb; other plans' visits of this tenant are open and overdue.
      expect(row).toMatchObject({ doneOnTime: 1, doneLate: 1 });
      expect(row?.due).toBeGreaterThanOrEqual(2);
      expect(body.overdue.every((o) => o.dueOn < '2026-02-10')).toBe(true);
    });
  });

  it("projects a completion-based plan's next visit from the day the last one was done", async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const id = (await makeAsset(sys.deps, t.id, t.siteIds[0])).id;
    const p = (
      (
        await sys.http
          .post('/api/pm/plans')
          .set(auth(t.admin.token))
          .send(
            plan({
              target: { assetIds: [id] },
              rrule: 'FREQ=DAILY;INTERVAL=30',
              basedOn: 'completion',
              holidayPolicy: 'ignore',
              leadDays: 0,
              checklist: [],
            }),
          )
          .expect(201)
      ).body as { plan: PmPlan }
    ).plan;
    expect((await occurrences('2026-02-01', '2026-04-30', t)).map((o) => o.dueOn)).toEqual(['2026-02-02']);
    await sweepPm(sys.deps);
    const [visit] = await ticketsOf(t.id);
    await waitFor(async () => (await ticketsOf(t.id))[0].needsDispatcher, 'the visit to reach the dispatcher');
    // Done on 10 February: the next visit is 30 days after that, and no other is projected while it is open.
    await sys.deps.db.ds
      .getRepository(Ticket)
      .update({ id: visit.id }, { status: 'resolved', resolvedAt: new Date('2026-02-10T03:00:00Z') });
    expect((await occurrences('2026-02-01', '2026-04-30', t)).map((o) => o.dueOn)).toEqual(['2026-02-02', '2026-03-12']);
    await pause(p.id, t);
  });

  describe('back-fill of visits missed while no worker ran, and the overdue list', () => {
    let t: TestTenant;
    let ids: number[];
    let p: PmPlan;
    const rowsOf = async (planId: number) =>
      (await sys.deps.db.ds.getRepository(PmOccurrenceRow).find({ where: { planId }, order: { dueOn: 'ASC', assetId: 'ASC' } })).map(
        (r) => `${r.assetId === ids[0] ? 'a' : 'b'}@${r.dueOn}${r.late ? ' late' : ''}`,
      );
    const overdue = async (query = '', tenantOf: TestTenant = t): Promise<PmOverduePage> =>
      (await sys.http.get(`/api/pm/overdue${query}`).set(auth(tenantOf.dispatcher.token)).expect(200)).body as PmOverduePage;

    beforeAll(async () => {
      // Monday 2 March 2026: the plan (weekly on Mondays since 2 February, generated on the day) and its assets are new.
      clock.set('2026-03-02T01:00:00Z');
      t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
      ids = [(await makeAsset(sys.deps, t.id, t.siteIds[0])).id, (await makeAsset(sys.deps, t.id, t.siteIds[0])).id];
      p = (
        (
          await sys.http
            .post('/api/pm/plans')
            .set(auth(t.admin.token))
            .send(plan({ target: { assetIds: ids }, holidayPolicy: 'ignore', leadDays: 0, checklist: [] }))
            .expect(201)
        ).body as { plan: PmPlan }
      ).plan;
    });

    it('starts a new plan from today (its past Mondays are not back-filled), then generates the Mondays a stopped worker missed once, marked late, with two workers and re-runs', async () => {
      clock.set('2026-03-02T01:00:00Z');
      await sweepPm(sys.deps);
      expect(await rowsOf(p.id)).toEqual(['a@2026-03-02', 'b@2026-03-02']);
      // The worker is down from 3 March to Thursday 19 March: 9 and 16 March were never generated.
      clock.set('2026-03-19T01:00:00Z');
      await Promise.all([sweepPm(sys.deps), sweepPm(sys.deps)]);
      await sweepPm(sys.deps);
      expect(await rowsOf(p.id)).toEqual([
        'a@2026-03-02',
        'b@2026-03-02',
        'a@2026-03-09 late',
        'b@2026-03-09 late',
        'a@2026-03-16 late',
        'b@2026-03-16 late',
      ]);
      const tickets = await ticketsOf(t.id);
      expect(tickets).toHaveLength(6);
      const late = tickets.filter((x) => x.description.startsWith('【已逾期 Overdue】'));
      expect(late).toHaveLength(4);
      expect(late.every((x) => x.urgency === 'high' && x.type === 'preventive')).toBe(true);
      // A late visit is also a late visit on the calendar.
      const calendar = (await occurrences('2026-03-01', '2026-03-20', t)).filter((o) => o.planId === p.id && o.assetId === ids[0]);
      expect(calendar.map((o) => `${o.dueOn}${o.late ? ' late' : ''}`)).toEqual(['2026-03-02', '2026-03-09 late', '2026-03-16 late']);
      expect(await sys.deps.db.ds.getRepository(PmPlanRow).findOneByOrFail({ id: p.id })).toMatchObject({ generatedThrough: '2026-03-19' });
    });

    it('still generates, not late, a visit whose generation day (dueOn − leadDays) passed while the worker was down but whose due date has not', async () => {
      clock.set('2026-03-02T01:00:00Z');
      const t2 = await makeTenant(sys.deps, { dispatchMode: 'manual' });
      const id = (await makeAsset(sys.deps, t2.id, t2.siteIds[0])).id;
      const p2 = (
        (
          await sys.http
            .post('/api/pm/plans')
            .set(auth(t2.admin.token))
            .send(plan({ target: { assetIds: [id] }, holidayPolicy: 'ignore', leadDays: 7, checklist: [] }))
            .expect(201)
        ).body as { plan: PmPlan }
      ).plan;
      await sweepPm(sys.deps);
      // Down from 3 to 14 March: 16 March's visit was due to be generated on 9 March.
      clock.set('2026-03-14T01:00:00Z');
      await sweepPm(sys.deps);
      const rows = await sys.deps.db.ds.getRepository(PmOccurrenceRow).find({ where: { planId: p2.id }, order: { dueOn: 'ASC' } });
      expect(rows.map((r) => `${r.dueOn}${r.late ? ' late' : ''}`)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
      await pause(p2.id, t2);
    });

    it("lists the overdue visits oldest first with plan, asset, site, ticket and days overdue, paged, leaving out resolved ones and other tenants'", async () => {
      clock.set('2026-03-19T01:00:00Z');
      const all = await overdue('?pageSize=100');
      expect(all.total).toBe(6);
      expect(all.items.map((o) => [o.dueOn, o.daysOverdue, o.late])).toEqual([
        ['2026-03-02', 17, false],
        ['2026-03-02', 17, false],
        ['2026-03-09', 10, true],
        ['2026-03-09', 10, true],
        ['2026-03-16', 3, true],
        ['2026-03-16', 3, true],
      ]);
      expect(all.items[0]).toMatchObject({ planId: p.id, planName: '空调月度保养', siteId: t.siteIds[0], status: 'new' });
      expect(all.items[0].assetName).toEqual(expect.any(String));
      expect(all.items[0].site).toEqual(expect.any(String));
      const numbers = new Set((await ticketsOf(t.id)).map((x) => x.number));
      expect(all.items.every((o) => o.ticketNumber !== null && numbers.has(o.ticketNumber))).toBe(true);
      const second = await overdue('?pageSize=4&page=2');
      expect(second).toMatchObject({ page: 2, pageSize: 4, total: 6 });
      expect(second.items.map((o) => o.dueOn)).toEqual(['2026-03-16', '2026-03-16']);
      // Resolved (or closed, or cancelled) is no longer overdue; a visit due today is not overdue yet.
      const first = await sys.deps.db.ds
        .getRepository(Ticket)
        .findOneByOrFail({ tenantId: t.id, number: all.items[0].ticketNumber as string });
      await sys.deps.db.ds
        .getRepository(Ticket)
        .update({ id: first.id }, { status: 'resolved', resolvedAt: new Date('2026-03-18T03:00:00Z') });
      expect((await overdue()).total).toBe(5);
      expect((await overdue(`?siteId=${t.siteIds[1]}`)).total).toBe(0);
      expect((await overdue(`?planId=${p.id}`)).total).toBe(5);
      // Another tenant sees none of them, even naming this plan.
      const other = await makeTenant(sys.deps);
      expect((await overdue(`?planId=${p.id}`, other)).items).toEqual([]);
    });

    it('generates nothing for the weeks a plan was paused once it is resumed, and back-fills at most PM_BACKFILL_DAYS', async () => {
      clock.set('2026-03-19T01:00:00Z');
      await pause(p.id, t);
      clock.set('2026-04-02T01:00:00Z');
      await sys.http.patch(`/api/pm/plans/${p.id}`).set(auth(t.admin.token)).send({ active: true }).expect(200);
      await sweepPm(sys.deps);
      // 23 and 30 March fell due while paused: not generated; nothing is due on Thursday 2 April.
      expect(await rowsOf(p.id)).toHaveLength(6);
      // Then the worker is down for two months: only the Mondays within PM_BACKFILL_DAYS of 4 June are back-filled.
      clock.set('2026-06-04T01:00:00Z');
      await sweepPm(sys.deps);
      const after = (await rowsOf(p.id)).filter((r) => r.slice(2) > '2026-04-02').map((r) => r.slice(2));
      const floor = new Date(Date.parse('2026-06-04T00:00:00Z') - PM_BACKFILL_DAYS * 86_400_000).toISOString().slice(0, 10);
      expect([...new Set(after)]).toEqual(
        ['2026-05-04 late', '2026-05-11 late', '2026-05-18 late', '2026-05-25 late', '2026-06-01 late'].filter(
          (d) => d.slice(0, 10) >= floor,
        ),
      );
      await pause(p.id, t);
    });
  });
});
