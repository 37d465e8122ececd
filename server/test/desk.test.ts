import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { CursorPage, DeskGroup, DeskPage, DeskTicketDetail, EngineerChoice, StaffTicket } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { EXPORT_BATCH } from '../src/modules/desk/desk.export';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './helpers/factories';
import { expectError, fileTicket } from './helpers/contract';

describe.each(DRIVERS)("the dispatcher's desk on %s", (driver) => {
  const clock = new ManualClock('2026-11-10T01:00:00Z');
  let sys: TestSystem;
  let m: TestTenant; // manual dispatch: every ticket waits for the dispatcher
  let other: TestTenant;
  let engineer: TestUser;
  let disp: TestUser;
  let adm: TestUser;
  let acCode: string;
  let lampCode: string;
  const filed: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const desk = async (query: string, tenant: TestTenant = m): Promise<DeskPage> => {
    const res = await sys.http.get(`/api/tickets/desk?${query}`).set(auth(tenant.dispatcher.token));
    expect(res.status).toBe(200);
    return res.body as DeskPage;
  };
  const numbers = (p: { items: StaffTicket[] }) => p.items.map((t) => t.number);
  const file = async (name: string, input: Record<string, unknown>) => {
    clock.advance(60_000);
    const t = await fileTicket(sys.http, `desk-${driver}-${name}-${randomBytes(4).toString('hex')}`, {
      contactPhone: '13800138000',
      ...input,
    });
    filed[name] = t.number;
    tokens[name] = t.trackingToken;
    return t.number;
  };

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    m = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    other = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    disp = await makeUser(sys.deps, m.id, 'dispatcher', { name: '调度小李' });
    adm = await makeUser(sys.deps, m.id, 'admin', { name: '管理员老张' });
    engineer = await makeUser(sys.deps, m.id, 'engineer', { name: '王工', skills: ['空调'], siteIds: [m.siteIds[0]] });
    await sys.http.patch(`/api/sites/${m.siteIds[0]}`).set(auth(adm.token)).send({ address: '上海市徐汇区漕溪北路 1 号' }).expect(200);
    acCode = (await makeAsset(sys.deps, m.id, m.siteIds[0], { name: '会议室空调', category: '空调' })).code;
    lampCode = (await makeAsset(sys.deps, m.id, m.siteIds[1], { name: '走廊灯', category: '照明' })).code;
    await file('lowOld', { assetCode: acCode, description: '滤网脏', urgency: 'low' });
    await file('normal', { assetCode: acCode, description: '有异响', urgency: 'normal' });
    await file('highNew', { assetCode: lampCode, description: '灯不亮 100%_done', urgency: 'high', contactPhone: '021-5555 6666' });
    await file('highOld', { assetCode: acCode, description: '=HYPERLINK("http://evil")', urgency: 'high' });
    await file('theirs', {
      assetCode: (await makeAsset(sys.deps, other.id, other.siteIds[0])).code,
      description: '别家的',
      urgency: 'high',
    });
    // Manual dispatch escalates each new ticket to the dispatcher on the queue; wait for all of them.
    await waitFor(async () => (await desk('group=awaiting_dispatcher')).counts.awaiting_dispatcher === 4, 'the escalations');
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('counts every group for the filters and orders a group by urgency, then oldest first', async () => {
    const page = await desk('group=awaiting_dispatcher');
    expect(page.counts).toEqual<Record<DeskGroup, number>>({
      awaiting_dispatcher: 4,
      offered: 0,
      in_progress: 0,
      waiting_customer: 0,
      resolved: 0,
      closed: 0,
    });
    // Both high first, the older (highNew, filed before highOld) ahead; then normal, then low.
    expect(numbers(page)).toEqual([filed.highNew, filed.highOld, filed.normal, filed.lowOld]);
  });

  it('pages a group by keyset with nextCursor until it is null, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const page: DeskPage = await desk(`group=awaiting_dispatcher&pageSize=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...numbers(page));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([filed.highNew, filed.highOld, filed.normal, filed.lowOld]);
    expect(cursor).toBeNull();
    expectError(
      await sys.http.get('/api/tickets/desk?group=awaiting_dispatcher&cursor=h1.2').set(auth(disp.token)),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('filters by site, category, urgency and created range, and searches number, asset, code, description and phone', async () => {
    expect(numbers(await desk(`siteId=${m.siteIds[1]}`))).toEqual([filed.highNew]);
    expect(numbers(await desk('category=空调'))).toEqual([filed.highOld, filed.normal, filed.lowOld]);
    expect(numbers(await desk('urgency=low'))).toEqual([filed.lowOld]);
    expect((await desk('from=2099-01-01')).counts.awaiting_dispatcher).toBe(0);
    expect(numbers(await desk(`q=${encodeURIComponent(filed.normal)}`))).toEqual([filed.normal]);
    expect(numbers(await desk(`q=${encodeURIComponent('走廊')}`))).toEqual([filed.highNew]);
    const dashed = `${lampCode.slice(0, 4)}-${lampCode.slice(4, 8)}`.toLowerCase();
    expect(numbers(await desk(`q=${dashed}`))).toEqual([filed.highNew]);
    expect(numbers(await desk(`q=${encodeURIComponent('异响')}`))).toEqual([filed.normal]);
    expect(numbers(await desk('q=5555'))).toEqual([filed.highNew]);
    // '%' and '_' are what was typed, not wildcards.
    expect(numbers(await desk(`q=${encodeURIComponent('100%_d')}`))).toEqual([filed.highNew]);
    expect(numbers(await desk(`q=${encodeURIComponent('1%0')}`))).toEqual([]);
    // The ticket list takes the same new filters.
    const list = await sys.http
      .get(`/api/tickets?q=${encodeURIComponent('走廊')}&urgency=high`)
      .set(auth(disp.token))
      .expect(200);
    expect((list.body as CursorPage<StaffTicket>).items.map((t) => t.number)).toEqual([filed.highNew]);
  });

  it('lists engineers for the picker with skills, sites, duty, open jobs and whether WeChat can reach them', async () => {
    const res = await sys.http.get(`/api/tickets/${filed.normal}/engineers`).set(auth(disp.token)).expect(200);
    const items = (res.body as { items: EngineerChoice[] }).items;
    expect(items).toEqual([
      {
        id: engineer.id,
        name: '王工',
        skills: ['空调'],
        sites: [{ id: m.siteIds[0], name: '一号楼 Building 1' }],
        onDuty: true,
        openJobs: 0,
        wechatCredit: null,
        eligible: true,
      },
    ]);
    const lamp = (await sys.http.get(`/api/tickets/${filed.highNew}/engineers`).set(auth(disp.token)).expect(200)).body as {
      items: EngineerChoice[];
    };
    expect(lamp.items[0].eligible).toBe(false);
  });

  it('assigns from the desk, shows the offer and the answer, moves the ticket between groups, and names the actors in the timeline', async () => {
    await sys.http.post(`/api/tickets/${filed.normal}/assign`).set(auth(disp.token)).send({ engineerId: engineer.id }).expect(200);
    await sys.http
      .post(`/api/engineer/jobs/${filed.normal}/decline`)
      .set(auth(engineer.token))
      .send({ reason: '今天不在园区' })
      .expect(200);
    await sys.http.post(`/api/tickets/${filed.normal}/assign`).set(auth(adm.token)).send({ engineerId: engineer.id }).expect(200);
    expect(numbers(await desk('group=offered'))).toEqual([filed.normal]);
    await sys.http.post(`/api/engineer/jobs/${filed.normal}/accept`).set(auth(engineer.token)).expect(200);
    const page = await desk('group=in_progress');
    expect(numbers(page)).toEqual([filed.normal]);
    expect(page.counts).toMatchObject({ awaiting_dispatcher: 3, in_progress: 1 });

    const detail = (await sys.http.get(`/api/tickets/${filed.normal}`).set(auth(disp.token)).expect(200)).body as DeskTicketDetail;
    expect(detail.group).toBe('in_progress');
    expect(detail.site).toEqual({ id: m.siteIds[0], name: '一号楼 Building 1', address: '上海市徐汇区漕溪北路 1 号' });
    expect(detail.ticket).toMatchObject({
      contactPhone: '13800138000',
      asset: { name: '会议室空调', location: '3F 机房' },
      urgency: 'normal',
    });
    expect(detail.offers.map((o) => [o.engineerName, o.status, o.reason])).toEqual([
      ['王工', 'declined', '今天不在园区'],
      ['王工', 'accepted', null],
    ]);
    const steps = detail.events.map((e) => [e.type, e.actorName]);
    expect(steps).toEqual(
      expect.arrayContaining([
        ['assigned', '调度小李'],
        ['declined', '王工'],
        ['assigned', '管理员老张'],
        ['accepted', '王工'],
      ]),
    );
    expect(detail.events.find((e) => e.type === 'declined')?.note).toBe('今天不在园区');
    const busy = (await sys.http.get(`/api/tickets/${filed.lowOld}/engineers`).set(auth(disp.token)).expect(200)).body as {
      items: EngineerChoice[];
    };
    expect(busy.items[0].openJobs).toBe(1);
  });

  it('changes the urgency with a timeline entry, and refuses it on a closed ticket', async () => {
    const res = await sys.http.post(`/api/tickets/${filed.lowOld}/urgency`).set(auth(disp.token)).send({ urgency: 'high' }).expect(200);
    expect((res.body as { ticket: StaffTicket }).ticket.urgency).toBe('high');
    const detail = (await sys.http.get(`/api/tickets/${filed.lowOld}`).set(auth(disp.token))).body as DeskTicketDetail;
    expect(detail.events.at(-1)).toMatchObject({ type: 'urgency_changed', note: 'low>high', actorName: '调度小李' });
    expectError(
      await sys.http.post(`/api/tickets/${filed.lowOld}/urgency`).set(auth(disp.token)).send({ urgency: 'urgent' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it("keeps an internal note on the staff timeline only: never in the reporter's tracking or a follower's view", async () => {
    const secret = `内部备注 ${randomBytes(4).toString('hex')}`;
    await sys.http.post(`/api/tickets/${filed.highOld}/notes`).set(auth(disp.token)).send({ text: secret }).expect(201);
    const detail = (await sys.http.get(`/api/tickets/${filed.highOld}`).set(auth(adm.token))).body as DeskTicketDetail;
    expect(detail.events.at(-1)).toMatchObject({ type: 'note', note: secret, actorName: '调度小李' });
    const own = await sys.http.get(`/api/public/tickets/${tokens.highOld}`).expect(200);
    expect(JSON.stringify(own.body)).not.toContain(secret);
    expect(JSON.stringify(own.body)).not.toContain('"note"');
    const scan = await sys.http.get(`/api/public/assets/${acCode}`).expect(200);
    const open = (scan.body as { openTickets: Array<{ number: string; followToken: string }> }).openTickets.find(
      (t) => t.number === filed.highOld,
    );
    const followed = await sys.http.get(`/api/public/tickets/${open?.followToken}`).expect(200);
    expect(JSON.stringify(followed.body)).not.toContain(secret);
    expectError(
      await sys.http.post(`/api/tickets/${filed.highOld}/notes`).set(auth(disp.token)).send({ text: '  ' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses to send a ticket back to automatic dispatch in a manual tenant, and does it in an auto one', async () => {
    expectError(
      await sys.http.post(`/api/tickets/${filed.highNew}/redispatch`).set(auth(disp.token)).send({}),
      409,
      'DISPATCH_MODE_MANUAL',
    );
    await sys.http.patch('/api/settings').set(auth(adm.token)).send({ dispatchMode: 'auto' }).expect(200);
    try {
      // highOld is air conditioning at the engineer's site: automatic dispatch offers it to him.
      const res = await sys.http
        .post(`/api/tickets/${filed.highOld}/redispatch`)
        .set(auth(disp.token))
        .send({ reason: '王工回来了' })
        .expect(200);
      expect((res.body as { ticket: StaffTicket }).ticket).toMatchObject({ status: 'offered', needsDispatcher: false });
      const detail = (await sys.http.get(`/api/tickets/${filed.highOld}`).set(auth(disp.token))).body as DeskTicketDetail;
      expect(detail.events.map((e) => e.type)).toEqual(expect.arrayContaining(['redispatched', 'offered']));
      expectError(await sys.http.post(`/api/tickets/${filed.normal}/redispatch`).set(auth(disp.token)).send({}), 409, 'ILLEGAL_TRANSITION');
    } finally {
      await sys.http.patch('/api/settings').set(auth(adm.token)).send({ dispatchMode: 'manual' }).expect(200);
    }
  });

  it('exports the filtered list as CSV with formula cells defused, and as an XLSX exceljs opens, with the row count announced', async () => {
    const csv = await sys.http.get('/api/tickets/export?format=csv&category=空调').set(auth(disp.token)).responseType('blob').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['x-export-rows']).toBe('3');
    const rows = parseCsv((csv.body as Buffer).toString('utf8').replace(/^\ufeff/, '')) as string[][];
    expect(rows).toHaveLength(1 + 3);
    expect(rows.slice(1).map((r) => r[0])).toEqual([filed.highOld, filed.normal, filed.lowOld]);
    expect(rows.find((r) => r[0] === filed.highOld)?.[10]).toBe(`'=HYPERLINK("http://evil")`);

    const xlsx = await sys.http.get('/api/tickets/export?format=xlsx&urgency=high').set(auth(disp.token)).responseType('blob').expect(200);
    expect(xlsx.headers['x-export-rows']).toBe('3');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const sheet = book.getWorksheet('tickets');
    expect(sheet?.actualRowCount).toBe(1 + 3);
    const column = sheet?.getColumn(1).values.slice(2);
    expect(new Set(column)).toEqual(new Set([filed.highNew, filed.highOld, filed.lowOld]));
    // Another tenant exports its own tickets only.
    const theirs = await sys.http.get('/api/tickets/export?format=csv').set(auth(other.dispatcher.token)).responseType('blob').expect(200);
    expect(theirs.headers['x-export-rows']).toBe('1');
    expect((theirs.body as Buffer).toString('utf8')).not.toContain(filed.highOld);
  });

  it('exports across keyset batches without a repeat or a gap, ties of one instant broken by id', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    const count = EXPORT_BATCH * 2 + 17;
    // Three instants only: most batch boundaries fall between tickets created at the same moment.
    const at = [0, 1, 2].map((k) => new Date(Date.parse('2026-10-01T00:00:00Z') + k * 1000));
    const rows = Array.from({ length: count }, (_, i) => ({
      tenantId: t.id,
      number: `BX-20261001-${String(i + 1).padStart(5, '0')}`,
      assetId: asset.id,
      siteId: asset.siteId,
      status: 'closed' as const,
      category: null,
      description: `批量 ${i}`,
      urgency: 'normal' as const,
      contactName: null,
      contactPhone: '13800138000',
      reporterOpenid: null,
      trackingToken: randomBytes(18).toString('base64url'),
      idempotencyKey: null,
      requestHash: null,
      engineerId: null,
      dispatchCycle: 1,
      dispatchRound: 0,
      needsDispatcher: false,
      offerExpiresAt: null,
      version: 1,
      createdAt: at[i % 3],
      updatedAt: at[i % 3],
    }));
    await sys.deps.db.ds.createQueryBuilder().insert().into(Ticket).values(rows).execute();
    const csv = await sys.http.get('/api/tickets/export?format=csv').set(auth(t.dispatcher.token)).responseType('blob').expect(200);
    expect(csv.headers['x-export-rows']).toBe(String(count));
    const numbersOut = (parseCsv((csv.body as Buffer).toString('utf8').replace(/^\ufeff/, '')) as string[][]).slice(1).map((r) => r[0]);
    expect(numbersOut).toHaveLength(count);
    expect(new Set(numbersOut).size).toBe(count);
    // Newest instant first; within an instant, the higher id (inserted later) first.
    const expected = rows
      .map((r, i) => ({ n: r.number, at: r.createdAt.getTime(), i }))
      .sort((x, y) => y.at - x.at || y.i - x.i)
      .map((x) => x.n);
    expect(numbersOut).toEqual(expected);
  });

  it("answers another tenant's ticket numbers with 404 on every desk action", async () => {
    const as = auth(other.dispatcher.token);
    expectError(await sys.http.get(`/api/tickets/${filed.highNew}/engineers`).set(as), 404, 'TICKET_NOT_FOUND');
    expectError(await sys.http.post(`/api/tickets/${filed.highNew}/urgency`).set(as).send({ urgency: 'low' }), 404, 'TICKET_NOT_FOUND');
    expectError(await sys.http.post(`/api/tickets/${filed.highNew}/notes`).set(as).send({ text: 'x' }), 404, 'TICKET_NOT_FOUND');
    expectError(await sys.http.post(`/api/tickets/${filed.highNew}/redispatch`).set(as).send({}), 404, 'TICKET_NOT_FOUND');
    expect(numbers(await desk('group=awaiting_dispatcher', other))).toEqual([filed.theirs]);
  });
});
