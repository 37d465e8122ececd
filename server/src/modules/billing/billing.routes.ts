import Router from '@koa/router';
import {
  ChangePlanQuerySchema,
  ChangePlanSchema,
  IdParamSchema,
  InvoicePdfQuerySchema,
  PreviewQuerySchema,
  QuoteRequestSchema,
} from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { byIp, rateLimit } from '../../middleware/rate-limit';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { isOperator } from './operator.auth';
import { quote } from './quote.service';
import { presentSubscription, previewInvoice } from './subscriptions.service';
import { changePlan } from './change-plan.service';
import { invoiceOf, listInvoices, presentInvoice } from './invoices.service';
import { renderInvoicePdf } from './invoice.pdf';
import { getTenant } from '../tenants/tenants.service';

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
  router.post('/change-plan', requireStaff(deps, 'billing:write'), async (ctx) => {
    const { preview } = parse(ChangePlanQuerySchema, ctx.query);
    ctx.body = await changePlan(deps, ctx.state.actor.tenantId, parse(ChangePlanSchema, ctx.request.body), preview === 'true');
  });
  router.get('/invoices', requireStaff(deps, 'billing:read'), async (ctx) => {
    ctx.body = { items: (await listInvoices(deps, ctx.state.actor.tenantId)).map(presentInvoice) };
  });
  router.get('/invoices/:id/pdf', requireStaff(deps, 'billing:read'), async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    const { lang } = parse(InvoicePdfQuerySchema, ctx.query);
    const invoice = await invoiceOf(deps, ctx.state.actor.tenantId, id);
    const tenant = await getTenant(deps, ctx.state.actor.tenantId);
    ctx.type = 'application/pdf';
    ctx.attachment(`${invoice.number}.pdf`);
    ctx.body = await renderInvoicePdf(presentInvoice(invoice), tenant.name, lang);
  });
  return router;
}
