import { z } from 'zod';
import {
  ChangePlanViewSchema,
  InvoiceViewSchema,
  PreviewViewSchema,
  PublicPlanListSchema,
  SubscriptionViewSchema,
  type ChangePlanView,
  type CreateTenantInput,
  type InvoiceView,
  type PreviewView,
  type PublicPlan,
  type SubscriptionView,
} from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL, fetchFile, saveFile } from './console';

export type { ChangePlanView, InvoiceView, PreviewView, PublicPlan, SubscriptionView };

/** GET /api/public/plans: the published catalog with each plan's first-period price (no account needed). */
export async function listPublicPlans(): Promise<PublicPlan[]> {
  return (await request({ method: 'GET', path: '/api/public/plans', schema: PublicPlanListSchema, silent: true })).items;
}

/** POST /api/public/signup: a new company, its admin and a trial of the chosen plan. */
export async function signup(body: CreateTenantInput): Promise<{ tenant: { slug: string } }> {
  return request({
    method: 'POST',
    path: '/api/public/signup',
    data: body,
    schema: z.object({ tenant: z.object({ id: z.number(), slug: z.string(), name: z.string() }) }),
    silent: true,
  });
}

/** GET /api/billing/subscription: plan, phase, trial days, seats, usage meters (admins only). */
export async function getSubscription(): Promise<SubscriptionView> {
  const res = await request({
    method: 'GET',
    path: '/api/billing/subscription',
    schema: z.object({ subscription: SubscriptionViewSchema }),
    ...CONSOLE_CALL,
  });
  return res.subscription;
}

/** GET /api/billing/preview: the upcoming invoice from usage so far. */
export async function getPreview(lang: 'zh-CN' | 'en'): Promise<PreviewView> {
  return request({ method: 'GET', path: '/api/billing/preview', query: { locale: lang }, schema: PreviewViewSchema, ...CONSOLE_CALL });
}

/** POST /api/billing/change-plan[?preview=true]. */
export async function changePlan(body: { plan?: string; seats?: number }, preview: boolean): Promise<ChangePlanView> {
  return request({
    method: 'POST',
    path: `/api/billing/change-plan${preview ? '?preview=true' : ''}`,
    data: body,
    schema: ChangePlanViewSchema,
    ...CONSOLE_CALL,
  });
}

export async function listInvoices(): Promise<InvoiceView[]> {
  const res = await request({
    method: 'GET',
    path: '/api/billing/invoices',
    schema: z.object({ items: z.array(InvoiceViewSchema) }),
    ...CONSOLE_CALL,
  });
  return res.items;
}

/** Downloads an invoice PDF in the console's language. */
export async function downloadInvoice(inv: InvoiceView, lang: 'zh-CN' | 'en'): Promise<void> {
  saveFile(await fetchFile({ method: 'GET', path: `/api/billing/invoices/${inv.id}/pdf`, query: { lang } }, `${inv.number}.pdf`));
}
