import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobHandler, JobOptions, JobPayload, JobQueue, QueueStats } from './queue';
import { RETRY_DELAYS_MS } from './queue';
import type { Logger } from '../lib/logger';

const QUEUE_NAME = 'jobs';
const ADD_TIMEOUT_MS = 2_000;

/** BullMQ on Redis. Producers fail fast while Redis is down; the outbox keeps the job until it is back. */
export class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq';
  private readonly producer: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private workerConnection: Redis | null = null;

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly log: Logger,
    /** Lock of a running job; a worker that dies loses it after this long and the job is redone (BullMQ default 30 s). */
    private readonly lockMs = 30_000,
  ) {
    this.producer = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.producer.on('error', (err: Error) => log.debug({ err: err.message }, 'redis producer error'));
    this.queue = new Queue(QUEUE_NAME, { connection: this.producer, prefix });
    this.queue.on('error', (err: Error) => log.debug({ err: err.message }, 'bullmq queue error'));
  }

  async add(name: string, payload: JobPayload, opts: JobOptions): Promise<void> {
    await this.addMany([{ name, payload, opts }]);
  }

  async addMany(jobs: Array<{ name: string; payload: JobPayload; opts: JobOptions }>): Promise<void> {
    if (jobs.length === 0) return;
    if (this.producer.status !== 'ready') throw new Error(`redis not ready (${this.producer.status})`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('queue add timed out')), ADD_TIMEOUT_MS);
    });
    const bulk = jobs.map(({ name, payload, opts }) => ({
      name,
      data: payload,
      opts: {
        jobId: opts.jobId,
        delay: opts.delayMs && opts.delayMs > 0 ? opts.delayMs : undefined,
        priority: opts.priority,
        attempts: RETRY_DELAYS_MS.length + 1,
        backoff: { type: 'exponential', delay: RETRY_DELAYS_MS[0] },
        removeOnComplete: { age: 3_600, count: 10_000 },
        removeOnFail: { age: 86_400 },
      },
    }));
    try {
      await Promise.race([
        jobs.length === 1 ? this.queue.add(bulk[0].name, bulk[0].data, bulk[0].opts) : this.queue.addBulk(bulk),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  process(handler: JobHandler, concurrency: number): void {
    const connection = new Redis(this.url, { maxRetriesPerRequest: null });
    this.workerConnection = connection;
    connection.on('error', (err: Error) => this.log.debug({ err: err.message }, 'redis worker error'));
    this.worker = new Worker(QUEUE_NAME, async (job) => handler(job.name, job.data as JobPayload), {
      connection,
      prefix: this.prefix,
      concurrency,
      lockDuration: this.lockMs,
      stalledInterval: this.lockMs,
    });
    this.worker.on('failed', (job, err) => this.log.warn({ err, job: job?.name, jobId: job?.id }, 'job failed'));
    this.worker.on('error', (err) => this.log.debug({ err: err.message }, 'bullmq worker error'));
  }

  async ping() {
    try {
      return (await this.producer.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Counts, and the oldest ready job: the head of the wait list and of the prioritized set (one priority level each, FIFO within). */
  async stats(): Promise<QueueStats> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    const heads = [...(await this.queue.getJobs(['waiting'], 0, 0, true)), ...(await this.queue.getJobs(['prioritized'], 0, 0, true))];
    // A job that was delayed (an offer timeout, a retry's backoff) became ready at its timestamp plus its delay.
    const readyAt = heads.filter(Boolean).map((j) => j.timestamp + (j.delay ?? 0));
    return {
      name: QUEUE_NAME,
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      oldestWaitingAt: readyAt.length > 0 ? Math.min(...readyAt) : null,
    };
  }

  async close(): Promise<void> {
    if (this.worker) {
      await this.worker.close();
      await this.worker.disconnect();
    }
    // BullMQ leaves connections it was handed to their owner.
    this.workerConnection?.disconnect();
    await this.queue.close().catch(() => undefined);
    this.producer.disconnect();
  }
}
