import type { PartView, StockLocationView } from '@baoxiu/shared';
import { StockLowAlert, StockMovement } from '../src/modules/parts/stock.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant, type TestUser } from './helpers/factories';
import { errorOf, fileTicket, waitForOffer } from './helpers/contract';

describe.each(DRIVERS)('parts and stock on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  const newPart = async (t: TestTenant, over: Partial<PartView> = {}): Promise<PartView> => {
    const res = await sys.http
      .post('/api/parts')
      .set(auth(t.dispatcher.token))
      .send({
        sku: `SKU-${Math.random().toString(36).slice(2, 8)}`,
        name: '压缩机电容 35μF',
        unit: '个',
        cost: 1250,
        price: 3800,
        minStock: 0,
        ...over,
      });
    expect(res.status).toBe(201);
    return (res.body as { part: PartView }).part;
  };
  const locations = async (t: TestTenant): Promise<StockLocationView[]> =>
    ((await sys.http.get('/api/stock/locations').set(auth(t.dispatcher.token)).expect(200)).body as { items: StockLocationView[] }).items;
  const move = (t: TestTenant, body: object) => sys.http.post('/api/stock/movements').set(auth(t.dispatcher.token)).send(body);
  const onHand = async (t: TestTenant, partId: number): Promise<Record<number, number>> => {
    const res = await sys.http.get(`/api/parts/${partId}/stock`).set(auth(t.dispatcher.token)).expect(200);
    return Object.fromEntries(
      (res.body as { locations: Array<{ locationId: number; onHand: number }> }).locations.map((l) => [l.locationId, l.onHand]),
    );
  };
  /** A ticket the engineer is on site for (manual dispatch: the dispatcher assigns, the engineer accepts). */
  const onSiteJob = async (t: TestTenant, engineer: TestUser, key: string): Promise<string> => {
    const asset = await makeAsset(sys.deps, t.id, t.siteIds[0]);
    const ticket = await fileTicket(sys.http, `${driver}-${key}`, {
      assetCode: asset.code,
      description: '空调不制冷',
      contactPhone: '13800138000',
    });
    // Intake's own follow-up may bump the fresh ticket's version first (409 CONFLICT): the dispatcher tries again.
    await waitFor(async () => {
      const res = await sys.http
        .post(`/api/tickets/${ticket.number}/assign`)
        .set(auth(t.dispatcher.token))
        .send({ engineerId: engineer.id });
      if (res.status !== 200 && errorOf(res.body)?.code !== 'CONFLICT') throw new Error(`assign: ${res.status} ${res.text}`);
      return res.status === 200;
    }, 'the assignment');
    await waitForOffer(sys.http, engineer.token, ticket.number);
    for (const step of ['accept', 'travel', 'arrive'])
      await sys.http.post(`/api/engineer/jobs/${ticket.number}/${step}`).set(auth(engineer.token)).expect(200);
    return ticket.number;
  };
  const resolve = (engineer: TestUser, number: string, partsUsed: object[]) =>
    sys.http.post(`/api/engineer/jobs/${number}/resolve`).set(auth(engineer.token)).send({ notes: '更换电容', partsUsed });

  it('keeps a catalogue per tenant: unique SKU, integer money, search and cursor paging, edits', async () => {
    const t = await makeTenant(sys.deps);
    const a = await newPart(t, { sku: 'CAP-35', name: '电容 35μF', barcode: '6901234567890', categories: ['空调'] });
    expect(a).toMatchObject({ sku: 'CAP-35', cost: 1250, price: 3800, unit: '个', barcode: '6901234567890', categories: ['空调'] });
    const dup = await sys.http
      .post('/api/parts')
      .set(auth(t.admin.token))
      .send({ sku: 'CAP-35', name: 'x', unit: '个', cost: 1, price: 1, minStock: 0 });
    expect([dup.status, errorOf(dup.body)?.code]).toEqual([409, 'PART_SKU_TAKEN']);
    const fraction = await sys.http
      .post('/api/parts')
      .set(auth(t.admin.token))
      .send({ sku: 'F-1', name: 'x', unit: '个', cost: 12.5, price: 1, minStock: 0 });
    expect([fraction.status, errorOf(fraction.body)?.code]).toEqual([400, 'VALIDATION_FAILED']);
    // Another tenant may use the same SKU.
    const other = await makeTenant(sys.deps);
    await newPart(other, { sku: 'CAP-35' });

    for (let i = 0; i < 4; i += 1) await newPart(t, { sku: `FAN-${i}`, name: `风扇电机 ${i}` });
    const found = await sys.http.get('/api/parts?q=6901234567890').set(auth(t.dispatcher.token)).expect(200);
    expect(found.body.items.map((p: PartView) => p.sku)).toEqual(['CAP-35']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/parts?pageSize=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await sys.http.get(url).set(auth(t.dispatcher.token)).expect(200);
      seen.push(...page.body.items.map((p: PartView) => p.sku));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(['CAP-35', 'FAN-0', 'FAN-1', 'FAN-2', 'FAN-3']);

    const patched = await sys.http.patch(`/api/parts/${a.id}`).set(auth(t.admin.token)).send({ price: 4200 }).expect(200);
    expect(patched.body.part).toMatchObject({ sku: 'CAP-35', price: 4200 });
    const missing = await sys.http.get(`/api/parts/${a.id}`).set(auth(other.dispatcher.token));
    expect([missing.status, errorOf(missing.body)?.code]).toEqual([404, 'PART_NOT_FOUND']);
  });

  it('gives each site a store and each engineer a van, once, and moves stock between them through the ledger', async () => {
    const t = await makeTenant(sys.deps);
    await makeUser(sys.deps, t.id, 'engineer', { name: '王工' });
    const first = await locations(t);
    expect(first.map((l) => [l.kind, l.name])).toEqual([
      ['store', '一号楼 Building 1 · 库房'],
      ['store', '二号楼 Building 2 · 库房'],
      ['van', '王工 · 车载'],
    ]);
    expect(await locations(t)).toEqual(first);
    const [store, , van] = first;
    const part = await newPart(t);

    await move(t, { partId: part.id, locationId: store.id, kind: 'receive', quantity: 5, reason: '采购入库' }).expect(201);
    const transfer = await move(t, { partId: part.id, locationId: store.id, kind: 'transfer', quantity: 2, toLocationId: van.id }).expect(
      201,
    );
    expect(
      transfer.body.movements.map((m: { kind: string; delta: number; onHandAfter: number }) => [m.kind, m.delta, m.onHandAfter]),
    ).toEqual([
      ['transfer_out', -2, 3],
      ['transfer_in', 2, 2],
    ]);
    await move(t, { partId: part.id, locationId: store.id, kind: 'adjust', quantity: -1, reason: '盘亏' }).expect(201);
    expect(await onHand(t, part.id)).toEqual({ [store.id]: 2, [first[1].id]: 0, [van.id]: 2 });

    const short = await move(t, { partId: part.id, locationId: van.id, kind: 'transfer', quantity: 3, toLocationId: store.id });
    expect([short.status, errorOf(short.body)?.code, errorOf(short.body)?.details]).toEqual([
      409,
      'OUT_OF_STOCK',
      { partId: part.id, locationId: van.id, onHand: 2, requested: 3 },
    ]);
    expect(await onHand(t, part.id)).toEqual({ [store.id]: 2, [first[1].id]: 0, [van.id]: 2 });
    for (const bad of [
      { kind: 'receive', quantity: -1 },
      { kind: 'adjust', quantity: 0 },
      { kind: 'transfer', quantity: 1 },
      { kind: 'receive', quantity: 1, toLocationId: van.id },
    ]) {
      const res = await move(t, { partId: part.id, locationId: store.id, ...bad });
      expect([res.status, errorOf(res.body)?.code]).toEqual([400, 'VALIDATION_FAILED']);
    }

    const ledger = await sys.http.get(`/api/stock/locations/${store.id}/movements?pageSize=2`).set(auth(t.dispatcher.token)).expect(200);
    expect(ledger.body.items.map((m: { kind: string }) => m.kind)).toEqual(['adjust', 'transfer_out']);
    const rest = await sys.http
      .get(`/api/stock/locations/${store.id}/movements?pageSize=2&cursor=${ledger.body.nextCursor}`)
      .set(auth(t.dispatcher.token))
      .expect(200);
    expect([rest.body.items.map((m: { kind: string }) => m.kind), rest.body.nextCursor]).toEqual([['receive'], null]);
    // The ledger sums to the balances.
    const rows = await sys.deps.db.ds.getRepository(StockMovement).findBy({ tenantId: t.id, partId: part.id });
    const sums: Record<number, number> = {};
    for (const r of rows) sums[r.locationId] = (sums[r.locationId] ?? 0) + r.delta;
    expect(sums).toEqual({ [store.id]: 2, [van.id]: 2 });
  });

  it("lists what a location holds with search, exact barcode and paging; an engineer reads their own van only (403 for another's)", async () => {
    const t = await makeTenant(sys.deps);
    const [e1, e2] = [
      await makeUser(sys.deps, t.id, 'engineer', { name: '赵工' }),
      await makeUser(sys.deps, t.id, 'engineer', { name: '钱工' }),
    ];
    const all = await locations(t);
    const [van1, van2] = [all.find((l) => l.engineerId === e1.id), all.find((l) => l.engineerId === e2.id)] as StockLocationView[];
    const cap = await newPart(t, { sku: 'CAP-35', name: '电容 35μF', barcode: '6901234567890', minStock: 1 });
    const fan = await newPart(t, { sku: 'FAN-1', name: '风扇电机', barcode: '6900000000001' });
    const belt = await newPart(t, { sku: 'BELT-1', name: '皮带' });
    await newPart(t, { sku: 'NOT-IN-VAN', name: '电容 不在车上', barcode: '6909999999999' });
    for (const [part, quantity] of [
      [cap, 3],
      [fan, 1],
      [belt, 2],
    ] as const)
      await move(t, { partId: part.id, locationId: van1.id, kind: 'receive', quantity }).expect(201);
    await move(t, { partId: belt.id, locationId: van1.id, kind: 'adjust', quantity: -2 }).expect(201);
    const get = (who: { token: string }, locationId: number, query = '') =>
      sys.http.get(`/api/stock/locations/${locationId}/balances${query}`).set(auth(who.token));

    const mine = await get(e1, van1.id).expect(200);
    expect(mine.body.location).toMatchObject({ id: van1.id, kind: 'van', engineerId: e1.id });
    // A part used up stays listed with 0 on hand; a part never in the van is not listed.
    expect(mine.body.items).toEqual([
      { partId: cap.id, sku: 'CAP-35', name: '电容 35μF', unit: '个', barcode: '6901234567890', price: 3800, onHand: 3, minStock: 1 },
      { partId: fan.id, sku: 'FAN-1', name: '风扇电机', unit: '个', barcode: '6900000000001', price: 3800, onHand: 1, minStock: 0 },
      { partId: belt.id, sku: 'BELT-1', name: '皮带', unit: '个', barcode: null, price: 3800, onHand: 0, minStock: 0 },
    ]);
    expect(
      (await get(e1, van1.id, `?q=${encodeURIComponent('电容')}`).expect(200)).body.items.map((i: { partId: number }) => i.partId),
    ).toEqual([cap.id]);
    expect((await get(e1, van1.id, '?q=fan').expect(200)).body.items.map((i: { partId: number }) => i.partId)).toEqual([fan.id]);
    expect((await get(e1, van1.id, '?barcode=6900000000001').expect(200)).body.items.map((i: { partId: number }) => i.partId)).toEqual([
      fan.id,
    ]);
    expect((await get(e1, van1.id, '?barcode=6909999999999').expect(200)).body.items).toEqual([]);
    const page1 = await get(e1, van1.id, '?pageSize=2').expect(200);
    expect([page1.body.items.length, page1.body.nextCursor]).toEqual([2, `b${fan.id}`]);
    const page2 = await get(e1, van1.id, `?pageSize=2&cursor=${page1.body.nextCursor}`).expect(200);
    expect([page2.body.items.map((i: { partId: number }) => i.partId), page2.body.nextCursor]).toEqual([[belt.id], null]);

    const foreign = await get(e2, van1.id);
    expect([foreign.status, errorOf(foreign.body)?.code]).toEqual([403, 'FORBIDDEN']);
    const store = all.find((l) => l.kind === 'store') as StockLocationView;
    expect((await get(e1, store.id)).status).toBe(403);
    expect((await get(e2, van2.id).expect(200)).body.items).toEqual([]);
    // The dispatcher and the admin read any location of their tenant; another tenant's is not found.
    expect((await get(t.dispatcher, van1.id).expect(200)).body.items).toHaveLength(3);
    expect((await get(t.admin, store.id).expect(200)).body.items).toEqual([]);
    const other = await makeTenant(sys.deps);
    const missing = await get(other.dispatcher, van1.id);
    expect([missing.status, errorOf(missing.body)?.code]).toEqual([404, 'LOCATION_NOT_FOUND']);
  });

  it('consumes the parts used on resolve from the van at the price of the day; an unknown part is 422 and out of stock 409, both rolling the resolve back', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const engineer = await makeUser(sys.deps, t.id, 'engineer', { name: '李工' });
    const van = (await locations(t)).find((l) => l.engineerId === engineer.id) as StockLocationView;
    const part = await newPart(t, { price: 3800 });
    await move(t, { partId: part.id, locationId: van.id, kind: 'receive', quantity: 2 }).expect(201);
    const number = await onSiteJob(t, engineer, 'consume');

    const unknown = await resolve(engineer, number, [
      { partId: part.id, quantity: 1 },
      { partId: 2_000_000, quantity: 1 },
    ]);
    expect([unknown.status, errorOf(unknown.body)?.code, errorOf(unknown.body)?.details]).toEqual([
      422,
      'PARTS_UNKNOWN',
      { partIds: [2_000_000] },
    ]);
    const short = await resolve(engineer, number, [{ partId: part.id, quantity: 3 }]);
    expect([short.status, errorOf(short.body)?.code, errorOf(short.body)?.details]).toEqual([
      409,
      'OUT_OF_STOCK',
      { partId: part.id, locationId: van.id, onHand: 2, requested: 3 },
    ]);
    expect((await sys.deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: t.id, number })).status).toBe('on_site');
    expect((await onHand(t, part.id))[van.id]).toBe(2);

    const done = await resolve(engineer, number, [{ partId: part.id, quantity: 2 }]).expect(200);
    expect(done.body.ticket.resolution.partsUsed).toEqual([
      { partId: part.id, quantity: 2, locationId: van.id, sku: part.sku, name: part.name, unit: '个', unitPrice: 3800, lineTotal: 7600 },
    ]);
    expect((await onHand(t, part.id))[van.id]).toBe(0);
    // A later price change leaves the ticket's line as it was.
    await sys.http.patch(`/api/parts/${part.id}`).set(auth(t.admin.token)).send({ price: 9900 }).expect(200);
    const staffView = await sys.http.get(`/api/tickets/${number}`).set(auth(t.dispatcher.token)).expect(200);
    expect(staffView.body.ticket.resolution.partsUsed[0]).toMatchObject({ unitPrice: 3800, lineTotal: 7600 });
    const consumed = await sys.deps.db.ds
      .getRepository(StockMovement)
      .findOneByOrFail({ tenantId: t.id, partId: part.id, kind: 'consume' });
    expect(consumed).toMatchObject({ delta: -2, onHandAfter: 0, locationId: van.id, actorId: engineer.id });
  });

  it('lets exactly one of two concurrent takers of the last unit through: the other gets 409 OUT_OF_STOCK (resolves and movements)', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const [e1, e2] = [await makeUser(sys.deps, t.id, 'engineer'), await makeUser(sys.deps, t.id, 'engineer')];
    const store = (await locations(t)).find((l) => l.kind === 'store') as StockLocationView;
    const part = await newPart(t);
    await move(t, { partId: part.id, locationId: store.id, kind: 'receive', quantity: 1 }).expect(201);
    const [n1, n2] = [await onSiteJob(t, e1, 'race-1'), await onSiteJob(t, e2, 'race-2')];
    const results = await Promise.all([
      resolve(e1, n1, [{ partId: part.id, quantity: 1, locationId: store.id }]),
      resolve(e2, n2, [{ partId: part.id, quantity: 1, locationId: store.id }]),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(errorOf(results.find((r) => r.status === 409)?.body)?.code).toBe('OUT_OF_STOCK');
    expect((await onHand(t, part.id))[store.id]).toBe(0);
    const statuses = await sys.deps.db.ds.getRepository(Ticket).findBy({ tenantId: t.id });
    expect(statuses.map((s) => s.status).sort()).toEqual(['on_site', 'resolved']);

    await move(t, { partId: part.id, locationId: store.id, kind: 'receive', quantity: 1 }).expect(201);
    const takers = await Promise.all(
      Array.from({ length: 4 }, () => move(t, { partId: part.id, locationId: store.id, kind: 'adjust', quantity: -1 })),
    );
    expect(takers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect((await onHand(t, part.id))[store.id]).toBe(0);
  });

  it('alerts low stock once per crossing and lists the parts at or below their minimum', async () => {
    const t = await makeTenant(sys.deps);
    const store = (await locations(t)).find((l) => l.kind === 'store') as StockLocationView;
    const part = await newPart(t, { minStock: 2 });
    const alerts = () => sys.deps.db.ds.getRepository(StockLowAlert).find({ where: { tenantId: t.id }, order: { id: 'ASC' } });
    const low = async () =>
      (
        (await sys.http.get('/api/stock/low').set(auth(t.dispatcher.token)).expect(200)).body as {
          items: Array<{ partId: number; onHand: number }>;
        }
      ).items;

    await move(t, { partId: part.id, locationId: store.id, kind: 'receive', quantity: 5 }).expect(201);
    expect(await low()).toEqual([]);
    await move(t, { partId: part.id, locationId: store.id, kind: 'adjust', quantity: -3 }).expect(201);
    await move(t, { partId: part.id, locationId: store.id, kind: 'adjust', quantity: -1 }).expect(201);
    expect(await low()).toEqual([expect.objectContaining({ partId: part.id, onHand: 1, minStock: 2 })]);
    expect((await alerts()).map((a) => [a.onHand, a.clearedAt === null])).toEqual([[2, true]]);

    await move(t, { partId: part.id, locationId: store.id, kind: 'receive', quantity: 4 }).expect(201);
    expect(await low()).toEqual([]);
    await move(t, { partId: part.id, locationId: store.id, kind: 'adjust', quantity: -4 }).expect(201);
    expect((await alerts()).map((a) => [a.onHand, a.clearedAt === null])).toEqual([
      [2, false],
      [1, true],
    ]);
    // Raising the minimum is a crossing too; lowering it below on hand clears the alert.
    await sys.http.patch(`/api/parts/${part.id}`).set(auth(t.admin.token)).send({ minStock: 0 }).expect(200);
    expect(await low()).toEqual([]);
  });
  it('raises one low-stock alert when two engineers consume at once from their own vans and together cross the minimum', async () => {
    const t = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const [e1, e2] = [await makeUser(sys.deps, t.id, 'engineer'), await makeUser(sys.deps, t.id, 'engineer')];
    const all = await locations(t);
    const [van1, van2] = [all.find((l) => l.engineerId === e1.id), all.find((l) => l.engineerId === e2.id)] as StockLocationView[];
    const part = await newPart(t, { minStock: 2 });
    await move(t, { partId: part.id, locationId: van1.id, kind: 'receive', quantity: 4 }).expect(201);
    await move(t, { partId: part.id, locationId: van1.id, kind: 'transfer', quantity: 2, toLocationId: van2.id }).expect(201);
    const alerts = () => sys.deps.db.ds.getRepository(StockLowAlert).find({ where: { tenantId: t.id }, order: { id: 'ASC' } });
    expect(await alerts()).toEqual([]);
    const [n1, n2] = [await onSiteJob(t, e1, 'low-race-1'), await onSiteJob(t, e2, 'low-race-2')];
    // 4 → 2 in two steps at two locations: neither alone crosses (3 > 2), both together do; the second to commit sees the first.
    const results = await Promise.all([
      resolve(e1, n1, [{ partId: part.id, quantity: 1 }]),
      resolve(e2, n2, [{ partId: part.id, quantity: 1 }]),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect((await alerts()).map((a) => [a.partId, a.onHand, a.minStock, a.clearedAt])).toEqual([[part.id, 2, 2, null]]);
    const low = await sys.http.get('/api/stock/low').set(auth(t.dispatcher.token)).expect(200);
    expect(low.body.items).toEqual([expect.objectContaining({ partId: part.id, onHand: 2, minStock: 2 })]);

    // Still low: more takers at once add no alert; going back above clears it, and the next crossing is one more.
    await Promise.all([
      move(t, { partId: part.id, locationId: van1.id, kind: 'adjust', quantity: -1 }).expect(201),
      move(t, { partId: part.id, locationId: van2.id, kind: 'adjust', quantity: -1 }).expect(201),
    ]);
    expect((await alerts()).length).toBe(1);
    await move(t, { partId: part.id, locationId: van1.id, kind: 'receive', quantity: 5 }).expect(201);
    expect((await alerts()).map((a) => a.clearedAt !== null)).toEqual([true]);
    await Promise.all([
      move(t, { partId: part.id, locationId: van1.id, kind: 'adjust', quantity: -2 }).expect(201),
      move(t, { partId: part.id, locationId: van1.id, kind: 'adjust', quantity: -2 }).expect(201),
    ]);
    expect((await alerts()).map((a) => [a.onHand, a.clearedAt === null])).toEqual([
      [2, false],
      [1, true],
    ]);
  });
});

describe.each(DRIVERS)('parts sheets on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('exports the catalogue in yuan and imports a sheet back: a known SKU updates, a new one is created, bad rows are reported and skipped', async () => {
    const t = await makeTenant(sys.deps);
    await sys.http
      .post('/api/parts')
      .set(auth(t.admin.token))
      .send({ sku: 'CAP-1', name: '电容', unit: '个', cost: 1250, price: 3800, minStock: 1 })
      .expect(201);
    const csv = await sys.http.get('/api/parts/export?format=csv').set(auth(t.dispatcher.token)).expect(200);
    expect(
      csv.text
        .replace(/^\ufeff/, '')
        .split(/\r?\n/)
        .slice(0, 2),
    ).toEqual([
      '编号 / SKU,名称 / Name,单位 / Unit,成本（元） / Cost (CNY),售价（元） / Price (CNY),最低库存 / Min stock,条码 / Barcode,类别 / Categories',
      'CAP-1,电容,个,12.50,38.00,1,,',
    ]);
    const sheet = `${csv.text.replace(/^\ufeff/, '').split(/\r?\n/)[0]}\nCAP-1,电容 35μF,个,12.50,42,2,,空调\nFAN-1,风扇电机,台,80,150.5,0,6901,空调;风机\nBAD-1,坏行,个,1.234,2,0,,\n`;
    const preview = await sys.http
      .post('/api/parts/import?mode=preview')
      .set(auth(t.admin.token))
      .attach('file', Buffer.from(sheet), 'parts.csv')
      .expect(200);
    expect(preview.body).toMatchObject({ created: 1, updated: 1, committed: false });
    expect(preview.body.rows.map((r: { line: number; action: string; errors: unknown[] }) => [r.line, r.action, r.errors.length])).toEqual([
      [2, 'update', 0],
      [3, 'create', 0],
      [4, 'create', 1],
    ]);
    expect((await sys.http.get('/api/parts').set(auth(t.dispatcher.token)).expect(200)).body.items).toHaveLength(1);

    await sys.http
      .post('/api/parts/import?mode=commit')
      .set(auth(t.admin.token))
      .attach('file', Buffer.from(sheet), 'parts.csv')
      .expect(200);
    const parts = (await sys.http.get('/api/parts').set(auth(t.dispatcher.token)).expect(200)).body.items as PartView[];
    expect(parts.map((p) => [p.sku, p.name, p.cost, p.price, p.minStock, p.categories])).toEqual([
      ['CAP-1', '电容 35μF', 1250, 4200, 2, ['空调']],
      ['FAN-1', '风扇电机', 8000, 15050, 0, ['空调', '风机']],
    ]);
    const headless = await sys.http
      .post('/api/parts/import')
      .set(auth(t.admin.token))
      .attach('file', Buffer.from('名称\n电容\n'), 'parts.csv');
    expect([headless.status, errorOf(headless.body)?.code]).toEqual([400, 'IMPORT_BAD_HEADERS']);
    expect(driver).toBe(sys.deps.db.kind === 'mysql' ? 'mysql' : 'sqlite');
  });
});
