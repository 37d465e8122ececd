import { In, IsNull, type EntityManager } from 'typeorm';
import { OutboxRow } from './outbox.entity';
import { note, txBuffer } from '../db/commit-listener';
import { insertRows as insertMany } from '../db/insert-rows';
import type { JobQueue } from './queue';
import type { AnyOutboxJob, JobName, OutboxJob } from './jobs';
import type { Database } from '../db/database';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';

function rowOf<N extends JobName>(now: Date, job: OutboxJob<N>) {
  return {
    jobName: job.name,
    jobId: job.jobId,
    background: job.background ?? false,
    payload: job.payload,
    createdAt: now,
    runAt: job.runAt ?? now,
    sentAt: null,
    attempts: 0,
    lastError: null,
  };
}

async function insertRows(em: EntityManager, rows: Array<ReturnType<typeof rowOf>>): Promise<void> {
  await insertMany(em, OutboxRow, rows);
}

/**
 * Writes a job inside the caller's transaction; it reaches the queue only once the change commits.
 * Inside Database.transaction the rows are gathered and written in one INSERT just before COMMIT.
 */
export async function enqueue<N extends JobName>(em: EntityManager, now: Date, job: OutboxJob<N>): Promise<void> {
  await writeRows(em, [rowOf(now, job)]);
}

/** Many jobs at once (a batch of intakes); same rules as enqueue. */
export async function enqueueMany(em: EntityManager, now: Date, jobs: ReadonlyArray<AnyOutboxJob>): Promise<void> {
  await writeRows(
    em,
    jobs.map((j) => rowOf(now, j)),
  );
}

async function writeRows(em: EntityManager, rows: Array<ReturnType<typeof rowOf>>): Promise<void> {
  const buffer = txBuffer(em, 'outbox', insertRows);
  if (buffer) buffer.push(...rows);
  else await insertRows(em, rows);
  if (rows.length > 0) note(em, 'outboxWritten', true);
}

const BATCH = 200;

/** Moves committed outbox rows into the queue; stops at the first failure and retries later. */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: Database,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly intervalMs = 500,
    /** Queue priority per job name (jobs.ts jobPriority); none by default. */
    private readonly priorityOf: (jobName: string) => number | undefined = () => undefined,
  ) {}

  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** Called after a commit that enqueued something, so dispatch does not wait for the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Relays every pending row once; returns how many reached the queue. */
  async flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.relayAll()
      .catch((err: unknown) => {
        // The database itself is away: rows stay pending and the next tick retries (never an unhandled rejection).
        this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'outbox relay: database unavailable, will retry');
        return 0;
      })
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          void this.flush();
        }
      });
    return this.running;
  }

  private tick() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.flush().finally(() => this.tick());
    }, this.intervalMs);
    this.timer.unref();
  }

  /**
   * The next rows to relay: pending foreground rows first (id order), background rows only to fill the batch. A mass
   * of background jobs (a breach of thousands of tickets at one deadline) then never delays a dispatch behind it.
   */
  private async nextRows(): Promise<OutboxRow[]> {
    const repo = this.db.ds.getRepository(OutboxRow);
    const foreground = await repo.find({ where: { sentAt: IsNull(), background: false }, order: { id: 'ASC' }, take: BATCH });
    if (foreground.length === BATCH) return foreground;
    const background = await repo.find({
      where: { sentAt: IsNull(), background: true },
      order: { id: 'ASC' },
      take: BATCH - foreground.length,
    });
    return [...foreground, ...background];
  }

  private async relayAll(): Promise<number> {
    let moved = 0;
    for (;;) {
      const rows = await this.nextRows();
      if (rows.length === 0) return moved;
      // One addBulk per batch of rows (one round trip to Redis), then one UPDATE marks them sent: the bench showed
      // per-row adds and commits capping the relay below 100 tickets/s. A crash before the mark re-adds them: same
      // jobIds, so the queue keeps one job each.
      const now = this.clock.now();
      try {
        await this.queue.addMany(
          rows.map((row) => ({
            name: row.jobName,
            payload: row.payload,
            opts: { jobId: row.jobId, delayMs: Math.max(0, row.runAt.getTime() - now.getTime()), priority: this.priorityOf(row.jobName) },
          })),
        );
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.log.warn({ outboxIds: [rows[0].id, rows[rows.length - 1].id], err: message }, 'outbox relay: queue unavailable, will retry');
        await this.db.ds
          .getRepository(OutboxRow)
          .increment({ id: In(rows.map((r) => r.id)) }, 'attempts', 1)
          .catch(() => undefined);
        await this.db.ds
          .getRepository(OutboxRow)
          .update({ id: In(rows.map((r) => r.id)) }, { lastError: message.slice(0, 500) })
          .catch(() => undefined);
        return moved;
      }
      await this.db.ds.getRepository(OutboxRow).update({ id: In(rows.map((r) => r.id)) }, { sentAt: this.clock.now() });
      moved += rows.length;
      if (rows.length < BATCH) return moved;
    }
  }
}
