/**
 * The operator's CLI over the same services as /api/operator:
 *   npm run operator -- plans [--status published]
 *   npm run operator -- plan:create --file plan.json        (a plan document; creates a draft version)
 *   npm run operator -- plan:publish --id 12 | plan:archive --id 12
 *   npm run operator -- tenants
 *   npm run operator -- tenant:create --slug acme --name "Acme" --admin boss --password '…' --admin-name 老板 --plan pro-month [--seats 10]
 *   npm run operator -- subscription --tenant acme | usage --tenant acme [--at 2026-03-31]
 *   npm run operator -- invoices [--tenant acme] | finalize | pay --id 7 | void --id 7 | refund --id 7 [--amount 1000]
 *   npm run operator -- quote --plan pro-month --seats 10 [--tickets 300]
 *   npm run operator -- summary
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CreateTenantSchema, PlanDocumentSchema, QuoteRequestSchema } from '@baoxiu/shared';
import {
  ensureCatalog,
  archivePlan,
  createPlan,
  listPlans,
  presentPlan,
  publishPlan,
} from '../../server/src/modules/billing/catalog.service';
import { finalizeDue, listInvoices, presentInvoice, refund, setInvoiceStatus } from '../../server/src/modules/billing/invoices.service';
import { listTenants, operatorSummary } from '../../server/src/modules/billing/operator.service';
import { provisionTenant } from '../../server/src/modules/billing/provision';
import { quote } from '../../server/src/modules/billing/quote.service';
import { presentSubscription, previewInvoice } from '../../server/src/modules/billing/subscriptions.service';
import { AppError } from '../../server/src/lib/errors';
import { parse } from '../../server/src/lib/validate';
import { fail, openCli, tenantBySlug } from './context';

const USAGE =
  'usage: npm run operator -- <plans|plan:create|plan:publish|plan:archive|tenants|tenant:create|subscription|usage|invoices|finalize|pay|void|refund|quote|summary> [options] (see scripts/cli/operator.ts)';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      file: { type: 'string' },
      id: { type: 'string' },
      slug: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'string' },
      password: { type: 'string' },
      'admin-name': { type: 'string' },
      plan: { type: 'string' },
      seats: { type: 'string' },
      tenant: { type: 'string' },
      at: { type: 'string' },
      amount: { type: 'string' },
      tickets: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (!command) fail(USAGE);
  const { deps, close } = await openCli();
  const out = (v: unknown): void => {
    process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
  };
  const id = () => (values.id ? Number(values.id) : fail('--id is required'));
  const tenantId = async () => (values.tenant ? (await tenantBySlug(deps, values.tenant)).id : fail('--tenant is required'));
  try {
    await ensureCatalog(deps);
    switch (command) {
      case 'plans':
        return out((await listPlans(deps, values.status as 'draft' | 'published' | 'archived' | undefined)).map(presentPlan));
      case 'plan:create':
        return out(
          presentPlan(
            await createPlan(
              deps,
              parse(PlanDocumentSchema, JSON.parse(fs.readFileSync(values.file ?? fail('--file is required'), 'utf8'))),
            ),
          ),
        );
      case 'plan:publish':
        return out(presentPlan(await publishPlan(deps, id())));
      case 'plan:archive':
        return out(presentPlan(await archivePlan(deps, id())));
      case 'tenants':
        return out(await listTenants(deps));
      case 'tenant:create':
        return out(
          await provisionTenant(
            deps,
            parse(CreateTenantSchema, {
              slug: values.slug,
              name: values.name,
              plan: values.plan,
              seats: values.seats ? Number(values.seats) : undefined,
              admin: { username: values.admin, password: values.password, name: values['admin-name'] ?? values.admin },
            }),
          ),
        );
      case 'subscription':
        return out(await presentSubscription(deps, await tenantId()));
      case 'usage':
        return out(await previewInvoice(deps, await tenantId(), values.at, 'zh-CN'));
      case 'invoices':
        return out((await listInvoices(deps, values.tenant ? await tenantId() : undefined)).map(presentInvoice));
      case 'finalize':
        return out(await finalizeDue(deps));
      case 'pay':
        return out(presentInvoice(await setInvoiceStatus(deps, id(), 'paid')));
      case 'void':
        return out(presentInvoice(await setInvoiceStatus(deps, id(), 'void')));
      case 'refund':
        return out(presentInvoice(await refund(deps, id(), values.amount ? Number(values.amount) : undefined)));
      case 'quote':
        return out(
          await quote(
            deps,
            parse(QuoteRequestSchema, {
              plan: values.plan,
              quantities: { seats: Number(values.seats ?? 0), tickets: Number(values.tickets ?? 0) },
            }),
            true,
          ),
        );
      case 'summary':
        return out(await operatorSummary(deps));
      default:
        fail(USAGE);
    }
  } catch (err) {
    if (err instanceof AppError) fail(`${err.code} ${JSON.stringify(err.details)}`);
    throw err;
  } finally {
    await close();
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
