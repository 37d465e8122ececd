import type { TicketStatus } from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeEngineers, makeTenant, type TestTenant } from './helpers/factories';
import { Ticket } from '../src/modules/tickets/ticket.entity';

interface Seeded {
  number: string;
  id: number;
  status: TicketStatus;
  siteId: number;
  engineerId: number | null;
  createdAt: Date;
}

const STATUSES: TicketStatus[] = ['closed', 'new', 'accepted', 'closed', 'cancelled', 'on_site', 'resolved'];
const DAY = 86_400_000;

/** Tickets written straight to the table: three a day over 15 days, every third pair sharing one instant. */
async function seedTickets(sys: TestSystem, tenant: TestTenant, engineers: number[], tag: string): Promise<Seeded[]> {
  const assets = [await makeAsset(sys.deps, tenant.id, tenant.siteIds[0]), await makeAsset(sys.deps, tenant.id, tenant.siteIds[1])];
  const base = Date.UTC(2026, 2, 1, 8);
  const rows: Array<Partial<Ticket>> = Array.from({ length: 45 }, (_, i) => {
    const asset = assets[i % 2];
    const createdAt = new Date(base + Math.floor(i / 3) * DAY + (i % 3 === 2 ? (i % 3) - 1 : i % 3) * 3_600_000);
    const status = STATUSES[i % STATUSES.length];
    return {
      tenantId: tenant.id,
      number: `BX-${tag}-${String(i).padStart(4, '0')}`,
      assetId: asset.id,
      siteId: asset.siteId,
      status,
      category: '空调',
      description: `list ${i}`,
      urgency: 'normal',
      contactName: null,
      contactPhone: '13900000000',
      trackingToken: `${tag}${String(i).padStart(4, '0')}tok`,
      idempotencyKey: null,
      requestHash: null,
      engineerId: ['accepted', 'on_site', 'resolved', 'closed'].includes(status) ? engineers[i % engineers.length] : null,
      dispatchCycle: 1,
      dispatchRound: 0,
      needsDispatcher: status === 'new',
      offerExpiresAt: null,
      version: 1,
      createdAt,
      updatedAt: createdAt,
    };
  });
  await sys.deps.db.transaction((em) => em.insert(Ticket, rows));
  const saved = await sys.deps.db.ds.getRepository(Ticket).findBy({ tenantId: tenant.id });
  return saved.map((t) => ({
    number: t.number,
    id: t.id,
    status: t.status,
    siteId: t.siteId,
    engineerId: t.engineerId,
    createdAt: t.createdAt,
  }));
}

/** The contract's order: newest first, and among tickets of the same instant the later one first. */
const newestFirst = (a: Seeded, b: Seeded) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;

describe.each(DRIVERS)('the dispatcher ticket list on %s', (driver) => {
  let sys: TestSystem;
  let tenant: TestTenant;
  let tickets: Seeded[];
  let engineerIds: number[];
  beforeAll(async () => {
    sys = await startTestSystem(driver);
    tenant = await makeTenant(sys.deps);
    engineerIds = (await makeEngineers(sys.deps, tenant.id, 3)).map((e) => e.id);
    tickets = await seedTickets(sys, tenant, engineerIds, 'A');
    // Another tenant's tickets interleave in time and must never show up.
    const other = await makeTenant(sys.deps);
    await seedTickets(
      sys,
      other,
      (await makeEngineers(sys.deps, other.id, 1)).map((e) => e.id),
      'B',
    );
  });
  afterAll(async () => {
    await sys.stop();
  });

  const list = async (query: string) => {
    const res = await sys.http.get(`/api/tickets?${query}`).set(auth(tenant.dispatcher.token)).expect(200);
    return res.body as { items: Array<{ number: string }>; page: number; pageSize: number; total: number };
  };

  it('pages through every ticket newest first, ties broken by the later ticket, with the exact total on every page', async () => {
    const expected = [...tickets].sort(newestFirst).map((t) => t.number);
    const pages = [
      await list('pageSize=20'),
      await list('page=2&pageSize=20'),
      await list('page=3&pageSize=20'),
      await list('page=4&pageSize=20'),
    ];
    expect(pages.map((p) => p.total)).toEqual([45, 45, 45, 45]);
    expect(pages.map((p) => p.items.length)).toEqual([20, 20, 5, 0]);
    expect(pages.flatMap((p) => p.items.map((i) => i.number))).toEqual(expected);
  });

  it('gives exactly the matching tickets for each filter and their combination, in order, with their count as total', async () => {
    const from = '2026-03-04';
    const to = '2026-03-09';
    const inRange = (t: Seeded) =>
      t.createdAt.getTime() >= Date.parse(`${from}T00:00:00Z`) && t.createdAt.getTime() <= Date.parse(`${to}T23:59:59.999Z`);
    const cases: Array<[string, (t: Seeded) => boolean]> = [
      ['status=closed,new', (t) => t.status === 'closed' || t.status === 'new'],
      [`siteId=${tenant.siteIds[1]}`, (t) => t.siteId === tenant.siteIds[1]],
      [`engineerId=${engineerIds[1]}`, (t) => t.engineerId === engineerIds[1]],
      [`from=${from}&to=${to}`, inRange],
      ['needsDispatcher=true', (t) => t.status === 'new'],
      [
        `status=closed&siteId=${tenant.siteIds[0]}&from=${from}&to=${to}`,
        (t) => t.status === 'closed' && t.siteId === tenant.siteIds[0] && inRange(t),
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = tickets
        .filter(keep)
        .sort(newestFirst)
        .map((t) => t.number);
      expect(expected.length).toBeGreaterThan(0);
      const page = await list(`${query}&pageSize=100`);
      expect({ query, total: page.total, numbers: page.items.map((i) => i.number) }).toEqual({
        query,
        total: expected.length,
        numbers: expected,
      });
      const second = await list(`${query}&page=2&pageSize=3`);
      expect({ query, numbers: second.items.map((i) => i.number) }).toEqual({ query, numbers: expected.slice(3, 6) });
    }
  });
});
