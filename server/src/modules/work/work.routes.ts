import Router from '@koa/router';
import { DeclineSchema, JobListQuerySchema, ResolveSchema, TicketNumberSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { acceptJob, declineJob, getJob, listJobs, progressJob } from './work.service';

export function engineerJobRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/engineer/jobs' });
  router.use(requireStaff(deps, 'jobs:work'));
  const num = (p: Record<string, string | undefined>) => parse(TicketNumberSchema, p.number);
  router.get('/', async (ctx) => {
    ctx.body = await listJobs(deps, ctx.state.actor, parse(JobListQuerySchema, ctx.query));
  });
  router.get('/:number', async (ctx) => {
    ctx.body = await getJob(deps, ctx.state.actor, num(ctx.params));
  });
  router.post('/:number/accept', async (ctx) => {
    ctx.body = await acceptJob(deps, ctx.state.actor, num(ctx.params));
  });
  router.post('/:number/decline', async (ctx) => {
    const number = num(ctx.params);
    ctx.body = await declineJob(deps, ctx.state.actor, number, parse(DeclineSchema, ctx.request.body));
  });
  router.post('/:number/travel', async (ctx) => {
    ctx.body = await progressJob(deps, ctx.state.actor, num(ctx.params), 'travel');
  });
  router.post('/:number/arrive', async (ctx) => {
    ctx.body = await progressJob(deps, ctx.state.actor, num(ctx.params), 'arrive');
  });
  // Waiting for the customer (parts, access, a decision) pauses the SLA clocks until the engineer resumes.
  router.post('/:number/wait-customer', async (ctx) => {
    ctx.body = await progressJob(deps, ctx.state.actor, num(ctx.params), 'wait_customer');
  });
  router.post('/:number/resume', async (ctx) => {
    ctx.body = await progressJob(deps, ctx.state.actor, num(ctx.params), 'resume');
  });
  router.post('/:number/resolve', async (ctx) => {
    const number = num(ctx.params);
    ctx.body = await progressJob(deps, ctx.state.actor, number, 'resolve', parse(ResolveSchema, ctx.request.body));
  });
  return router;
}
