/** Dispatch decision for one ticket in a tenant of 5,000 engineers, timed in-process with the server's own code. */
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../../server/src/db/database';
import { Asset } from '../../../server/src/modules/assets/asset.entity';
import { Ticket } from '../../../server/src/modules/tickets/ticket.entity';
import { offerNext } from '../../../server/src/modules/dispatch/dispatch.service';
import { loadCandidates, newRosterCache } from '../../../server/src/modules/dispatch/dispatch.roster';
import { Tenant } from '../../../server/src/modules/tenants/tenant.entity';
import { rankCandidates } from '../../../server/src/modules/dispatch/dispatch.scoring';
import type { SeededTenant } from '../seed/seed';
import { ms, num, percentile, type Row } from '../report';

const ROLLBACK = new Error('rollback: measured only');

/** A fresh ticket inside the caller's transaction, as intake would have written it. */
async function newTicket(em: EntityManager, asset: Asset): Promise<Ticket> {
  const now = new Date();
  const id = (
    await em.insert(Ticket, {
      tenantId: asset.tenantId,
      number: `BX-BENCH-${randomBytes(5).toString('hex')}`,
      assetId: asset.id,
      siteId: asset.siteId,
      status: 'new',
      category: asset.category,
      description: '压测：派单',
      urgency: 'normal',
      contactName: null,
      contactPhone: '13900000003',
      trackingToken: randomBytes(18).toString('base64url'),
      idempotencyKey: null,
      requestHash: null,
      engineerId: null,
      dispatchCycle: 1,
      dispatchRound: 0,
      needsDispatcher: false,
      offerExpiresAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
  ).identifiers[0].id as number;
  return em.findOneByOrFail(Ticket, { id });
}

export async function dispatchRows(db: Database, tenant: SeededTenant, repeats: number): Promise<Row[]> {
  const em = db.ds.manager;
  const assets = await em.find(Asset, { where: { tenantId: tenant.tenantId }, take: 100, order: { id: 'ASC' } });
  // The process's roster cache, as a system keeps it on Deps.
  const rosters = newRosterCache();
  const decide: number[] = [];
  const full: number[] = [];
  let candidates = 0;
  const warmup = 5;
  for (let i = 0; i < repeats + warmup; i++) {
    const asset = assets[i % assets.length];
    // The decision as offerNext makes it, given the tenant row it has already read for the dispatch mode: the
    // eligible engineers with their load (roster from the process's cache, one query over the eligible), ranked.
    const t = await em.findOneByOrFail(Tenant, { id: tenant.tenantId });
    const t0 = performance.now();
    const needs = { category: asset.category, siteId: asset.siteId };
    const ranked = rankCandidates(await loadCandidates(em, rosters, t, needs, new Date()), needs);
    const t1 = performance.now();
    candidates = ranked.length;
    // The whole offerNext (tenant, asset, earlier offers, decision, offer rows, outbox), rolled back.
    await db
      .transaction(async (tx) => {
        const ticket = await newTicket(tx, asset);
        const t2 = performance.now();
        await offerNext(tx, rosters, ticket, new Date());
        if (i >= warmup) full.push(performance.now() - t2);
        throw ROLLBACK;
      })
      .catch((err: unknown) => {
        if (err !== ROLLBACK) throw err;
      });
    if (i >= warmup) decide.push(t1 - t0);
  }
  const p50 = percentile(decide, 50);
  const p99 = percentile(decide, 99);
  const engineers = num(tenant.engineerIds.length);
  return [
    {
      path: `dispatch decision: one ticket, ${engineers} engineers in the tenant (eligible + load + rank; the tenant row offerNext reads for the mode not counted)`,
      measured: `p50 ${ms(p50)}, p99 ${ms(p99)} over ${repeats} decisions (~${num(candidates)} eligible)`,
      baseline: '—',
      ratio: null,
      bar: '≤ 5 ms (judged on p99)',
      verdict: p99 <= 5 ? 'pass' : 'fail',
      data: { p50, p99, repeats, engineers: tenant.engineerIds.length, eligible: candidates },
    },
    {
      path: `extra: whole offerNext with ${engineers} engineers (decision + offer, outbox; rolled back)`,
      measured: `p50 ${ms(percentile(full, 50))}, p99 ${ms(percentile(full, 99))}`,
      baseline: '—',
      ratio: null,
      bar: '— (context)',
      verdict: 'n/a',
      data: { p50: percentile(full, 50), p99: percentile(full, 99) },
    },
  ];
}
