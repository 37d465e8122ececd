import type { EntityManager } from 'typeorm';
import type { TicketEventType } from '@baoxiu/shared';
import { enqueue } from '../../queue/outbox';
import { fanoutJob } from './notifications.jobs';

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
