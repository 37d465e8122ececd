import Router from '@koa/router';
import {
  CreateTenantSchema,
  IdParamSchema,
  OperatorInvoiceQuerySchema,
  PlanDocumentSchema,
  PlanIdParamSchema,
  PlanStatusQuerySchema,
  PreviewQuerySchema,
  RefundSchema,
  SubscriptionPatchSchema,
} from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { archivePlan, createPlan, listPlans, presentPlan, publishPlan } from './catalog.service';
import { requireOperator } from './operator.auth';
import { listTenants, operatorSummary, patchSubscription } from './operator.service';
import { provisionTenant } from './provision';
import { presentSubscription, previewInvoice } from './subscriptions.service';
import { finalizeDue, listInvoices, presentInvoice, refund, setInvoiceStatus } from './invoices.service';

/** The operator's API: the bearer OPERATOR_TOKEN, never a tenant's token. */
export function operatorRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/operator' });
  router.use(requireOperator(deps));
  router.get('/plans', async (ctx) => {
    ctx.body = { items: (await listPlans(deps, parse(PlanStatusQuerySchema, ctx.query).status)).map(presentPlan) };
  });
  router.post('/plans', async (ctx) => {
    ctx.status = 201;
    ctx.body = { plan: presentPlan(await createPlan(deps, parse(PlanDocumentSchema, ctx.request.body))) };
  });
  router.post('/plans/:id/publish', async (ctx) => {
    ctx.body = { plan: presentPlan(await publishPlan(deps, parse(PlanIdParamSchema, ctx.params).id)) };
  });
  router.post('/plans/:id/archive', async (ctx) => {
    ctx.body = { plan: presentPlan(await archivePlan(deps, parse(PlanIdParamSchema, ctx.params).id)) };
  });
  router.get('/tenants', async (ctx) => {
    ctx.body = { items: await listTenants(deps) };
  });
  router.post('/tenants', async (ctx) => {
    ctx.status = 201;
    ctx.body = await provisionTenant(deps, parse(CreateTenantSchema, ctx.request.body));
  });
  router.get('/tenants/:id/subscription', async (ctx) => {
    ctx.body = { subscription: await presentSubscription(deps, parse(IdParamSchema, ctx.params).id) };
  });
  router.patch('/tenants/:id/subscription', async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    await patchSubscription(deps, id, parse(SubscriptionPatchSchema, ctx.request.body));
    ctx.body = { subscription: await presentSubscription(deps, id) };
  });
  router.get('/tenants/:id/usage', async (ctx) => {
    const q = parse(PreviewQuerySchema, ctx.query);
    ctx.body = await previewInvoice(deps, parse(IdParamSchema, ctx.params).id, q.at, q.locale);
  });
  router.get('/invoices', async (ctx) => {
    ctx.body = { items: (await listInvoices(deps, parse(OperatorInvoiceQuerySchema, ctx.query).tenantId)).map(presentInvoice) };
  });
  router.post('/invoices/finalize', async (ctx) => {
    ctx.body = await finalizeDue(deps);
  });
  router.post('/invoices/:id/pay', async (ctx) => {
    ctx.body = { invoice: presentInvoice(await setInvoiceStatus(deps, parse(IdParamSchema, ctx.params).id, 'paid')) };
  });
  router.post('/invoices/:id/void', async (ctx) => {
    ctx.body = { invoice: presentInvoice(await setInvoiceStatus(deps, parse(IdParamSchema, ctx.params).id, 'void')) };
  });
  router.post('/invoices/:id/refund', async (ctx) => {
    ctx.status = 201;
    ctx.body = {
      invoice: presentInvoice(await refund(deps, parse(IdParamSchema, ctx.params).id, parse(RefundSchema, ctx.request.body ?? {}).amount)),
    };
  });
  router.get('/summary', async (ctx) => {
    ctx.body = await operatorSummary(deps);
  });
  return router;
}
