import { isJobName, JOBS, jobPriority } from './jobs';
import { BACKGROUND_PRIORITY } from './queue/jobs';
import { dispatchJob, expireJob } from './modules/dispatch/dispatch.jobs';
import { sendJob } from './modules/notifications/notifications.jobs';
import { fanoutJob } from './modules/tickets/notify.events';

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

  it('puts messages behind dispatch: background jobs get a priority, others none', () => {
    expect(jobPriority('notifications.send')).toBe(BACKGROUND_PRIORITY);
    expect(jobPriority('ticket.dispatch')).toBeUndefined();
    expect(jobPriority('no.such.job')).toBeUndefined();
  });
});
