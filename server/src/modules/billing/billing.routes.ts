import Router from '@koa/router';
import { PreviewQuerySchema, QuoteRequestSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { byIp, rateLimit } from '../../middleware/rate-limit';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { isOperator } from './operator.auth';
import { quote } from './quote.service';
import { presentSubscription, previewInvoice } from './subscriptions.service';

export function billingRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/billing' });
  const quoteLimit = rateLimit(deps, { name: 'quote', limit: deps.config.billing.quotesPerIp, windowSeconds: 60, key: byIp });
  router.post('/quote', quoteLimit, async (ctx) => {
    ctx.body = { quote: await quote(deps, parse(QuoteRequestSchema, ctx.request.body), isOperator(deps, ctx)) };
  });
  router.get('/subscription', requireStaff(deps, 'billing:read'), async (ctx) => {
    ctx.body = { subscription: await presentSubscription(deps, ctx.state.actor.tenantId) };
  });
  router.get('/preview', requireStaff(deps, 'billing:read'), async (ctx) => {
    const q = parse(PreviewQuerySchema, ctx.query);
    ctx.body = await previewInvoice(deps, ctx.state.actor.tenantId, q.at, q.locale);
  });
  return router;
}
