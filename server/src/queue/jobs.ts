import type { z } from 'zod';
import type { Deps } from '../deps';
import type { JobPayloads } from '../jobs';

/** Every job's name (the keys of the JobPayloads map in src/jobs.ts). */
export type JobName = keyof JobPayloads;

/** A job: payloads carry ids only and are checked against the schema before the handler runs. */
export interface JobDefinition<N extends JobName> {
  name: N;
  payloadSchema: z.ZodType<JobPayloads[N]>;
  handle(deps: Deps, payload: JobPayloads[N]): Promise<void>;
  /**
   * Waits behind the others when the queue is busy (messages), so a backlog of them never delays
   * putting a repair in front of an engineer.
   */
  background?: boolean;
  /**
   * Runs after the jobs of new work (a ticket's first dispatch) and before background jobs: an offer's timeout. When
   * thousands of offers time out together, tickets filed meanwhile are still offered at once.
   */
  deferred?: boolean;
}

/** A module's jobs, by name: exactly one definition per name, each typed by its own payload. */
export type JobSet<Names extends JobName> = { [N in Names]: JobDefinition<N> };

/** One outbox row to write: the payload's type follows from the job's name. */
export interface OutboxJob<N extends JobName> {
  name: N;
  /** Deterministic: adding the same id twice while it is waiting yields one job. */
  jobId: string;
  payload: JobPayloads[N];
  runAt?: Date;
  /**
   * The job's definition is `background` (src/jobs.ts; jobs.test.ts checks that the builders agree): the relay moves
   * such rows after every waiting foreground one, and the queue runs them after the foreground jobs.
   */
  background?: true;
}

/** Any one job of the map (a union over the names, so each element keeps its name and payload together). */
export type AnyOutboxJob = { [N in JobName]: OutboxJob<N> }[JobName];

export const BACKGROUND_PRIORITY = 10;
/** BullMQ runs lower numbers first, and jobs without a priority before any. */
export const DEFERRED_PRIORITY = 5;
