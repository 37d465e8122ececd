import { Redis } from 'ioredis';
import type { CreateTicketResponse } from '@baoxiu/shared';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import { describeReliability, dispatchCounts, seedTenant, startStack, type Stack } from './helpers/stack';
import { eventually, explained, request, sleep } from './helpers/processes';

// Short enough to keep the test quick, long enough that a busy machine still renews the lock of a live worker in time.
const LOCK_MS = 3_000;

describeReliability('a worker process killed in the middle of a job', () => {
  let stack: Stack;
  let redis: Redis;
  beforeAll(async () => {
    stack = await startStack();
    redis = new Redis(stack.redis.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await stack?.stop();
  });

  it('has the dispatch job redone by another worker once the lock lapses, and the ticket offered exactly once', () =>
    explained(stack.processes, async () => {
      const { deps } = stack;
      const { assetCode } = await seedTenant(deps, 3);
      const api = await stack.spawn('api', 'api');
      // The first worker takes every job and sits on it (a test-only delay), long enough to be killed mid-job.
      const doomed = await stack.spawn('worker-1', 'worker', { BAOXIU_TEST_JOB_DELAY_MS: '120000', WORKER_LOCK_MS: String(LOCK_MS) });

      const filed = await request(
        'POST',
        `http://127.0.0.1:${api.port}/api/public/tickets`,
        { assetCode, description: '电梯困人警报', contactPhone: '13800138000' },
        { 'idempotency-key': 'worker-kill-0001' },
      );
      expect(filed.status).toBe(201);
      const { number } = (filed.json as CreateTicketResponse).ticket;
      const ticket = await deps.db.ds.getRepository(Ticket).findOneByOrFail({ number });
      const jobKey = `${stack.queuePrefix}:jobs:dispatch-${ticket.id}-${ticket.dispatchCycle}`;
      const active = () => redis.lrange(`${stack.queuePrefix}:jobs:active`, 0, -1);

      await eventually(
        async () => (await active()).includes(`dispatch-${ticket.id}-${ticket.dispatchCycle}`),
        'worker-1 to start the dispatch job',
        30_000,
      );
      doomed.signal('SIGKILL');
      expect((await doomed.exited).signal).toBe('SIGKILL');
      expect((await deps.db.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id })).status).toBe('new');

      await stack.spawn('worker-2', 'worker', { WORKER_LOCK_MS: String(LOCK_MS) });
      await eventually(
        async () => (await deps.db.ds.getRepository(Ticket).findOneByOrFail({ id: ticket.id })).status === 'offered',
        'worker-2 to redo the dispatch',
        30_000,
      );
      await eventually(async () => (await redis.hget(jobKey, 'finishedOn')) !== null, 'the job to be completed', 10_000);
      // Two more stalled-check rounds: a second run would show up as a second offer.
      await sleep(2 * LOCK_MS);

      const counts = await dispatchCounts(deps, [number]);
      expect({ offeredEvents: counts.offeredEvents, offers: counts.offers, round: counts.tickets[0].dispatchRound }).toEqual({
        offeredEvents: [1],
        offers: [1],
        round: 1,
      });
      // BullMQ counted exactly one stall: the killed run, redone once.
      expect(await redis.hget(jobKey, 'stc')).toBe('1');
      expect(api.alive).toBe(true);
    }));
});
