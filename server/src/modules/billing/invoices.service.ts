import type { EntityManager } from 'typeorm';
import type { Currency, InvoiceView, Quantities, QuoteLine } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isUniqueViolation } from '../../db/database';
import { AppError } from '../../lib/errors';
import { iso, isoDayInZone } from '../../lib/time';
import { Tenant } from '../tenants/tenant.entity';
import { BillingPlan, BillingSubscription } from './billing.entity';
import { BillingInvoice, BillingInvoiceCounter, type InvoiceKind } from './invoice.entity';
import { periodUsage, periodUsageMany } from './metering';
import { addDays } from './periods';
import { periodWindow, pricePeriod, type PeriodWindow } from './pricing';
import { subscriptionPricing } from './subscriptions.service';

/** Invoices: finalized once per tenant and period by the worker, numbered without gaps, then paid or voided. */

export interface InvoiceDraft {
  tenantId: number;
  dedupeKey: string;
  kind: InvoiceKind;
  planId: number;
  currency: Currency;
  periodStart: string;
  periodEnd: string;
  issuedOn: string;
  lines: QuoteLine[];
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

const isSqlite = (em: EntityManager) => em.connection.options.type === 'better-sqlite3';

/** The next `count` numbers of a series in the caller's transaction: the counter row stays locked until it commits. */
async function takeNumbers(em: EntityManager, prefix: 'INV' | 'CN', issuedOn: string, count = 1): Promise<string[]> {
  const month = issuedOn.slice(0, 7).replace('-', '');
  const series = `${prefix}${month}`;
  await em.query(
    isSqlite(em)
      ? 'INSERT INTO billing_invoice_counters (series, value) VALUES (?, ?) ON CONFLICT (series) DO UPDATE SET value = value + excluded.value'
      : 'INSERT INTO billing_invoice_counters (series, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = value + VALUES(value)',
    [series, count],
  );
  const { value } = await em.getRepository(BillingInvoiceCounter).findOneByOrFail({ series });
  return Array.from({ length: count }, (_, i) => `${prefix}-${month}-${String(value - count + 1 + i).padStart(4, '0')}`);
}

/**
 * Issues many invoices in one transaction (numbers taken per series in one statement, rows in one INSERT); if
 * any was already issued (another worker), the transaction is undone, numbers too, and each is issued alone.
 */
async function issueMany(deps: Pick<Deps, 'db' | 'clock'>, drafts: InvoiceDraft[]): Promise<Set<number>> {
  if (drafts.length === 0) return new Set();
  try {
    await deps.db.transaction(async (em) => {
      const numbered: Array<InvoiceDraft & { number: string }> = [];
      const bySeries = new Map<string, InvoiceDraft[]>();
      for (const d of drafts) bySeries.set(d.issuedOn.slice(0, 7), [...(bySeries.get(d.issuedOn.slice(0, 7)) ?? []), d]);
      for (const group of [...bySeries.values()].sort((a, b) => a[0].issuedOn.localeCompare(b[0].issuedOn))) {
        const numbers = await takeNumbers(em, 'INV', group[0].issuedOn, group.length);
        group.forEach((d, i) => numbered.push({ ...d, number: numbers[i] }));
      }
      const now = deps.clock.now();
      await em
        .createQueryBuilder()
        .insert()
        .into(BillingInvoice)
        .values(numbered.map((d) => ({ ...d, status: 'open' as const, createdAt: now, paidAt: null })))
        .updateEntity(false)
        .execute();
    });
    return new Set(drafts.map((d) => d.tenantId));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const made = new Set<number>();
    for (const d of drafts) if (await issueInvoice(deps, d)) made.add(d.tenantId);
    return made;
  }
}

/** Writes one invoice with its number; null when its dedupe key was already invoiced (the whole transaction is undone, number too). */
export async function issueInvoice(deps: Pick<Deps, 'db' | 'clock'>, draft: InvoiceDraft): Promise<BillingInvoice | null> {
  try {
    return await deps.db.transaction(async (em) => {
      const [number] = await takeNumbers(em, draft.kind === 'credit_note' ? 'CN' : 'INV', draft.issuedOn);
      const row = { ...draft, number, status: 'open' as const, createdAt: deps.clock.now(), paidAt: null };
      const id = (await em.insert(BillingInvoice, row)).identifiers[0].id as number;
      return { ...row, id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

/** The last paid period of a subscription that is over on `today` (the one before the current one); null if none. */
export function lastEndedPeriod(sub: BillingSubscription, plan: BillingPlan, today: string): PeriodWindow | null {
  const empty = { seats: 0, tickets: 0, api_calls: 0, storage_gb: 0, wechat_messages: 0 };
  const current = periodWindow(subscriptionPricing(sub, plan, empty, today));
  if (current.start <= sub.startedOn) return null;
  const last = periodWindow(subscriptionPricing(sub, plan, empty, addDays(current.start, -1)));
  return last.phase === 'trial' || last.endExclusive > today ? null : last;
}

/** The invoice of the last ended period of a subscription (a trial is not invoiced); null when none is due. */
async function periodDraft(
  deps: Deps,
  sub: BillingSubscription,
  plan: BillingPlan,
  today: string,
  usage?: Quantities,
): Promise<InvoiceDraft | null> {
  const last = lastEndedPeriod(sub, plan, today);
  if (!last || sub.status !== 'active') return null;
  const used = usage ?? (await periodUsage(deps, sub.tenantId, last.start, last.endExclusive));
  const q = pricePeriod(subscriptionPricing(sub, plan, { ...used, seats: Math.max(sub.seats, used.seats) }, last.start));
  return {
    tenantId: sub.tenantId,
    dedupeKey: `period:${last.start}`,
    kind: 'period',
    planId: plan.id,
    currency: q.currency,
    periodStart: q.period.start,
    periodEnd: q.period.end,
    issuedOn: last.endExclusive,
    lines: q.lines,
    subtotal: q.subtotal,
    discount: q.discount,
    tax: q.tax,
    total: q.total,
  };
}

/** What waited for the period end: a downgrade, fewer seats, a cancellation. */
async function applyPending(deps: Deps, sub: BillingSubscription): Promise<void> {
  if (sub.pendingPlanId === null && sub.pendingSeats === null && !sub.cancelAtPeriodEnd) return;
  await deps.db.ds.getRepository(BillingSubscription).update(
    { id: sub.id },
    {
      planId: sub.pendingPlanId ?? sub.planId,
      seats: sub.pendingSeats ?? sub.seats,
      pendingPlanId: null,
      pendingSeats: null,
      status: sub.cancelAtPeriodEnd ? 'canceled' : sub.status,
      updatedAt: deps.clock.now(),
    },
  );
}

/** Finalizes one subscription's last ended period, then applies what waited for it. Returns whether it created an invoice. */
export async function finalizeSubscription(deps: Deps, sub: BillingSubscription, plan: BillingPlan, today: string): Promise<boolean> {
  const draft = await periodDraft(deps, sub, plan, today);
  if (!draft) return false;
  const invoice = await issueInvoice(deps, draft);
  // Only the pass that closes the period applies what waited for its end (a later pass must not apply a newer wish).
  if (invoice) await applyPending(deps, sub);
  return invoice !== null;
}

/** The worker's pass over every active subscription; safe to run on several workers at once and to re-run. */
export async function finalizeDue(deps: Deps): Promise<{ checked: number; created: number }> {
  const now = deps.clock.now();
  const plans = new Map((await deps.db.ds.getRepository(BillingPlan).find()).map((p) => [p.id, p]));
  const zones = new Map(
    (await deps.db.ds.getRepository(Tenant).find({ select: { id: true, timezone: true } })).map((t) => [t.id, t.timezone]),
  );
  let checked = 0;
  let created = 0;
  for (let after = 0; ;) {
    const page = await deps.db.ds
      .getRepository(BillingSubscription)
      .createQueryBuilder('s')
      .where('s.id > :after AND s.status = :active', { after, active: 'active' })
      .orderBy('s.id', 'ASC')
      .take(500)
      .getMany();
    if (page.length === 0) break;
    // One read of the page's latest period invoices, so a re-run skips finalized tenants without a write.
    const done = new Set(
      (
        await deps.db.ds
          .getRepository(BillingInvoice)
          .createQueryBuilder('i')
          .select(['i.tenantId', 'i.dedupeKey'])
          .where('i.tenantId IN (:...ids) AND i.kind = :kind', { ids: page.map((s) => s.tenantId), kind: 'period' })
          .getMany()
      ).map((i) => `${i.tenantId}|${i.dedupeKey}`),
    );
    const due: Array<{ sub: BillingSubscription; plan: BillingPlan; today: string; last: PeriodWindow }> = [];
    for (const sub of page) {
      checked += 1;
      const plan = plans.get(sub.planId);
      if (!plan) continue;
      const today = isoDayInZone(now, zones.get(sub.tenantId) ?? 'Asia/Shanghai');
      const last = lastEndedPeriod(sub, plan, today);
      if (!last) continue;
      if (done.has(`${sub.tenantId}|period:${last.start}`)) continue;
      due.push({ sub, plan, today, last });
    }
    // Usage of the due tenants in one query per distinct period, then their invoices in batches of 100.
    const usage = new Map<number, Quantities>();
    const periods = new Map<string, number[]>();
    for (const d of due)
      periods.set(`${d.last.start}|${d.last.endExclusive}`, [
        ...(periods.get(`${d.last.start}|${d.last.endExclusive}`) ?? []),
        d.sub.tenantId,
      ]);
    for (const [key, ids] of periods) {
      const [start, end] = key.split('|');
      for (const [tenantId, q] of await periodUsageMany(deps, ids, start, end)) usage.set(tenantId, q);
    }
    const drafts: InvoiceDraft[] = [];
    for (const d of due) {
      const draft = await periodDraft(deps, d.sub, d.plan, d.today, usage.get(d.sub.tenantId));
      if (draft) drafts.push(draft);
    }
    const made = new Set<number>();
    for (let i = 0; i < drafts.length; i += 100) for (const id of await issueMany(deps, drafts.slice(i, i + 100))) made.add(id);
    created += made.size;
    // Only the pass that closes the period applies what waited for its end (a later pass must not apply a newer wish).
    for (const d of due) if (made.has(d.sub.tenantId)) await applyPending(deps, d.sub);
    after = page[page.length - 1].id;
  }
  return { checked, created };
}

export const presentInvoice = (i: BillingInvoice): InvoiceView => ({
  id: i.id,
  number: i.number,
  kind: i.kind,
  status: i.status,
  currency: i.currency,
  periodStart: i.periodStart,
  periodEnd: i.periodEnd,
  issuedOn: i.issuedOn,
  lines: i.lines,
  subtotal: i.subtotal,
  discount: i.discount,
  tax: i.tax,
  total: i.total,
  paidAt: iso(i.paidAt),
});

export async function listInvoices(deps: Deps, tenantId: number | undefined): Promise<BillingInvoice[]> {
  return deps.db.ds
    .getRepository(BillingInvoice)
    .find({ where: tenantId === undefined ? {} : { tenantId }, order: { id: 'DESC' }, take: 200 });
}

export async function invoiceOf(deps: Deps, tenantId: number | undefined, id: number): Promise<BillingInvoice> {
  const inv = await deps.db.ds.getRepository(BillingInvoice).findOneBy(tenantId === undefined ? { id } : { id, tenantId });
  if (!inv) throw new AppError('INVOICE_NOT_FOUND', { invoiceId: id });
  return inv;
}

/** The operator records a payment or voids an open invoice; a paid one stays paid (refunds are credit notes). */
export async function setInvoiceStatus(deps: Deps, id: number, status: 'paid' | 'void'): Promise<BillingInvoice> {
  const inv = await invoiceOf(deps, undefined, id);
  if (inv.status !== 'open') throw new AppError('INVOICE_NOT_OPEN', { invoiceId: id, status: inv.status });
  const paidAt = status === 'paid' ? deps.clock.now() : null;
  const result = await deps.db.ds
    .getRepository(BillingInvoice)
    .createQueryBuilder()
    .update()
    .set({ status, paidAt })
    .where('id = :id AND status = :open', { id, open: 'open' })
    .execute();
  if (!result.affected) throw new AppError('INVOICE_NOT_OPEN', { invoiceId: id });
  return { ...inv, status, paidAt };
}

/** A refund of a paid invoice, in full or in part: a credit note of its own number. */
export async function refund(deps: Deps, id: number, amount: number | undefined): Promise<BillingInvoice> {
  const inv = await invoiceOf(deps, undefined, id);
  const credited = Math.min(amount ?? inv.total, inv.total);
  const issuedOn = isoDayInZone(deps.clock.now(), 'Asia/Shanghai');
  const note = await issueInvoice(deps, {
    tenantId: inv.tenantId,
    dedupeKey: `refund:${inv.id}:${deps.clock.now().getTime()}`,
    kind: 'credit_note',
    planId: inv.planId,
    currency: inv.currency,
    periodStart: inv.periodStart,
    periodEnd: inv.periodEnd,
    issuedOn,
    lines: [{ kind: 'proration_credit', description: `Refund ${inv.number}`, quantity: 1, unitAmount: -credited, amount: -credited }],
    subtotal: -credited,
    discount: 0,
    tax: 0,
    total: -credited,
  });
  if (!note) throw new AppError('CONFLICT');
  return note;
}
