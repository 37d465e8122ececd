import { z } from 'zod';
import { In, LessThan } from 'typeorm';
import type { Deps } from '../../deps';
import type { JobDefinition, JobSet, OutboxJob } from '../../queue/jobs';
import { fanOut } from './fanout';
import { Notification } from './notification.entity';
import { sendNotification } from './send';
import { FANOUT_JOB, type TicketEventJobPayloads } from '../tickets/notify.events';

export const SEND_JOB = 'notifications.send';

/** This module's jobs, name → payload (merged into JobPayloads in src/jobs.ts). */
export type NotificationJobPayloads = TicketEventJobPayloads & {
  [SEND_JOB]: { notificationId: number };
};

/** One send per notification row. */
export function sendJob(notificationId: number): OutboxJob<typeof SEND_JOB> {
  return { name: SEND_JOB, jobId: `notify-send-${notificationId}`, payload: { notificationId }, background: true };
}

export const fanoutHandler: JobDefinition<typeof FANOUT_JOB> = {
  name: FANOUT_JOB,
  payloadSchema: z.object({ eventId: z.number().int() }),
  background: true,
  async handle(deps, { eventId }) {
    await fanOut(deps, eventId);
  },
};

export const sendHandler: JobDefinition<typeof SEND_JOB> = {
  name: SEND_JOB,
  payloadSchema: z.object({ notificationId: z.number().int() }),
  background: true,
  async handle(deps, { notificationId }) {
    await sendNotification(deps, notificationId);
  },
};

export const NOTIFICATION_JOBS: JobSet<keyof NotificationJobPayloads> = {
  [FANOUT_JOB]: fanoutHandler,
  [SEND_JOB]: sendHandler,
};

/** Longer than the queue's last retry delay (30 s) plus a send's timeout: a row this quiet has lost its job. */
export const STUCK_AFTER_MS = 120_000;

/**
 * Safety net run with the dispatch sweep: messages whose send job was lost (an in-process queue that
 * died) are sent now, and rows left `sending` by a killed worker are settled as `unknown`, never resent.
 */
export async function sweepNotifications(deps: Deps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - STUCK_AFTER_MS);
  const stuck = await deps.db.ds.getRepository(Notification).find({
    where: { status: In(['pending', 'retrying', 'sending']), updatedAt: LessThan(before) },
    select: { id: true },
    order: { id: 'ASC' },
    take: 200,
  });
  for (const n of stuck) {
    await sendNotification(deps, n.id).catch((err: unknown) =>
      deps.log.warn({ err, notificationId: n.id }, 'notification sweep: send failed'),
    );
  }
  return stuck.length;
}
