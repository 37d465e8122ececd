import { Redis } from 'ioredis';
import { IsNull } from 'typeorm';
import type { CreateTicketResponse } from '@baoxiu/shared';
import { OutboxRow } from '../../src/queue/outbox.entity';
import { describeReliability, dispatchCounts, seedTenant, startStack, type Stack } from './helpers/stack';
import { eventually, explained, request } from './helpers/processes';

const TICKETS = 150;
const CONCURRENCY = 5;

describeReliability('Redis stopped and restarted under load', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it(`stores all ${TICKETS} repairs filed across the outage and offers each exactly once after Redis returns`, () =>
    explained(stack.processes, async () => {
      const { deps } = stack;
      const { tenant, assetCode } = await seedTenant(deps, 5);
      const api = await stack.spawn('api', 'api');
      const worker = await stack.spawn('worker', 'worker', { WORKER_LOCK_MS: '2000' });
      const url = `http://127.0.0.1:${api.port}`;

      const answers: Array<{ status: number | string; number?: string }> = [];
      let next = 0;
      const loop = async () => {
        while (next < TICKETS) {
          const i = (next += 1);
          const res = await request(
            'POST',
            `${url}/api/public/tickets`,
            { assetCode, description: `Redis 重启期间的报修 ${i}`, contactPhone: '13600000000' },
            { 'idempotency-key': `redis-restart-${String(i).padStart(5, '0')}` },
          ).catch((err: NodeJS.ErrnoException) => ({ status: err.code ?? String(err), json: null }));
          answers.push({ status: res.status, number: (res.json as Partial<CreateTicketResponse> | null)?.ticket?.number });
        }
      };
      const load = Promise.all(Array.from({ length: CONCURRENCY }, loop));

      await eventually(async () => answers.length >= 40, '40 answers before the outage', 60_000, 10);
      await stack.redis.stop(); // SIGKILL, mid-stream
      const down = await request('GET', `${url}/readyz`);
      const filedWhileDown = answers.length;
      await eventually(async () => answers.length >= Math.min(filedWhileDown + 50, TICKETS), '50 answers during the outage', 60_000, 10);
      const heldInOutbox = await deps.db.ds.getRepository(OutboxRow).countBy({ sentAt: IsNull() });
      await stack.redis.start(); // same port, same append-only file
      await load;

      expect(down.status).toBe(503);
      expect(heldInOutbox).toBeGreaterThan(0); // intake went on; the outbox kept the jobs Redis could not take
      expect(answers.map((a) => a.status)).toEqual(Array(TICKETS).fill(201));
      const numbers = answers.map((a) => a.number as string);
      expect(new Set(numbers).size).toBe(TICKETS);

      await eventually(
        async () => {
          const { tickets } = await dispatchCounts(deps, numbers);
          return tickets.length === TICKETS && tickets.every((t) => t.status === 'offered');
        },
        `all ${TICKETS} tickets to be offered after Redis returns`,
        90_000,
        250,
      );
      // Let the queue settle (jobs caught mid-flight by the kill are redone once their lock lapses), then count.
      const redis = new Redis(stack.redis.url);
      try {
        await eventually(
          async () => {
            const [waiting, active] = await Promise.all([
              redis.llen(`${stack.queuePrefix}:jobs:wait`),
              redis.llen(`${stack.queuePrefix}:jobs:active`),
            ]);
            return waiting + active === 0;
          },
          'the queue to drain',
          30_000,
          250,
        );
      } finally {
        redis.disconnect();
      }
      await eventually(
        async () => (await deps.db.ds.getRepository(OutboxRow).countBy({ sentAt: IsNull() })) === 0,
        'the outbox to be relayed',
        20_000,
        250,
      );

      const counts = await dispatchCounts(deps, numbers);
      expect(counts.tickets.every((t) => t.tenantId === tenant.id && t.dispatchRound === 1)).toBe(true);
      expect(counts.offeredEvents).toEqual(Array(TICKETS).fill(1));
      expect(counts.offers).toEqual(Array(TICKETS).fill(1));
      expect(await request('GET', `${url}/readyz`).then((r) => r.status)).toBe(200);
      expect([api.alive, worker.alive]).toEqual([true, true]);
    }));
});
