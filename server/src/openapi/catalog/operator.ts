import { z } from 'zod';
import {
  CreateTenantSchema,
  InvoiceViewSchema,
  OperatorInvoiceQuerySchema,
  PlanDocumentSchema,
  PlanStatusQuerySchema,
  PlanViewSchema,
  PreviewQuerySchema,
  PreviewViewSchema,
  RefundSchema,
  SubscriptionPatchSchema,
  SubscriptionViewSchema,
} from '@baoxiu/shared';
import { created, ok, type Catalog, type RouteDoc } from './types';

const plan = z.object({ plan: PlanViewSchema });
const invoice = z.object({ invoice: InvoiceViewSchema });
const subscription = z.object({ subscription: SubscriptionViewSchema });
const op = (summary: string, doc: Omit<RouteDoc, 'summary' | 'tag' | 'access'>): RouteDoc => ({
  summary,
  tag: 'operator',
  access: 'operator',
  ...doc,
});

export const OPERATOR_CATALOG: Catalog = {
  'GET /api/operator/plans': op('Plan versions, by status', {
    query: PlanStatusQuerySchema,
    replies: [ok(z.object({ items: z.array(PlanViewSchema) }))],
  }),
  'POST /api/operator/plans': op('Create a draft plan version from a plan document', {
    body: PlanDocumentSchema,
    replies: [created(plan)],
  }),
  'POST /api/operator/plans/:id/publish': op("Publish a draft (archives the code's previous version)", { replies: [ok(plan)] }),
  'POST /api/operator/plans/:id/archive': op('Archive a plan version', { replies: [ok(plan)] }),
  'GET /api/operator/tenants': op('Tenants with their subscriptions', { replies: [{ status: 200, description: 'The tenants' }] }),
  'POST /api/operator/tenants': op('Create a tenant, its admin and its subscription', {
    body: CreateTenantSchema,
    replies: [{ status: 201, description: 'The tenant, its admin and its subscription' }],
  }),
  'GET /api/operator/tenants/:id/subscription': op("A tenant's subscription", { replies: [ok(subscription)] }),
  'PATCH /api/operator/tenants/:id/subscription': op('Seats, coupon, cancel at period end', {
    body: SubscriptionPatchSchema,
    replies: [ok(subscription)],
  }),
  'GET /api/operator/tenants/:id/usage': op("A tenant's usage and upcoming invoice", {
    query: PreviewQuerySchema,
    replies: [ok(PreviewViewSchema)],
  }),
  'GET /api/operator/invoices': op('Invoices, of one tenant or all', {
    query: OperatorInvoiceQuerySchema,
    replies: [ok(z.object({ items: z.array(InvoiceViewSchema) }))],
  }),
  'POST /api/operator/invoices/finalize': op('Finalize every ended period now (the worker does it each minute; idempotent)', {
    replies: [{ status: 200, description: 'How many invoices were written' }],
  }),
  'POST /api/operator/invoices/:id/pay': op('Record an invoice as paid', { replies: [ok(invoice)] }),
  'POST /api/operator/invoices/:id/void': op('Void an open invoice', { replies: [ok(invoice)] }),
  'POST /api/operator/invoices/:id/refund': op('Refund (a credit note), whole or partial', {
    body: RefundSchema,
    replies: [created(invoice)],
  }),
  'GET /api/operator/summary': op('Tenants, active subscriptions, trials, MRR per currency', {
    replies: [{ status: 200, description: 'The summary' }],
  }),
};
