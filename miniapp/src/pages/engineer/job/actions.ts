import { actionsFor, type TicketStatus } from '@baoxiu/shared';

/** The steps the job page offers an engineer, in the order shown. */
export const JOB_ACTIONS = ['accept', 'decline', 'travel', 'arrive', 'resolve', 'wait_customer', 'resume'] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

/** The job page's buttons for a status: whatever the shared ticket machine lets an engineer do from it. */
export function jobActions(status: TicketStatus): Set<JobAction> {
  const allowed = new Set<string>(actionsFor(status, 'engineer'));
  return new Set(JOB_ACTIONS.filter((a) => allowed.has(a)));
}
