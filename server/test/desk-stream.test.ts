import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DeskTicketChange, StreamTicketResponse } from '@baoxiu/shared';
import { startSystem, type System } from '../src/system';
import { openDatabase } from '../src/db/database';
import { createLogger } from '../src/lib/logger';
import type { RedisKv } from '../src/lib/kv';
import { guardedUpdate } from '../src/modules/tickets/ticket.transitions';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { auth, makeAsset, makeTenant, makeUser, type TestTenant } from './helpers/factories';
import { errorOf, fileTicket } from './helpers/contract';
import { openSse, type SseClient, type SseEvent } from './helpers/sse';

const change = (e: SseEvent) => JSON.parse(e.data) as DeskTicketChange;
const about = (number: string) => (e: SseEvent) => e.event === 'ticket' && change(e).number === number;

describe.each(DRIVERS)("the desk's live stream on %s", (driver) => {
  let sys: TestSystem;
  let a: TestTenant;
  let b: TestTenant;
  let aCode: string;
  let bCode: string;
  const open: SseClient[] = [];
  const stream = async (token: string, headers: Record<string, string> = {}) => {
    const c = await openSse(sys.baseUrl, '/api/tickets/stream', { ...auth(token), ...headers });
    open.push(c);
    return c;
  };
  const file = (code: string, n = 1) =>
    fileTicket(sys.http, `desk-${randomBytes(6).toString('hex')}`, {
      assetCode: code,
      description: `空调漏水 ${n}`,
      contactPhone: '13800138000',
    });

  beforeAll(async () => {
    sys = await startTestSystem(driver);
    await sys.deps.ticketBus.ready;
    // Manual dispatch: a new ticket stays put, so the only events are the ones a test makes.
    a = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    b = await makeTenant(sys.deps, { dispatchMode: 'manual' });
    aCode = (await makeAsset(sys.deps, a.id, a.siteIds[0])).code;
    bCode = (await makeAsset(sys.deps, b.id, b.siteIds[0])).code;
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('answers as an unbuffered event stream and sends each committed change of the tenant with an id', async () => {
    const s = await stream(a.dispatcher.token);
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(s.headers['cache-control']).toContain('no-cache');
    expect(s.headers['x-accel-buffering']).toBe('no');
    await s.waitForComment('connected');
    const t = await file(aCode);
    const e = await s.waitFor(about(t.number), `the new ticket ${t.number}`);
    expect(e.id).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
    expect(change(e)).toEqual({ number: t.number, status: 'new', needsDispatcher: expect.any(Boolean), updatedAt: expect.any(String) });
    // After the manual-dispatch escalation, so the cancel does not race it for the row's version.
    await s.waitFor((x) => about(t.number)(x) && change(x).needsDispatcher, 'the escalation');
    const cancelled = await sys.http.post(`/api/tickets/${t.number}/cancel`).set(auth(a.admin.token)).send({ reason: '重复' });
    expect(cancelled.status).toBe(200);
    await s.waitFor((x) => about(t.number)(x) && change(x).status === 'cancelled', 'the cancellation');
  });

  it("never sends another tenant's change", async () => {
    const s = await stream(a.dispatcher.token);
    await s.waitForComment('connected');
    const theirs = await file(bCode);
    const ours = await file(aCode);
    // One channel, one order: B's change was published before A's, so had it been sent it would be here already.
    await s.waitFor(about(ours.number), 'our own ticket');
    expect(s.events.filter(about(theirs.number))).toEqual([]);
    expect(s.events.every((e) => e.event !== 'ticket' || change(e).number !== theirs.number)).toBe(true);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    const t = await file(aCode);
    // Manual dispatch hands it to the dispatcher at once; after that nothing but this test changes it.
    await waitFor(
      async () => (await sys.deps.db.ds.getRepository(Ticket).findOneBy({ number: t.number, tenantId: a.id }))?.needsDispatcher,
      'the escalation',
    );
    const s = await stream(a.dispatcher.token);
    await s.waitForComment('connected');
    await expect(
      sys.deps.db.transaction(async (em) => {
        const row = await em.findOneByOrFail(Ticket, { number: t.number, tenantId: a.id });
        await guardedUpdate(em, row, { urgency: 'high' }, sys.deps.clock.now());
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    const later = await file(aCode, 2);
    await s.waitFor(about(later.number), 'the later ticket');
    expect(s.events.filter(about(t.number))).toEqual([]);
  });

  it('connects EventSource-style with a stream ticket that works once, for its own user and tenant only', async () => {
    const res = await sys.http.post('/api/tickets/stream-ticket').set(auth(b.dispatcher.token)).expect(200);
    const { ticket, expiresInSeconds } = res.body as StreamTicketResponse;
    expect(expiresInSeconds).toBeLessThanOrEqual(60);
    const s = await openSse(sys.baseUrl, `/api/tickets/stream?ticket=${ticket}`);
    open.push(s);
    expect(s.status).toBe(200);
    await s.waitForComment('connected');
    const again = await openSse(sys.baseUrl, `/api/tickets/stream?ticket=${ticket}`);
    expect(again.status).toBe(401);
    expect(errorOf(JSON.parse(await again.body))?.code).toBe('TOKEN_INVALID');
    const made = await openSse(sys.baseUrl, `/api/tickets/stream?ticket=${randomBytes(24).toString('base64url')}`);
    expect(made.status).toBe(401);
    await made.body;
    const ours = await file(aCode);
    const theirs = await file(bCode);
    await s.waitFor(about(theirs.number), "B's own ticket");
    expect(s.events.filter(about(ours.number))).toEqual([]);
  });

  (driver === 'mysql' ? it : it.skip)('keeps a stream ticket in Redis for at most 60 s', async () => {
    const res = await sys.http.post('/api/tickets/stream-ticket').set(auth(a.dispatcher.token)).expect(200);
    const kv = sys.deps.kv as RedisKv;
    const ttl = await kv.client.ttl(`desk:st:${(res.body as StreamTicketResponse).ticket}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('refuses an engineer and a caller without credentials', async () => {
    const none = await openSse(sys.baseUrl, '/api/tickets/stream');
    expect(none.status).toBe(401);
    await none.body;
    const engineer = await makeUser(sys.deps, a.id, 'engineer');
    const direct = await openSse(sys.baseUrl, '/api/tickets/stream', auth(engineer.token));
    expect(direct.status).toBe(403);
    expect(errorOf(JSON.parse(await direct.body))?.code).toBe('FORBIDDEN');
    await sys.http.post('/api/tickets/stream-ticket').set(auth(engineer.token)).expect(403);
  });

  it('replays what it missed after Last-Event-ID, and asks for a resync when that id is gone', async () => {
    const watcher = await stream(a.dispatcher.token);
    const first = await stream(a.dispatcher.token);
    await first.waitForComment('connected');
    const t1 = await file(aCode);
    const e1 = await first.waitFor(about(t1.number), 'the first ticket');
    first.close();
    const t2 = await file(aCode, 2);
    const t3 = await file(aCode, 3);
    await watcher.waitFor(about(t3.number), 'the third ticket');
    const ids = watcher.events.map((e) => e.id);
    const missed = ids.slice(ids.indexOf(e1.id) + 1, ids.indexOf(watcher.events.find(about(t3.number))?.id ?? null) + 1);
    const back = await stream(a.dispatcher.token, { 'Last-Event-ID': e1.id as string });
    await back.waitFor(about(t3.number), 'the missed tickets');
    expect(back.events.slice(0, missed.length).map((e) => e.id)).toEqual(missed);
    expect(back.events.some(about(t2.number))).toBe(true);
    expect(back.events.map((e) => e.id)).not.toContain(e1.id);
    const lost = await stream(a.dispatcher.token, { 'Last-Event-ID': 'zzzz-unknown' });
    await lost.waitFor((e) => e.event === 'resync', 'a resync');
  });

  it('sends a comment heartbeat on its interval', async () => {
    const before = sys.deps.ticketBus.heartbeatMs;
    sys.deps.ticketBus.heartbeatMs = 50;
    try {
      const s = await stream(a.dispatcher.token);
      await s.waitForComment('heartbeat', 5_000);
    } finally {
      sys.deps.ticketBus.heartbeatMs = before;
    }
  });

  it('lets go of a stream when its client disconnects', async () => {
    await waitFor(async () => sys.deps.ticketBus.size === 0, 'earlier streams to be released');
    const clients = await Promise.all([1, 2, 3].map(() => stream(a.dispatcher.token)));
    await Promise.all(clients.map((c) => c.waitForComment('connected')));
    expect(sys.deps.ticketBus.size).toBe(3);
    for (const c of clients) c.close();
    await waitFor(async () => sys.deps.ticketBus.size === 0, 'every stream to be released');
    // The bus holds no listener, and a change after that writes to nobody.
    await file(aCode);
    expect(sys.deps.ticketBus.size).toBe(0);
  });

  (driver === 'mysql' ? it : it.skip)('reaches a desk connected to another API process through Redis', async () => {
    const config = { ...sys.deps.config, port: 0 };
    const second: System = await startSystem(config, {
      db: await openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'unused.sqlite') }),
      log: createLogger('silent'),
      clock: sys.clock,
      sweepIntervalMs: 0,
    });
    try {
      await second.deps.ticketBus.ready;
      const address = second.server?.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const s = await openSse(`http://127.0.0.1:${port}`, '/api/tickets/stream', auth(a.dispatcher.token));
      open.push(s);
      await s.waitForComment('connected');
      const t = await file(aCode);
      await s.waitFor(about(t.number), 'the ticket filed through the first process');
    } finally {
      for (const c of open.splice(0)) c.close();
      await second.stop();
    }
  });
});
