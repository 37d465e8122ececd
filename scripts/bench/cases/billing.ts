/**
 * Billing, in-process with the server's own services on the bench database:
 * - the preview (`previewInvoice`, what GET /api/billing/preview answers) for a tenant with 1,000,000 tickets in
 *   the period, read from the usage rollup intake keeps (written here as intake would have, a day at a time);
 * - finalizing 10,000 tenants' invoices at period end (`finalizeDue`, the worker's pass), then the re-run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../../server/src/db/database';
import { loadConfig } from '../../../server/src/config';
import { buildDeps } from '../../../server/src/system';
import { ManualClock } from '../../../server/src/lib/clock';
import { Tenant } from '../../../server/src/modules/tenants/tenant.entity';
import { User } from '../../../server/src/modules/auth/user.entity';
import { BillingSubscription } from '../../../server/src/modules/billing/billing.entity';
import { BillingInvoice } from '../../../server/src/modules/billing/invoice.entity';
import { ensureCatalog, publishedPlan } from '../../../server/src/modules/billing/catalog.service';
import { createSubscription, previewInvoice } from '../../../server/src/modules/billing/subscriptions.service';
import { finalizeDue } from '../../../server/src/modules/billing/invoices.service';
import { meter } from '../../../server/src/modules/billing/metering';
import { addDays } from '../../../server/src/modules/billing/periods';
import { ms, num, percentile, type Row } from '../report';

export const PREVIEW_BAR_MS = 50;
export const FINALIZE_BAR_S = 60;

export async function billingRows(db: Database, opts: { tickets: number; tenants: number; repeats: number }): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-bench-billing-'));
  const clock = new ManualClock('2026-06-20T02:00:00Z');
  const deps = await buildDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' }), { db, clock });
  try {
    await ensureCatalog(deps);
    const plan = await publishedPlan(deps, 'standard-month');
    const now = clock.now();
    const tag = randomBytes(3).toString('hex');
    // One tenant with the tickets in its period (1 June – 30 June after a trial from 18 May).
    const big = await db.transaction(async (em) => {
      const tenantId = (
        await em.insert(Tenant, {
          slug: `bill-big-${tag}`,
          name: 'Billing bench',
          dispatchMode: 'auto',
          offerTimeoutSeconds: 300,
          timezone: 'Asia/Shanghai',
          createdAt: now,
        })
      ).identifiers[0].id as number;
      await em.insert(User, {
        tenantId,
        username: 'admin',
        name: 'Admin',
        role: 'admin',
        passwordHash: 'x',
        phone: null,
        skills: [],
        siteIds: [],
        onDuty: true,
        lastAssignedAt: null,
        active: true,
        createdAt: now,
      });
      await createSubscription(em, now, { tenantId, plan, seats: 20, startedOn: '2026-05-18' });
      return tenantId;
    });
    const days = 19; // 1–19 June so far
    await db.transaction((em) =>
      meter(
        em,
        Array.from({ length: days }, (_, d) => ({
          tenantId: big,
          metric: 'tickets' as const,
          day: addDays('2026-06-01', d),
          quantity: Math.floor(opts.tickets / days) + (d < opts.tickets % days ? 1 : 0),
        })),
      ),
    );
    const samples: number[] = [];
    let counted = 0;
    for (let i = 0; i < opts.repeats + 10; i += 1) {
      const t0 = performance.now();
      const p = await previewInvoice(deps, big, undefined, 'zh-CN');
      if (i >= 10) samples.push(performance.now() - t0);
      counted = p.quantities.tickets;
    }
    const p99 = percentile(samples, 99);
    const previewRow: Row = {
      path: `billing preview: ${num(opts.tickets)} tickets in the period`,
      measured: `p99 ${ms(p99)}`,
      baseline: '—',
      ratio: null,
      bar: `p99 ≤ ${PREVIEW_BAR_MS} ms`,
      verdict: counted === opts.tickets ? (p99 <= PREVIEW_BAR_MS ? 'pass' : 'fail') : 'error',
      note: `p50 ${ms(percentile(samples, 50))}; ${opts.repeats} previews; counted ${num(counted)} tickets from the daily rollup`,
      data: { p50: percentile(samples, 50), p99, counted },
    };

    // Tenants whose first paid period (1 May – 31 May, after a trial from 17 April) is over on 20 June's pass.
    const many: number[] = [];
    for (let start = 0; start < opts.tenants; start += 500) {
      const n = Math.min(500, opts.tenants - start);
      await db.transaction(async (em) => {
        const rows = Array.from({ length: n }, (_, i) => ({
          slug: `bill-${tag}-${start + i}`,
          name: `Billing ${start + i}`,
          dispatchMode: 'auto' as const,
          offerTimeoutSeconds: 300,
          timezone: 'Asia/Shanghai',
          createdAt: now,
        }));
        await em.createQueryBuilder().insert().into(Tenant).values(rows).updateEntity(false).execute();
        const ids = (
          await em
            .getRepository(Tenant)
            .createQueryBuilder('t')
            .select('t.id', 'id')
            .where('t.slug LIKE :p', { p: `bill-${tag}-%` })
            .orderBy('t.id', 'DESC')
            .limit(n)
            .getRawMany<{ id: number }>()
        ).map((r) => Number(r.id));
        many.push(...ids);
        const subs = ids.map((tenantId) => ({
          tenantId,
          planId: plan.id,
          seats: 5,
          modules: null,
          startedOn: '2026-04-17',
          trialEndsOn: '2026-05-01',
          anchorOn: '2026-05-01',
          coupon: null,
          cancelAtPeriodEnd: false,
          pendingPlanId: null,
          pendingSeats: null,
          status: 'active' as const,
          createdAt: now,
          updatedAt: now,
        }));
        await em.createQueryBuilder().insert().into(BillingSubscription).values(subs).updateEntity(false).execute();
      });
    }
    const before = await db.ds.getRepository(BillingInvoice).count();
    const t0 = performance.now();
    const first = await finalizeDue(deps);
    const firstS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const again = await finalizeDue(deps);
    const againS = (performance.now() - t1) / 1000;
    const made = (await db.ds.getRepository(BillingInvoice).count()) - before;
    const finalizeRow: Row = {
      path: `billing: finalize ${num(opts.tenants)} tenants' invoices`,
      measured: `${firstS.toFixed(1)} s`,
      baseline: '—',
      ratio: null,
      bar: `≤ ${FINALIZE_BAR_S} s, re-run creates none`,
      verdict:
        made === opts.tenants && first.created === opts.tenants && again.created === 0
          ? firstS <= FINALIZE_BAR_S
            ? 'pass'
            : 'fail'
          : 'error',
      note: `${num(first.created)} invoices; re-run ${againS.toFixed(1)} s created ${again.created}`,
      data: { seconds: firstS, created: first.created, rerunSeconds: againS, rerunCreated: again.created },
    };
    return [previewRow, finalizeRow];
  } finally {
    await deps.queue.close();
    await deps.kv.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
