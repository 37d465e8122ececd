import Router from '@koa/router';
import { PaginationQuerySchema, PhoneCodeSchema, ReporterSubscriptionQuerySchema, SubscriptionResultsSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { reporterSubscriptionStatus, reportReporterSubscriptions } from '../notifications/subscriptions.service';
import { requireReporter, type ReporterState } from './reporter.session';
import { myTickets, savePhoneFromWechat } from './reporters.service';

/** The reporter signed in with WeChat: their requests on every device, their phone, their subscriptions. */
export function reporterRoutes(deps: Deps): Router<ReporterState> {
  const router = new Router<ReporterState>({ prefix: '/api/public/me' });
  router.use(requireReporter(deps));
  router.get('/tickets', async (ctx) => {
    ctx.body = await myTickets(deps, ctx.state.reporter, parse(PaginationQuerySchema, ctx.query));
  });
  router.post('/phone', async (ctx) => {
    ctx.body = await savePhoneFromWechat(deps, ctx.state.reporter, parse(PhoneCodeSchema, ctx.request.body).code);
  });
  router.get('/subscriptions', async (ctx) => {
    ctx.body = await reporterSubscriptionStatus(deps, ctx.state.reporter, parse(ReporterSubscriptionQuerySchema, ctx.query).asset);
  });
  router.post('/subscriptions', async (ctx) => {
    ctx.body = await reportReporterSubscriptions(deps, ctx.state.reporter, parse(SubscriptionResultsSchema, ctx.request.body));
  });
  return router;
}
