import { In } from 'typeorm';
import { DRIVERS, startTestSystem, waitFor, type TestSystem } from './helpers/system';
import { makeAsset, makeEngineers, makeTenant } from './helpers/factories';
import { freePort, hasRedisServer, TestRedis } from './helpers/redis-server';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { TicketEvent } from '../src/modules/tickets/ticket-event.entity';
import { Offer } from '../src/modules/dispatch/offer.entity';
import { SlaEscalation } from '../src/modules/escalation/escalation.entity';
import { sweepEscalations } from '../src/modules/escalation/escalation.service';
import { ManualClock } from '../src/lib/clock';
import { auth } from './helpers/factories';
import { fileTicket } from './helpers/contract';

// Needs the redis-server binary (CI installs it); the test starts, kills and restarts its own.
const describeWithRedis = hasRedisServer ? describe.each(DRIVERS) : describe.skip.each(DRIVERS);

describeWithRedis('a Redis outage on %s', (driver) => {
  let sys: TestSystem;
  let redis: TestRedis;
  beforeAll(async () => {
    redis = new TestRedis(await freePort());
    await redis.start();
    sys = await startTestSystem(driver, { redisUrl: redis.url });
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await sys.stop();
    await redis.stop();
  });

  it('accepts 100 tickets while Redis is down and dispatches each exactly once after it returns', async () => {
    const { deps, http } = sys;
    const tenant = await makeTenant(deps, { dispatchMode: 'auto' });
    const asset = await makeAsset(deps, tenant.id, tenant.siteIds[0]);
    await makeEngineers(deps, tenant.id, 5);
    const submit = (i: number) =>
      http
        .post('/api/public/tickets')
        .set('Idempotency-Key', `outage-${driver}-${i}`)
        .send({ assetCode: asset.code, description: `停电期间报修 ${i}`, contactPhone: '13500000000' });
    const statusOf = (numbers: string[]) => deps.db.ds.getRepository(Ticket).find({ where: { tenantId: tenant.id, number: In(numbers) } });

    const before = await submit(0).expect(201);
    await waitFor(async () => (await statusOf([before.body.ticket.number]))[0]?.status === 'offered', 'dispatch before the outage');

    await redis.stop();
    const ready = await http.get('/readyz');
    expect(ready.status).toBe(503);

    const answers: Array<{ status: number; number: string }> = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const res = await Promise.all(Array.from({ length: 10 }, (_, j) => submit(1 + batch * 10 + j)));
      answers.push(...res.map((r) => ({ status: r.status, number: r.body.ticket?.number as string })));
    }
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(201));
    const numbers = answers.map((a) => a.number);
    expect((await statusOf(numbers)).every((t) => t.status === 'new')).toBe(true);

    await redis.start();
    await waitFor(
      async () => {
        const rows = await statusOf(numbers);
        return rows.length === 100 && rows.every((t) => t.status === 'offered');
      },
      'all 100 tickets to be offered after Redis returns',
      60_000,
    );
    await http.get('/readyz').expect(200);

    const tickets = await statusOf(numbers);
    const ids = tickets.map((t) => t.id);
    const offeredEvents = await deps.db.ds.getRepository(TicketEvent).findBy({ ticketId: In(ids), type: 'offered' });
    const offers = await deps.db.ds.getRepository(Offer).findBy({ ticketId: In(ids) });
    const perTicket = (rows: Array<{ ticketId: number }>) => ids.map((id) => rows.filter((r) => r.ticketId === id).length);
    expect(perTicket(offeredEvents)).toEqual(Array(100).fill(1));
    expect(perTicket(offers)).toEqual(Array(100).fill(1));
    expect(tickets.every((t) => t.dispatchRound === 1)).toBe(true);
  });

  it('fires an SLA level that falls due while Redis is down exactly once, after Redis returns', async () => {
    const clock = new ManualClock('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai, inside business hours
    const own = await startTestSystem(driver, { redisUrl: redis.url, clock });
    try {
      const tenant = await makeTenant(own.deps, { dispatchMode: 'manual' });
      const asset = await makeAsset(own.deps, tenant.id, tenant.siteIds[0]);
      await own.http
        .put('/api/settings/sla')
        .set(auth(tenant.admin.token))
        .send({
          targets: [
            {
              urgency: 'normal',
              responseMinutes: 60,
              resolutionMinutes: 480,
              levels: [{ offsetMinutes: 0, actions: ['notify_dispatcher'] }],
            },
          ],
        })
        .expect(200);
      const t = await fileTicket(own.http, `sla-outage-${driver}`, {
        assetCode: asset.code,
        description: '冷库温度报警',
        contactPhone: '13500000000',
      });
      const ticket = await waitFor(async () => {
        const row = await own.deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: tenant.id, number: t.number });
        return row?.needsDispatcher ? row : null;
      }, 'the dispatcher queue');
      const fired = () => own.deps.db.ds.getRepository(SlaEscalation).findBy({ ticketId: ticket.id });

      await redis.stop();
      clock.set('2026-11-23T02:00:00Z'); // the response deadline
      await sweepEscalations(own.deps); // reads the database, writes the outbox: no Redis needed
      await new Promise((r) => setTimeout(r, 500));
      expect(await fired()).toEqual([]);

      await redis.start();
      const rows = await waitFor(
        async () => {
          const r = await fired();
          return r.length > 0 ? r : null;
        },
        'the level after Redis returns',
        60_000,
      );
      expect(rows.map((r) => [r.target, r.level])).toEqual([['response', 0]]);
      await sweepEscalations(own.deps);
      await new Promise((r) => setTimeout(r, 500));
      expect(await fired()).toHaveLength(1);
    } finally {
      await own.stop();
    }
  });
});
