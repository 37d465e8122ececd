/** Payloads carry ids only: the handler reads the current state itself. */
export type JobPayload = Record<string, string | number | boolean | null>;

export interface JobOptions {
  /** Deterministic id: adding the same id twice while it is waiting yields one job. */
  jobId: string;
  delayMs?: number;
  /** BullMQ semantics: absent runs first; a number runs after, lower numbers sooner. */
  priority?: number;
}

/** What /metrics reports about a queue. */
export interface QueueStats {
  name: string;
  /** Ready to run (BullMQ: waiting + prioritized). */
  waiting: number;
  delayed: number;
  active: number;
  /** When the oldest ready job became ready (epoch ms), null when none waits. */
  oldestWaitingAt: number | null;
}

export type JobHandler = (name: string, payload: JobPayload) => Promise<void>;

/** One queue interface: BullMQ on Redis in production, in-process for the embedded default. */
export interface JobQueue {
  readonly kind: 'memory' | 'bullmq';
  add(name: string, payload: JobPayload, opts: JobOptions): Promise<void>;
  /** Several jobs in one round trip (BullMQ addBulk: one MULTI); all or none reach the queue. */
  addMany(jobs: Array<{ name: string; payload: JobPayload; opts: JobOptions }>): Promise<void>;
  /** Starts consuming; only worker processes call this. */
  process(handler: JobHandler, concurrency: number): void;
  ping(): Promise<boolean>;
  stats(): Promise<QueueStats>;
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
}

export const RETRY_DELAYS_MS = [500, 2_000, 10_000, 30_000];
