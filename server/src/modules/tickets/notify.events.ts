import type { EntityManager } from 'typeorm';
import type { TicketEventType } from '@baoxiu/shared';
import { enqueue } from '../../queue/outbox';
import type { OutboxJob } from '../../queue/jobs';

/** A notifying event's fan-out job: named here, where the event is written; notifications handles it (notifications.jobs.ts). */
export const FANOUT_JOB = 'notifications.fanout';
export type TicketEventJobPayloads = { [FANOUT_JOB]: { eventId: number } };

/** One fan-out per ticket event. */
export function fanoutJob(eventId: number): OutboxJob<typeof FANOUT_JOB> {
  return { name: FANOUT_JOB, jobId: `notify-${eventId}`, payload: { eventId }, background: true };
}

/** Events someone is told about; the rest (created, declined, on_site, rated …) cost no outbox row. */
const NOTIFYING: ReadonlySet<TicketEventType> = new Set([
  'offered',
  'assigned',
  'accepted',
  'en_route',
  'resolved',
  'closed',
  'escalated',
  'reopened',
  'urged',
  'sla_escalated',
  'quoted',
]);

export const notifies = (type: TicketEventType): boolean => NOTIFYING.has(type);

/** In the event's own transaction: the fan-out job exists exactly when the event does. */
export async function enqueueFanout(em: EntityManager, eventId: number, type: TicketEventType, at: Date): Promise<void> {
  if (!NOTIFYING.has(type)) return;
  await enqueue(em, at, fanoutJob(eventId));
}
