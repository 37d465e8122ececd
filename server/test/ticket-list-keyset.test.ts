import { encodeListCursor, ERRORS, type CursorPage, type StaffTicket } from '@baoxiu/shared';
import { ManualClock } from '../src/lib/clock';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { EXACT_TOTAL_CAP, MAX_PAGE_OFFSET } from '../src/modules/desk/ticket-list';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, type TestTenant } from './helpers/factories';
import { errorOf, expectError, fileTicket, issuePaths } from './helpers/contract';

type ListPage = CursorPage<StaffTicket>;
interface Stored {
  id: number;
  number: string;
  status: string;
  siteId: number;
  createdAt: Date;
}

/** The contract's order: newest first, and among tickets of the same instant the later one first. */
const newestFirst = (a: Stored, b: Stored) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id;

describe.each(DRIVERS)('the ticket list by cursor, its depth limit and its total on %s', (driver) => {
  const clock = new ManualClock('2026-03-01T08:00:00Z');
  let sys: TestSystem;
  let tenant: TestTenant;
  let assetCodes: string[];
  let filed = 0;

  const list = async (query: string, token = tenant.dispatcher.token) => {
    const res = await sys.http.get(`/api/tickets?${query}`).set(auth(token));
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body as ListPage;
  };
  const stored = async (tenantId = tenant.id): Promise<Stored[]> =>
    (await sys.deps.db.ds.getRepository(Ticket).findBy({ tenantId })).map((t) => ({
      id: t.id,
      number: t.number,
      status: t.status,
      siteId: t.siteId,
      createdAt: t.createdAt,
    }));
  const file = (assetCode: string) =>
    fileTicket(sys.http, `keyset-${driver}-${(filed += 1)}`, { assetCode, description: `列表 ${filed}`, contactPhone: '13800138000' });

  /** Follows nextCursor from the first page to the end; every page's total and the number of requests. */
  async function walk(query: string, pageSize: number) {
    const numbers: string[] = [];
    const totals: number[] = [];
    let cursor: string | null = null;
    let requests = 0;
    do {
      const page: ListPage = await list(`${query}&pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`);
      requests += 1;
      numbers.push(...page.items.map((t) => t.number));
      totals.push(page.total);
      expect(page.items.length).toBeLessThanOrEqual(pageSize);
      cursor = page.nextCursor;
    } while (cursor !== null && requests < 100);
    return { numbers, totals, requests };
  }

  beforeAll(async () => {
    sys = await startTestSystem(driver, { clock });
    tenant = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    assetCodes = [
      (await makeAsset(sys.deps, tenant.id, tenant.siteIds[0])).code,
      (await makeAsset(sys.deps, tenant.id, tenant.siteIds[1])).code,
    ];
    // 30 requests through the intake: the clock stands still for three in a row, so each triple shares one
    // createdAt, and jumps 5 hours between triples (the list spans three days).
    for (let i = 0; i < 30; i += 1) {
      if (i > 0 && i % 3 === 0) clock.advance(5 * 3_600_000);
      await file(assetCodes[i % 3 === 1 ? 1 : 0]);
    }
    // Manual dispatch escalates each to the dispatcher's queue; then every fourth is cancelled.
    await waitFor(
      async () => (await sys.deps.db.ds.getRepository(Ticket).countBy({ tenantId: tenant.id, needsDispatcher: true })) === 30,
      'escalations',
    );
    const numbers = (await stored()).sort((a, b) => a.id - b.id).map((t) => t.number);
    for (const number of numbers.filter((_, i) => i % 4 === 0)) {
      await sys.http.post(`/api/tickets/${number}/cancel`).set(auth(tenant.dispatcher.token)).send({ reason: '重复报修' }).expect(200);
    }
  }, 60_000);
  afterAll(async () => {
    await sys.stop();
  });

  it('walks every ticket exactly once, newest first, ties by the later ticket, alone and with filters, whatever the page size', async () => {
    const all = await stored();
    const instants = new Map<number, number>();
    for (const t of all) instants.set(t.createdAt.getTime(), (instants.get(t.createdAt.getTime()) ?? 0) + 1);
    expect([...instants.values()].every((n) => n === 3)).toBe(true); // ties everywhere: page edges fall inside them
    const cases: Array<[string, (t: Stored) => boolean]> = [
      ['', () => true],
      ['status=new', (t) => t.status === 'new'],
      ['status=cancelled', (t) => t.status === 'cancelled'],
      [`siteId=${tenant.siteIds[1]}`, (t) => t.siteId === tenant.siteIds[1]],
      [`status=new&siteId=${tenant.siteIds[0]}`, (t) => t.status === 'new' && t.siteId === tenant.siteIds[0]],
      ['from=2026-03-02&to=2026-03-02', (t) => t.createdAt.toISOString().startsWith('2026-03-02')],
    ];
    for (const [query, keep] of cases) {
      const expected = all
        .filter(keep)
        .sort(newestFirst)
        .map((t) => t.number);
      expect(expected.length).toBeGreaterThan(2);
      for (const pageSize of [1, 2, 4, 7, 100]) {
        const got = await walk(query, pageSize);
        expect({ query, pageSize, numbers: got.numbers }).toEqual({ query, pageSize, numbers: expected });
        expect({ query, pageSize, totals: new Set(got.totals) }).toEqual({ query, pageSize, totals: new Set([expected.length]) });
        // No empty page at the end: the last full page already says there is nothing after it.
        expect({ query, pageSize, requests: got.requests }).toEqual({
          query,
          pageSize,
          requests: Math.max(1, Math.ceil(expected.length / pageSize)),
        });
      }
    }
  });

  it('continues a list reached by page number with its nextCursor, exactly where the next page starts', async () => {
    const second = await list('page=2&pageSize=4');
    expect(second.nextCursor).toEqual(expect.any(String));
    const third = await list('page=3&pageSize=4');
    const continued = await list(`pageSize=4&cursor=${second.nextCursor}`);
    expect(continued.items.map((t) => t.number)).toEqual(third.items.map((t) => t.number));
    expect(continued.nextCursor).toBe(third.nextCursor);
    // With a cursor the page number does not move the list (it is echoed back), and no depth limit applies.
    const deep = await list(`page=100000&pageSize=4&cursor=${second.nextCursor}`);
    expect({ page: deep.page, numbers: deep.items.map((t) => t.number) }).toEqual({
      page: 100000,
      numbers: third.items.map((t) => t.number),
    });
    // A cursor older than every ticket: an empty last page.
    const past = encodeListCursor({ createdAt: new Date('2020-01-01T00:00:00Z'), id: 1 });
    expect(await list(`cursor=${past}`)).toMatchObject({ items: [], nextCursor: null, total: 30 });
  });

  it('refuses a garbage, tampered or truncated cursor with 400 VALIDATION_FAILED naming the cursor, never a 500', async () => {
    const real = (await list('pageSize=2')).nextCursor as string;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const [, ms, id] = /^(\d+)\.(\d+)\./.exec(Buffer.from(real, 'base64url').toString()) ?? [];
    const bad = [
      'garbage',
      'null',
      '!!!',
      '%00',
      '0',
      'x'.repeat(65),
      "' OR '1'='1",
      real.slice(0, -3),
      `${real}AA`,
      flip(real, 0),
      flip(real, 7),
      flip(real, real.length - 1),
      `${real}=`,
      b64(`${ms}.${id}`),
      b64(`${ms}.${id}.00000000`),
      b64(`${ms}.${Number(id) + 1}.${'f'.repeat(8)}`),
      b64('-1.5.12345678'),
      b64('99999999999999999.1.12345678'),
      b64(`${ms}.0.12345678`),
      b64(`${ms}.2147483648.12345678`),
    ];
    for (const cursor of bad) {
      const res = await sys.http.get('/api/tickets').query({ cursor }).set(auth(tenant.dispatcher.token));
      const error = errorOf(res.body);
      expect({ cursor, status: res.status, code: error?.code, paths: [...new Set(error ? issuePaths(error) : [])] }).toEqual({
        cursor,
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['cursor'],
      });
    }
    // An empty value is no cursor either.
    expectError(await sys.http.get('/api/tickets?cursor=').set(auth(tenant.dispatcher.token)), 400, 'VALIDATION_FAILED');
  });

  it(`refuses a page starting deeper than ${MAX_PAGE_OFFSET} rows with 400 PAGE_TOO_DEEP, in Chinese and in English`, async () => {
    const lastPage = Math.floor(MAX_PAGE_OFFSET / 20) + 1;
    // The deepest page still served (empty here), and the same depth at the largest page size.
    expect(await list(`page=${lastPage}&pageSize=20`)).toMatchObject({ items: [], page: lastPage, total: 30, nextCursor: null });
    await list(`page=${MAX_PAGE_OFFSET / 100 + 1}&pageSize=100`);
    for (const query of [
      `page=${lastPage + 1}&pageSize=20`,
      `page=${MAX_PAGE_OFFSET / 100 + 2}&pageSize=100`,
      'page=100000&pageSize=100',
      `page=${lastPage + 1}&pageSize=20&status=new`,
    ]) {
      const zh = expectError(await sys.http.get(`/api/tickets?${query}`).set(auth(tenant.dispatcher.token)), 400, 'PAGE_TOO_DEEP');
      expect(zh.message).toBe(ERRORS.PAGE_TOO_DEEP.zh);
      expect(zh.details).toMatchObject({ maxOffset: MAX_PAGE_OFFSET });
      const en = expectError(
        await sys.http.get(`/api/tickets?${query}`).set(auth(tenant.dispatcher.token)).set('Accept-Language', 'en'),
        400,
        'PAGE_TOO_DEEP',
      );
      expect(en.message).toBe(ERRORS.PAGE_TOO_DEEP.en);
    }
    expect(ERRORS.PAGE_TOO_DEEP.en).toMatch(/narrow the filters/);
    expect(ERRORS.PAGE_TOO_DEEP.en).toMatch(/nextCursor/);
    expect(ERRORS.PAGE_TOO_DEEP.zh).toMatch(/筛选/);
    expect(ERRORS.PAGE_TOO_DEEP.zh).toMatch(/nextCursor/);
    const error = expectError(
      await sys.http.get('/api/tickets?page=502&pageSize=20').set(auth(tenant.dispatcher.token)),
      400,
      'PAGE_TOO_DEEP',
    );
    expect(error.details).toMatchObject({ offset: 10_020, maxPage: lastPage });
  });

  it('counts a ticket in the total the moment it is created on an ordinary tenant, with and without filters', async () => {
    const other = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    const code = (await makeAsset(sys.deps, other.id, other.siteIds[1])).code;
    for (let n = 1; n <= 3; n += 1) {
      const ticket = await file(code);
      for (const query of ['pageSize=1', `siteId=${other.siteIds[1]}&pageSize=1`, 'status=new,offered&pageSize=1']) {
        const page = await list(query, other.dispatcher.token);
        expect({ query, total: page.total, first: page.items[0]?.number }).toEqual({ query, total: n, first: ticket.number });
      }
      expect((await list(`siteId=${other.siteIds[0]}`, other.dispatcher.token)).total).toBe(0);
    }
    // The first tenant's count did not move.
    expect((await list('pageSize=1')).total).toBe(30);
  });

  it(`counts a list above ${EXACT_TOTAL_CAP} matches exactly once and serves that count from the cache for a few seconds`, async () => {
    const big = await makeTenant(sys.deps);
    const assets = [await makeAsset(sys.deps, big.id, big.siteIds[0]), await makeAsset(sys.deps, big.id, big.siteIds[1])];
    const at = clock.now().getTime();
    const row = (i: number): Partial<Ticket> => {
      const asset = assets[i % 1000 === 999 ? 1 : 0];
      const createdAt = new Date(at - Math.floor(i / 2) * 1000);
      return {
        tenantId: big.id,
        number: `BX-20260301-${String(100_000 + i)}`,
        assetId: asset.id,
        siteId: asset.siteId,
        status: 'closed',
        category: '空调',
        description: `big ${i}`,
        urgency: 'normal',
        contactName: null,
        contactPhone: '13900000000',
        trackingToken: `big${driver}${big.id}x${i}`,
        idempotencyKey: null,
        requestHash: null,
        engineerId: null,
        dispatchCycle: 1,
        dispatchRound: 0,
        needsDispatcher: false,
        offerExpiresAt: null,
        version: 1,
        createdAt,
        updatedAt: createdAt,
      };
    };
    const count = EXACT_TOTAL_CAP + 5;
    await sys.deps.db.transaction(async (em) => {
      for (let i = 0; i < count; i += 500)
        await em.insert(
          Ticket,
          Array.from({ length: Math.min(500, count - i) }, (_, k) => row(i + k)),
        );
    });
    const first = await list('pageSize=20', big.dispatcher.token);
    expect({ total: first.total, items: first.items.length }).toEqual({ total: count, items: 20 });
    expect((await list('status=closed&pageSize=5', big.dispatcher.token)).total).toBe(count);
    // A ticket more: the cached count of a big list lags by design (TOTAL_CACHE_SECONDS); the page itself does not.
    await sys.deps.db.transaction((em) =>
      em.insert(Ticket, { ...row(count), createdAt: new Date(at + 1000), number: 'BX-20260301-999999' }),
    );
    const after = await list('pageSize=20', big.dispatcher.token);
    expect({ total: after.total, first: after.items[0].number }).toEqual({ total: count, first: 'BX-20260301-999999' });
    // The same filters in another spelling share one cached count.
    expect((await list('status=closed,closed&pageSize=5', big.dispatcher.token)).total).toBe(count);
    // A small list of the same tenant stays exact and live.
    expect((await list(`siteId=${big.siteIds[1]}`, big.dispatcher.token)).total).toBe(10);
    // Deep in the big list: page numbers up to the limit, then on by cursor to the end.
    const lastPage = MAX_PAGE_OFFSET / 20 + 1;
    const beforeLast = await list(`page=${lastPage - 1}&pageSize=20`, big.dispatcher.token);
    const last = await list(`page=${lastPage}&pageSize=20`, big.dispatcher.token);
    expect({ items: last.items.length, next: last.nextCursor }).toEqual({ items: count + 1 - MAX_PAGE_OFFSET, next: null });
    const tail = await list(`pageSize=20&cursor=${beforeLast.nextCursor}`, big.dispatcher.token);
    expect({ numbers: tail.items.map((t) => t.number), next: tail.nextCursor }).toEqual({
      numbers: last.items.map((t) => t.number),
      next: null,
    });
    expectError(await sys.http.get(`/api/tickets?page=${lastPage + 1}&pageSize=20`).set(auth(big.dispatcher.token)), 400, 'PAGE_TOO_DEEP');
  }, 60_000);
});
