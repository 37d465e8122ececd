import http from 'node:http';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { makeAsset, makeEngineers, makeTenant } from './helpers/factories';
import { expectError } from './helpers/contract';
import { parsePrometheus, valueOf, type Sample } from './helpers/prometheus';
import { ManualClock } from '../src/lib/clock';
import { enqueue } from '../src/queue/outbox';
import { Notification } from '../src/modules/notifications/notification.entity';
import { sendNotification } from '../src/modules/notifications/send';

const TOKEN = 'metrics-token-for-the-test-0123';
const bearer = { Authorization: `Bearer ${TOKEN}` };

async function scrape(sys: TestSystem): Promise<Sample[]> {
  const res = await sys.http.get('/metrics').set(bearer).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(res.text).samples;
}

describe('GET /metrics without METRICS_TOKEN', () => {
  it('is not served on the API port (404 in the error envelope)', async () => {
    const sys = await startTestSystem('sqlite');
    try {
      expectError(await sys.http.get('/metrics').set(bearer), 404, 'NOT_FOUND');
    } finally {
      await sys.stop();
    }
  });
});

describe.each(DRIVERS)('Prometheus metrics on %s', (driver) => {
  let sys: TestSystem;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(new Date());
    sys = await startTestSystem(driver, { clock, env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('answers 401 without the bearer token or with a wrong one', async () => {
    expectError(await sys.http.get('/metrics'), 401, 'UNAUTHENTICATED');
    expectError(await sys.http.get('/metrics').set({ Authorization: `Bearer ${TOKEN}x` }), 401, 'UNAUTHENTICATED');
  });

  it('declares the documented metric types', async () => {
    const res = await sys.http.get('/metrics').set(bearer).expect(200);
    const { types } = parsePrometheus(res.text);
    expect(types).toMatchObject({
      baoxiu_http_request_duration_seconds: 'histogram',
      baoxiu_login_failures_total: 'counter',
      baoxiu_wechat_sends_total: 'counter',
      baoxiu_dispatch_created_to_offered_seconds: 'histogram',
      baoxiu_queue_jobs: 'gauge',
      baoxiu_queue_oldest_waiting_age_seconds: 'gauge',
      baoxiu_outbox_lag_seconds: 'gauge',
      process_resident_memory_bytes: 'gauge',
    });
  });

  it('counts a request in the duration histogram under its route template and status, never the raw URL', async () => {
    const route = { method: 'GET', route: '/api/public/assets/:code', status: '404' };
    const before = valueOf(await scrape(sys), 'baoxiu_http_request_duration_seconds_count', route);
    await sys.http.get('/api/public/assets/ZZZZZZZZZZZZ').expect(404);
    await sys.http.get('/api/public/assets/YYYYYYYYYYYY').expect(404);
    const after = await scrape(sys);
    expect(valueOf(after, 'baoxiu_http_request_duration_seconds_count', route)).toBe(before + 2);
    expect(valueOf(after, 'baoxiu_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(before + 2);
    expect(after.some((s) => Object.values(s.labels).some((v) => v.includes('ZZZZ')))).toBe(false);
  });

  it('counts a refused sign-in as a login failure with its error code', async () => {
    const tenant = await makeTenant(sys.deps);
    const labels = { route: '/api/auth/login', code: 'INVALID_CREDENTIALS' };
    const before = valueOf(await scrape(sys), 'baoxiu_login_failures_total', labels);
    await sys.http.post('/api/auth/login').send({ tenant: tenant.slug, username: 'nobody', password: 'wrong-password' }).expect(401);
    expect(valueOf(await scrape(sys), 'baoxiu_login_failures_total', labels)).toBe(before + 1);
  });

  it('reports the queue per queue and kind, and observes created → offered for a dispatched ticket', async () => {
    const kind = sys.deps.queue.kind;
    const before = await scrape(sys);
    expect(
      before
        .filter((s) => s.name === 'baoxiu_queue_jobs' && s.labels.kind === kind)
        .map((s) => s.labels.state)
        .sort(),
    ).toEqual(['active', 'delayed', 'waiting']);
    expect(valueOf(before, 'baoxiu_queue_oldest_waiting_age_seconds', { queue: 'jobs', kind })).toBeGreaterThanOrEqual(0);
    const offeredBefore = valueOf(before, 'baoxiu_dispatch_created_to_offered_seconds_count');

    const tenant = await makeTenant(sys.deps, { dispatchMode: 'auto' });
    const asset = await makeAsset(sys.deps, tenant.id, tenant.siteIds[0], { category: '空调' });
    await makeEngineers(sys.deps, tenant.id, 1, { skills: ['空调'], siteIds: [tenant.siteIds[0]] });
    await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `metrics-${driver}-${Date.now()}`)
      .send({ assetCode: asset.code, description: '空调不制冷', contactPhone: '13800138000' })
      .expect(201);
    await waitFor(
      async () => valueOf(await scrape(sys), 'baoxiu_dispatch_created_to_offered_seconds_count') === offeredBefore + 1,
      'the first offer to be observed',
    );
  });

  it('reports the outbox lag: the age of the oldest row not yet relayed, 0 once relayed', async () => {
    await sys.deps.relay.stop();
    try {
      await sys.deps.db.transaction((em) =>
        enqueue(em, clock.now(), { name: 'ticket.dispatch', jobId: `lag-${driver}-${Date.now()}`, payload: { ticketId: 0, cycle: 0 } }),
      );
      clock.advance(42_000);
      expect(valueOf(await scrape(sys), 'baoxiu_outbox_lag_seconds')).toBeCloseTo(42, 0);
    } finally {
      await sys.deps.relay.flush();
      sys.deps.relay.start();
    }
    expect(valueOf(await scrape(sys), 'baoxiu_outbox_lag_seconds')).toBe(0);
  });

  it('counts WeChat send outcomes', async () => {
    const tenant = await makeTenant(sys.deps);
    const now = clock.now();
    const id = await sys.deps.db.transaction(
      async (em) =>
        (
          await em.insert(Notification, {
            tenantId: tenant.id,
            ticketId: 0,
            eventId: 0,
            dedupeKey: `metrics-${driver}-${Date.now()}`,
            kind: 'job_offered',
            recipientType: 'engineer',
            recipientUserId: null,
            openid: 'o-metrics',
            templateId: 't-metrics',
            page: null,
            data: {},
            status: 'pending',
            reason: null,
            attempts: 0,
            creditTaken: false,
            createdAt: now,
            updatedAt: now,
            sentAt: null,
          })
        ).identifiers[0].id as number,
    );
    const before = valueOf(await scrape(sys), 'baoxiu_wechat_sends_total', { outcome: 'skipped' });
    // No AppID configured in the test system: the send settles as skipped, which must be counted too.
    expect(await sendNotification(sys.deps, id)).toBe('skipped');
    expect(valueOf(await scrape(sys), 'baoxiu_wechat_sends_total', { outcome: 'skipped' })).toBe(before + 1);
  });
});

describe("METRICS_PORT (the worker's metrics-only listener)", () => {
  it('serves /metrics with the bearer token and nothing else', async () => {
    const sys = await startTestSystem('sqlite', { env: { METRICS_TOKEN: TOKEN, METRICS_PORT: String(await freePort()), ROLE: 'worker' } });
    try {
      const port = sys.deps.config.metrics.port as number;
      const get = (path: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port, path, headers }, (res) => {
              let body = '';
              res.on('data', (c: Buffer) => (body += c.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            })
            .on('error', reject);
        });
      expect(sys.server).toBeNull();
      expect((await get('/metrics')).status).toBe(401);
      expect((await get('/healthz', bearer)).status).toBe(404);
      const ok = await get('/metrics', bearer);
      expect(ok.status).toBe(200);
      expect(valueOf(parsePrometheus(ok.body).samples, 'baoxiu_queue_jobs', { state: 'waiting' })).toBeGreaterThanOrEqual(0);
    } finally {
      await sys.stop();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = http.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}
