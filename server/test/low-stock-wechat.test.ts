import type { LowStockItem, PartView, StockLocationView } from '@baoxiu/shared';
import { Notification } from '../src/modules/notifications/notification.entity';
import { User } from '../src/modules/auth/user.entity';
import { StockLowAlert } from '../src/modules/parts/stock.entity';
import { fanOutLowStock } from '../src/modules/parts-api/low-stock.alerts';
import { DRIVERS, waitFor, type TestSystem } from './helpers/system';
import { auth, makeTenant, makeUser, type TestTenant } from './helpers/factories';
import { bindStaff, configureTemplates, subscribe, templateId } from './helpers/notify';
import { sentTo, startStandinSystem, type TestStandin } from './helpers/wechat';

describe.each(DRIVERS)('low stock as a WeChat subscription message on %s', (driver) => {
  let standin: TestStandin;
  let sys: TestSystem;

  let stopAll: () => Promise<void>;
  beforeAll(async () => {
    ({ standin, sys, stop: stopAll } = await startStandinSystem(driver));
  });
  afterAll(() => stopAll());

  const newPart = async (t: TestTenant, over: Partial<PartView> = {}): Promise<PartView> =>
    (
      (
        await sys.http
          .post('/api/parts')
          .set(auth(t.admin.token))
          .send({
            sku: `CAP-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
            name: '压缩机电容 35μF',
            unit: '个',
            cost: 1250,
            price: 3800,
            minStock: 2,
            ...over,
          })
          .expect(201)
      ).body as { part: PartView }
    ).part;
  const store = async (t: TestTenant): Promise<StockLocationView> =>
    ((await sys.http.get('/api/stock/locations').set(auth(t.admin.token)).expect(200)).body as { items: StockLocationView[] }).items.find(
      (l) => l.kind === 'store',
    ) as StockLocationView;
  const move = (t: TestTenant, body: object) => sys.http.post('/api/stock/movements').set(auth(t.admin.token)).send(body).expect(201);
  const alertsOf = (t: TestTenant) => sys.deps.db.ds.getRepository(StockLowAlert).find({ where: { tenantId: t.id }, order: { id: 'ASC' } });
  const rowsOf = (alertId: number) =>
    sys.deps.db.ds.getRepository(Notification).find({ where: { stockAlertId: alertId }, order: { id: 'ASC' } });
  /** The alert's rows once `count` exist and none is still on its way. */
  const settled = (alertId: number, count: number) =>
    waitFor(async () => {
      const rows = await rowsOf(alertId);
      return rows.length >= count && rows.every((r) => !['pending', 'sending', 'retrying'].includes(r.status)) ? rows : null;
    }, `${count} settled low-stock notifications of alert ${alertId}`);

  const byRecipient = (rows: Notification[], pick: (r: Notification) => unknown[]) =>
    Object.fromEntries(rows.map((r) => [String(r.recipientUserId), pick(r)]));

  /** A tenant with every template set, its dispatcher and admin bound to WeChat, a second dispatcher and an engineer too. */
  async function setup() {
    const t = await makeTenant(sys.deps);
    await configureTemplates(sys, t);
    const dispatcher = await bindStaff(sys, standin, t, t.dispatcher.id, `disp-${t.slug}`);
    const admin = await bindStaff(sys, standin, t, t.admin.id, `admin-${t.slug}`);
    const unbound = await makeUser(sys.deps, t.id, 'dispatcher');
    const engineer = await makeUser(sys.deps, t.id, 'engineer');
    const engineerWx = await bindStaff(sys, standin, t, engineer.id, `eng-${t.slug}`);
    return { t, dispatcher, admin, unbound, engineerWx };
  }

  it('messages each bound dispatcher and admin once per crossing, with the part, on hand and minimum within the template limits', async () => {
    const { t, dispatcher, admin, unbound, engineerWx } = await setup();
    await subscribe(sys, dispatcher, 'staff', t, ['low_stock'], 2);
    await subscribe(sys, admin, 'staff', t, ['low_stock']);
    const part = await newPart(t, { name: '变频空调压缩机启动电容 35μF 450V（原厂）' });
    const s = await store(t);
    await move(t, { partId: part.id, locationId: s.id, kind: 'receive', quantity: 5 });
    await move(t, { partId: part.id, locationId: s.id, kind: 'adjust', quantity: -3 });

    const [first] = await alertsOf(t);
    const rows = await settled(first.id, 2);
    expect(byRecipient(rows, (r) => [r.kind, r.status, r.ticketId, r.eventId])).toEqual({
      [t.dispatcher.id]: ['low_stock', 'sent', null, null],
      [t.admin.id]: ['low_stock', 'sent', null, null],
    });
    const [message] = await sentTo(standin, dispatcher.openid);
    expect(message).toMatchObject({ template_id: templateId(t, 'low_stock'), page: 'pages/dispatcher/queue/index' });
    expect(message.data).toEqual({
      thing1: { value: '变频空调压缩机启动电容 35μF 45…' }, // thing: at most 20 characters
      character_string2: { value: part.sku },
      number3: { value: '2' },
      number4: { value: '2' },
      time5: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
    });
    expect([...message.data.thing1.value]).toHaveLength(20);
    expect(await sentTo(standin, admin.openid)).toHaveLength(1);
    // Nobody else: not the dispatcher without WeChat, not the engineers.
    expect(rows.some((r) => r.recipientUserId === unbound.id)).toBe(false);
    expect(await sentTo(standin, engineerWx.openid)).toEqual([]);

    // Still low: no new crossing, no new message. A redone fan-out adds no row and sends nothing.
    await move(t, { partId: part.id, locationId: s.id, kind: 'adjust', quantity: -1 });
    expect(await fanOutLowStock(sys.deps, first.id)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect((await alertsOf(t)).length).toBe(1);
    expect(await rowsOf(first.id)).toHaveLength(2);
    expect(await sentTo(standin, dispatcher.openid)).toHaveLength(1);

    // Back above the minimum re-arms it: the next fall is a second crossing, messaged again (the admin is out of credit).
    await move(t, { partId: part.id, locationId: s.id, kind: 'receive', quantity: 4 });
    await move(t, { partId: part.id, locationId: s.id, kind: 'adjust', quantity: -4 });
    const alerts = await alertsOf(t);
    expect(alerts.map((a) => a.clearedAt !== null)).toEqual([true, false]);
    const second = await settled(alerts[1].id, 2);
    expect(byRecipient(second, (r) => [r.status, r.reason])).toEqual({
      [t.dispatcher.id]: ['sent', null],
      [t.admin.id]: ['skipped', 'no_credit'],
    });
    expect((await sentTo(standin, dispatcher.openid)).map((m) => m.data.number3.value)).toEqual(['2', '1']);

    // The console's low-stock list shows the open crossing and what became of each of its messages, by name.
    const nameOf = async (id: number) => (await sys.deps.db.ds.getRepository(User).findOneByOrFail({ id })).name;
    const low = await sys.http.get('/api/stock/low').set(auth(t.dispatcher.token)).expect(200);
    const item = (low.body as { items: LowStockItem[] }).items.find((i) => i.partId === part.id);
    expect(item?.alertId).toBe(alerts[1].id);
    expect(
      Object.fromEntries((item?.messages ?? []).map((m) => [String(m.recipientUserId), [m.kind, m.recipientName, m.status, m.reason]])),
    ).toEqual({
      [t.dispatcher.id]: ['low_stock', await nameOf(t.dispatcher.id), 'sent', null],
      [t.admin.id]: ['low_stock', await nameOf(t.admin.id), 'skipped', 'no_credit'],
    });
    expect(item?.messages.every((m) => m.sentAt === null || m.status === 'sent')).toBe(true);
    // Restocked: the part leaves the list, messages and all.
    await move(t, { partId: part.id, locationId: s.id, kind: 'receive', quantity: 10 });
    const after = await sys.http.get('/api/stock/low').set(auth(t.dispatcher.token)).expect(200);
    expect((after.body as { items: LowStockItem[] }).items.some((i) => i.partId === part.id)).toBe(false);
  });

  it('records a crossing restocked before its message went out as skipped (cleared), and one without a template as no_template', async () => {
    const { t, dispatcher } = await setup();
    await subscribe(sys, dispatcher, 'staff', t, ['low_stock']);
    const part = await newPart(t);
    const now = sys.deps.clock.now();
    const repo = sys.deps.db.ds.getRepository(StockLowAlert);
    const cleared = await repo.save(
      repo.create({ tenantId: t.id, partId: part.id, onHand: 1, minStock: 2, raisedAt: now, clearedAt: now }),
    );
    await fanOutLowStock(sys.deps, cleared.id);
    expect(byRecipient(await rowsOf(cleared.id), (r) => [r.status, r.reason])).toEqual({
      [t.dispatcher.id]: ['skipped', 'cleared'],
      [t.admin.id]: ['skipped', 'cleared'],
    });

    const templates = (await sys.http.get('/api/settings/wechat').set(auth(t.admin.token)).expect(200)).body.settings.templates as Array<{
      kind: string;
    }>;
    await sys.http
      .put('/api/settings/wechat')
      .set(auth(t.admin.token))
      .send({ templates: templates.filter((x) => x.kind !== 'low_stock') })
      .expect(200);
    const s = await store(t);
    await move(t, { partId: part.id, locationId: s.id, kind: 'receive', quantity: 1 });
    await move(t, { partId: part.id, locationId: s.id, kind: 'adjust', quantity: -1 });
    const live = (await alertsOf(t)).filter((a) => a.id !== cleared.id);
    expect(live).toHaveLength(1);
    const rows = await settled(live[0].id, 2);
    expect(rows.map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'no_template'],
      ['skipped', 'no_template'],
    ]);
    expect(await sentTo(standin, dispatcher.openid)).toEqual([]);
  });

  it("refuses a ticket's values in the low-stock template, and a part's values in a ticket template", async () => {
    const t = await makeTenant(sys.deps);
    const put = (templates: object[]) => sys.http.put('/api/settings/wechat').set(auth(t.admin.token)).send({ templates });
    const bad = await put([
      { kind: 'low_stock', templateId: 'tmpl-low-stock', fields: { thing1: 'partName', character_string2: 'ticketNumber' } },
    ]);
    expect(bad.status).toBe(400);
    expect((await put([{ kind: 'ticket_urged', templateId: 'tmpl-urged-1', fields: { thing1: 'partName' } }])).status).toBe(400);
    await put([
      { kind: 'low_stock', templateId: 'tmpl-low-stock', fields: { thing1: 'partName', number2: 'onHand', time3: 'time' } },
    ]).expect(200);
  });
});
