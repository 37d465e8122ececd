import { In, IsNull, type EntityManager } from 'typeorm';
import { OutboxRow } from './outbox.entity';
import type { JobPayload, JobQueue } from './queue';
import type { Database } from '../db/database';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';

/** Writes a job inside the caller's transaction; it reaches the queue only once the change commits. */
export async function enqueue(
  em: EntityManager,
  now: Date,
  job: { name: string; jobId: string; payload: JobPayload; runAt?: Date },
): Promise<void> {
  const row = em.create(OutboxRow, {
    jobName: job.name,
    jobId: job.jobId,
    payload: job.payload,
    createdAt: now,
    runAt: job.runAt ?? now,
    sentAt: null,
    attempts: 0,
    lastError: null,
  });
  await em.insert(OutboxRow, row);
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

  private async relayAll(): Promise<number> {
    let moved = 0;
    for (;;) {
      const rows = await this.db.ds.getRepository(OutboxRow).find({
        where: { sentAt: IsNull() },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (rows.length === 0) return moved;
      // Rows that reached the queue are marked sent together: one commit per batch, not one per job (the bench
      // showed per-row commits capping the relay below 100 tickets/s). A crash before the mark re-adds them: same jobIds.
      const sent: number[] = [];
      const markSent = async () => {
        if (sent.length > 0) await this.db.ds.getRepository(OutboxRow).update({ id: In(sent) }, { sentAt: this.clock.now() });
      };
      for (const row of rows) {
        const now = this.clock.now();
        try {
          const delayMs = Math.max(0, row.runAt.getTime() - now.getTime());
          await this.queue.add(row.jobName, row.payload, { jobId: row.jobId, delayMs });
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          this.log.warn({ outboxId: row.id, err: message }, 'outbox relay: queue unavailable, will retry');
          await markSent();
          await this.db.ds
            .getRepository(OutboxRow)
            .update({ id: row.id }, { attempts: row.attempts + 1, lastError: message.slice(0, 500) })
            .catch(() => undefined);
          return moved + sent.length;
        }
        sent.push(row.id);
      }
      await markSent();
      moved += sent.length;
      if (rows.length < BATCH) return moved;
    }
  }
}
