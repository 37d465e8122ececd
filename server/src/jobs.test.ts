import { isJobName, JOBS, jobPriority } from './jobs';
import { BACKGROUND_PRIORITY, DEFERRED_PRIORITY } from './queue/jobs';
import { dispatchJob, expireJob } from './modules/dispatch/dispatch.jobs';
import { sendJob } from './modules/notifications/notifications.jobs';
import { fanoutJob } from './modules/tickets/notify.events';
import { lowStockAlertJob } from './modules/parts/low-stock.note';
import { escalationJob } from './modules/escalation/escalation.service';
import type { AnyOutboxJob } from './queue/jobs';

describe('the job registry', () => {
  it('files every definition under its own name', () => {
    for (const [key, job] of Object.entries(JOBS)) expect(job.name).toBe(key);
  });

  it('knows the jobs the id builders make, and each payload passes its own schema', () => {
    const made = [dispatchJob({ id: 1, dispatchCycle: 2 }), expireJob(1, 3, new Date()), fanoutJob(4), sendJob(5)];
    for (const job of made) {
      expect(isJobName(job.name)).toBe(true);
      expect(JOBS[job.name].payloadSchema.safeParse(job.payload).success).toBe(true);
    }
    expect(isJobName('no.such.job')).toBe(false);
    expect(isJobName('toString')).toBe(false);
  });

  it('marks a job background in the outbox exactly when its definition is background, for every job name', () => {
    const built: AnyOutboxJob[] = [
      dispatchJob({ id: 1, dispatchCycle: 2 }),
      expireJob(1, 3, new Date()),
      fanoutJob(4),
      sendJob(5),
      lowStockAlertJob(6),
      escalationJob({ ticketId: 7, target: 'response', level: 0, clockStartedAt: 0 }),
    ];
    const job = (n: string) => JOBS[n as keyof typeof JOBS];
    // Every background definition has a builder here (a new one joins this list), and the builders agree with the definitions.
    const buildable = new Set<string>(built.map((b) => b.name));
    expect(Object.keys(JOBS).filter((n) => job(n).background && !buildable.has(n))).toEqual([]);
    for (const b of built)
      expect({ name: b.name, background: b.background ?? false }).toEqual({ name: b.name, background: job(b.name).background ?? false });
  });

  it('puts messages behind dispatch: background jobs get a priority, others none', () => {
    expect(jobPriority('notifications.send')).toBe(BACKGROUND_PRIORITY);
    expect(jobPriority('ticket.dispatch')).toBeUndefined();
    expect(jobPriority('offer.expire')).toBe(DEFERRED_PRIORITY);
    expect(DEFERRED_PRIORITY).toBeLessThan(BACKGROUND_PRIORITY);
    expect(jobPriority('no.such.job')).toBeUndefined();
  });
});
