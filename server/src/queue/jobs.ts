import type { z } from 'zod';
import type { Deps } from '../deps';
import { DISPATCH_JOBS } from '../modules/dispatch/dispatch.jobs';
import { NOTIFICATION_JOBS } from '../modules/notifications/notifications.jobs';
import { SLA_JOBS } from '../modules/sla/escalation.service';

/** A job: payloads carry ids only and are checked against the schema before the handler runs. */
export interface JobDefinition<P> {
  name: string;
  payloadSchema: z.ZodType<P>;
  handle(deps: Deps, payload: P): Promise<void>;
  /**
   * Waits behind the others when the queue is busy (messages), so a backlog of them never delays
   * putting a repair in front of an engineer.
   */
  background?: boolean;
}

/** Every job a worker runs, by name (moved here from dispatch.jobs.ts once a second module had jobs). */
export const JOBS: Record<string, JobDefinition<never>> = { ...DISPATCH_JOBS, ...NOTIFICATION_JOBS, ...SLA_JOBS };

/** BullMQ priority of a job by name: none (first) for dispatch, a number (after) for background jobs. */
export function jobPriority(name: string): number | undefined {
  return JOBS[name]?.background ? BACKGROUND_PRIORITY : undefined;
}
export const BACKGROUND_PRIORITY = 10;
