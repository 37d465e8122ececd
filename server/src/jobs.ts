import type { Deps } from './deps';
import { BACKGROUND_PRIORITY, DEFERRED_PRIORITY, type JobDefinition, type JobName, type JobSet } from './queue/jobs';
import { DISPATCH_JOBS, type DispatchJobPayloads } from './modules/dispatch/dispatch.jobs';
import { NOTIFICATION_JOBS, type NotificationJobPayloads } from './modules/notifications/notifications.jobs';
import { SLA_JOBS, type SlaJobPayloads } from './modules/escalation/escalation.service';
import type { PartsJobPayloads } from './modules/parts/low-stock.note';
import { PARTS_JOBS } from './modules/parts-api/low-stock.alerts';

/**
 * Job name → payload type, for every job a worker runs. A module adds its jobs here: its payload map
 * to `extends`, its JobSet to JOBS (the compiler then insists on a handler for each name).
 */
export interface JobPayloads extends DispatchJobPayloads, NotificationJobPayloads, SlaJobPayloads, PartsJobPayloads {}

/** Every job a worker runs, by name. */
export const JOBS: JobSet<JobName> = { ...DISPATCH_JOBS, ...NOTIFICATION_JOBS, ...SLA_JOBS, ...PARTS_JOBS };

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}

/** BullMQ priority of a job by name: none (first) for dispatch, then deferred jobs (offer timeouts), then background ones. */
export function jobPriority(name: string): number | undefined {
  if (!isJobName(name)) return undefined;
  if (JOBS[name].background) return BACKGROUND_PRIORITY;
  return JOBS[name].deferred ? DEFERRED_PRIORITY : undefined;
}

/** Checks a raw payload against its job's schema, then runs the handler (one generic call keeps name and payload paired). */
export async function runJob<N extends JobName>(job: JobDefinition<N>, deps: Deps, payload: unknown): Promise<void> {
  await job.handle(deps, job.payloadSchema.parse(payload));
}
