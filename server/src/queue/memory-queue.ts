import type { JobHandler, JobOptions, JobPayload, JobQueue, QueueStats } from './queue';
import { RETRY_DELAYS_MS } from './queue';
import type { Logger } from '../lib/logger';

interface MemoryJob {
  id: string;
  name: string;
  payload: JobPayload;
  attempts: number;
  /** When it last became ready to run (for the oldest-waiting metric). */
  readyAt?: number;
}

/** In-process queue with BullMQ's contract (dedup by job id, delays, retries) for the embedded default. */
export class MemoryQueue implements JobQueue {
  readonly kind = 'memory';
  private readonly known = new Set<string>();
  private readonly ready: MemoryJob[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler: JobHandler | null = null;
  private concurrency = 1;
  private running = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly log: Logger) {}

  async add(name: string, payload: JobPayload, opts: JobOptions): Promise<void> {
    if (this.closed) throw new Error('queue closed');
    if (this.known.has(opts.jobId)) return;
    this.known.add(opts.jobId);
    this.schedule({ id: opts.jobId, name, payload, attempts: 0 }, opts.delayMs ?? 0);
  }

  async addMany(jobs: Array<{ name: string; payload: JobPayload; opts: JobOptions }>): Promise<void> {
    for (const j of jobs) await this.add(j.name, j.payload, j.opts);
  }

  process(handler: JobHandler, concurrency: number): void {
    this.handler = handler;
    this.concurrency = concurrency;
    this.pump();
  }

  async ping() {
    return !this.closed;
  }

  async stats(): Promise<QueueStats> {
    return {
      name: 'jobs',
      waiting: this.ready.length,
      delayed: this.timers.size,
      active: this.running,
      oldestWaitingAt: this.ready[0]?.readyAt ?? null,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when no job is waiting or running (tests use it to let dispatch settle). */
  async idle(): Promise<void> {
    while (this.ready.length > 0 || this.running > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private schedule(job: MemoryJob, delayMs: number) {
    if (delayMs <= 0) {
      job.readyAt = Date.now();
      this.ready.push(job);
      queueMicrotask(() => this.pump());
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      job.readyAt = Date.now();
      this.ready.push(job);
      this.pump();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private pump() {
    while (this.handler && !this.closed && this.running < this.concurrency && this.ready.length > 0) {
      const job = this.ready.shift() as MemoryJob;
      this.running += 1;
      void this.run(this.handler, job);
    }
  }

  private async run(handler: JobHandler, job: MemoryJob) {
    try {
      await handler(job.name, job.payload);
      this.known.delete(job.id);
    } catch (err) {
      job.attempts += 1;
      const delay = RETRY_DELAYS_MS[job.attempts - 1];
      this.log.warn({ err, job: job.name, jobId: job.id, attempt: job.attempts }, 'job failed');
      if (delay === undefined || this.closed) this.known.delete(job.id);
      else this.schedule(job, delay);
    } finally {
      this.running -= 1;
      if (this.running === 0) this.idleWaiters.splice(0).forEach((w) => w());
      this.pump();
    }
  }
}
