import { BACKGROUND_PRIORITY } from './jobs';
import { jobPriority } from '../jobs';
import { createLogger } from '../lib/logger';
import { ManualClock } from '../lib/clock';
import { openDatabase, type Database } from '../db/database';
import { MemoryQueue } from './memory-queue';
import { OutboxRelay, enqueue, enqueueMany } from './outbox';
import { fanoutJob } from '../modules/tickets/notify.events';
import { escalationJob } from '../modules/escalation/escalation.service';
import { OutboxRow } from './outbox.entity';
import type { JobOptions, JobPayload, JobQueue } from './queue';

const log = createLogger('silent');

describe('the in-process queue', () => {
  it('runs a job added twice under the same id once', async () => {
    const q = new MemoryQueue(log);
    const seen: JobPayload[] = [];
    q.process(async (_name, payload) => {
      seen.push(payload);
    }, 4);
    await q.add('x', { n: 1 }, { jobId: 'same' });
    await q.add('x', { n: 2 }, { jobId: 'same' });
    await q.idle();
    expect(seen).toEqual([{ n: 1 }]);
    await q.close();
  });

  it('retries a failing job until it succeeds', async () => {
    const q = new MemoryQueue(log);
    let calls = 0;
    q.process(async () => {
      calls += 1;
      if (calls < 2) throw new Error('transient');
    }, 1);
    await q.add('x', {}, { jobId: 'retry' });
    const until = Date.now() + 5_000;
    while (calls < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(2);
    await q.close();
  });

  it('waits for running jobs to finish when closed, and takes no new ones', async () => {
    const q = new MemoryQueue(log);
    let finished = false;
    q.process(async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    }, 1);
    await q.add('slow', {}, { jobId: 'slow' });
    await new Promise((r) => setTimeout(r, 5));
    await q.close();
    expect(finished).toBe(true);
    await expect(q.add('late', {}, { jobId: 'late' })).rejects.toThrow('queue closed');
  });
});

/** A queue that refuses jobs while `down`, like BullMQ while Redis is away. */
class FlakyQueue implements JobQueue {
  readonly kind = 'memory';
  down = true;
  added: Array<{ name: string; opts: JobOptions }> = [];
  async add(name: string, _payload: JobPayload, opts: JobOptions) {
    if (this.down) throw new Error('redis not ready');
    this.added.push({ name, opts });
  }
  async addMany(jobs: Array<{ name: string; payload: JobPayload; opts: JobOptions }>) {
    if (this.down) throw new Error('redis not ready');
    this.added.push(...jobs.map(({ name, opts }) => ({ name, opts })));
  }
  process() {}
  async ping() {
    return !this.down;
  }
  async stats() {
    return { name: 'jobs', waiting: 0, delayed: 0, active: 0, oldestWaitingAt: null };
  }
  async close() {}
}

describe('the outbox relay', () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
  });
  afterEach(async () => {
    await db.close();
  });

  it('keeps committed jobs while the queue is down and delivers each once, in order, when it returns', async () => {
    const clock = new ManualClock();
    const queue = new FlakyQueue();
    const relay = new OutboxRelay(db, queue, clock, log);
    await db.transaction(async (em) => {
      for (let i = 1; i <= 3; i += 1)
        await enqueue(em, clock.now(), { name: 'ticket.dispatch', jobId: `d-${i}`, payload: { ticketId: i, cycle: 1 } });
    });
    expect(await relay.flush()).toBe(0);
    const waiting = await db.ds.getRepository(OutboxRow).find({ order: { id: 'ASC' } });
    expect(waiting.map((r) => [r.sentAt, r.attempts])).toEqual([
      [null, 1],
      [null, 1],
      [null, 1],
    ]);

    queue.down = false;
    expect(await relay.flush()).toBe(3);
    expect(await relay.flush()).toBe(0);
    expect(queue.added.map((a) => a.opts.jobId)).toEqual(['d-1', 'd-2', 'd-3']);
  });

  it('hands delayed jobs to the queue with the time left until they are due', async () => {
    const clock = new ManualClock('2026-11-23T00:00:00Z');
    const queue = new FlakyQueue();
    queue.down = false;
    const relay = new OutboxRelay(db, queue, clock, log);
    await db.transaction((em) =>
      enqueue(em, clock.now(), {
        name: 'offer.expire',
        jobId: 'e-1',
        payload: { ticketId: 1, round: 1 },
        runAt: new Date('2026-11-23T00:05:00Z'),
      }),
    );
    await relay.flush();
    expect(queue.added[0].opts).toEqual({ jobId: 'e-1', delayMs: 300_000 });
  });

  it('gives the jobs of the registry marked background (messages) a priority, so dispatch jobs go first', async () => {
    const clock = new ManualClock();
    const queue = new FlakyQueue();
    queue.down = false;
    await db.transaction(async (em) => {
      await enqueue(em, clock.now(), fanoutJob(1));
      await enqueue(em, clock.now(), { name: 'ticket.dispatch', jobId: 'd-1', payload: { ticketId: 1, cycle: 1 } });
    });
    await new OutboxRelay(db, queue, clock, log, 500, jobPriority).flush();
    expect(queue.added.map((a) => [a.opts.jobId, a.opts.priority])).toEqual([
      ['d-1', undefined],
      ['notify-1', BACKGROUND_PRIORITY],
    ]);
  });

  it('relays a dispatch written after a mass of background jobs (a breach of 450 tickets) in the first batch', async () => {
    const clock = new ManualClock();
    const queue = new FlakyQueue();
    queue.down = false;
    await db.transaction(async (em) => {
      await enqueueMany(
        em,
        clock.now(),
        Array.from({ length: 450 }, (_, i) => escalationJob({ ticketId: i + 1, target: 'response', level: 0, clockStartedAt: 0 })),
      );
    });
    await db.transaction((em) =>
      enqueue(em, clock.now(), { name: 'ticket.dispatch', jobId: 'late', payload: { ticketId: 999, cycle: 1 } }),
    );
    const batches: string[][] = [];
    const recording = Object.assign(queue, {
      addMany: async (jobs: Array<{ name: string; payload: JobPayload; opts: JobOptions }>) => {
        batches.push(jobs.map((j) => String(j.opts.jobId)));
      },
    });
    expect(await new OutboxRelay(db, recording, clock, log, 500, jobPriority).flush()).toBe(451);
    expect(batches[0][0]).toBe('late');
    // The background rows keep their own order behind it, each relayed once.
    const rest = batches.flat().slice(1);
    expect(rest).toHaveLength(450);
    expect(new Set(rest).size).toBe(450);
    expect(rest[0]).toBe(escalationJob({ ticketId: 1, target: 'response', level: 0, clockStartedAt: 0 }).jobId);
  });

  it('never relays a job whose transaction rolled back', async () => {
    const clock = new ManualClock();
    const queue = new FlakyQueue();
    queue.down = false;
    await expect(
      db.transaction(async (em) => {
        await enqueue(em, clock.now(), { name: 'ticket.dispatch', jobId: 'gone', payload: { ticketId: 1, cycle: 1 } });
        throw new Error('validation failed later in the transaction');
      }),
    ).rejects.toThrow();
    expect(await new OutboxRelay(db, queue, clock, log).flush()).toBe(0);
  });
});
