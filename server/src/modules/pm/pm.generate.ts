import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/database';
import { insertRows } from '../../db/insert-rows';
import type { Deps } from '../../deps';
import { addDays, isoDayInZone } from '../../lib/time';
import { knowAssetCodes } from '../assets/scan-cache';
import { Tenant } from '../tenants/tenant.entity';
import { insertTickets, type TicketDraft } from '../intake/intake.batch';
import { PmOccurrenceRow, PmPlanRow } from './pm.entity';
import { duesOf, targetAssets, type Due, type PlanAsset, type SpecCache } from './pm.schedule';

/**
 * Visits written per transaction (tickets, events, dispatch jobs and occurrence rows as multi-row INSERTs of 500
 * rows, insert-rows.ts). SQLite: 5,000. Each COMMIT syncs the WAL and mostly checkpoints it, and 1,000 random
 * tracking tokens already dirty most pages of their index, so fewer, larger transactions write much less (the PM
 * bench: 16.6 s → 8.9 s for 120,000 visits); the embedded API waits at most one chunk (≈ 0.3 s) while a year of
 * visits is generated. MariaDB: 1,000. Larger ones measured no faster there (the time is the server's work per row),
 * and a chunk holds its tenant's ticket-number counter until it commits, which that tenant's intake waits for.
 */
const CHUNK = { sqlite: 5_000, mysql: 1_000 } as const;

export interface PmSweepResult {
  created: number;
  failedPlans: number;
}

/**
 * Generates the visits due within each active plan's lead time (today … today + leadDays, in the tenant's zone),
 * each exactly once: the occurrence row's unique (planId, assetId, dueOn), and its ticket's idempotency key, decide
 * which sweep's transaction writes it — two workers, a re-run or a restart insert nothing twice (generateChunk), and
 * the ticket is written in the same transaction as the row, so a row never exists without its ticket. One failing plan (e.g. no holiday data) does not stop the rest.
 */
export async function sweepPm(deps: Deps): Promise<PmSweepResult> {
  const plans = await deps.db.ds.getRepository(PmPlanRow).find({ where: { active: true }, order: { id: 'ASC' } });
  const zones = new Map<number, string>();
  const cache: SpecCache = new Map();
  const result: PmSweepResult = { created: 0, failedPlans: 0 };
  for (const plan of plans) {
    try {
      let zone = zones.get(plan.tenantId);
      if (!zone) {
        zone = (await deps.db.ds.getRepository(Tenant).findOneByOrFail({ id: plan.tenantId })).timezone;
        zones.set(plan.tenantId, zone);
      }
      result.created += await generatePlan(deps, cache, plan, zone);
    } catch (err) {
      result.failedPlans += 1;
      deps.log.warn({ err, planId: plan.id }, 'PM generation failed for a plan');
    }
  }
  return result;
}

/** How far back a sweep looks for schedule visits it missed (the worker down): older ones are not generated. */
export const PM_BACKFILL_DAYS = 31;

/**
 * The first day a sweep considers. Schedule plans: the day after the last complete sweep (back-filling what a
 * stopped worker missed, at most PM_BACKFILL_DAYS back), today for a new or resumed plan. Completion plans have at
 * most one visit per asset in sight, due after the last completion: one missed is generated however late (or the
 * plan would wait for it forever).
 */
function sweepFrom(plan: PmPlanRow, today: string): string {
  if (plan.basedOn === 'completion') return plan.startsOn < today ? plan.startsOn : today;
  if (!plan.generatedThrough) return today;
  const after = addDays(plan.generatedThrough, 1);
  const floor = addDays(today, -PM_BACKFILL_DAYS);
  const from = after > floor ? after : floor;
  return from < today ? from : today;
}

async function generatePlan(deps: Deps, cache: SpecCache, plan: PmPlanRow, zone: string): Promise<number> {
  const em = deps.db.ds.manager;
  const today = isoDayInZone(deps.clock.now(), zone);
  const to = addDays(today, plan.leadDays);
  const from = sweepFrom(plan, today);
  const assets = await targetAssets(em, plan);
  let created = 0;
  if (assets.length > 0) {
    // A visit missed before the asset existed (or before the plan did) was not missed: it never was.
    const since = new Map(assets.map((a) => [a.id, isoDayInZone(a.createdAt, zone)]));
    const planSince = isoDayInZone(plan.createdAt, zone);
    const dues = (await duesOf(deps, em, cache, plan, assets, zone, today, from, to)).filter(
      (d) => d.dueOn >= today || (d.dueOn >= (since.get(d.assetId) ?? today) && d.dueOn >= planSince),
    );
    // Skip what exists already, so a re-run is one read; the unique key still decides any race.
    const existing =
      dues.length === 0
        ? []
        : await em.query<Array<{ assetId: number | string; dueOn: string }>>(
            'SELECT assetId, dueOn FROM pm_occurrences WHERE planId = ? AND dueOn >= ? AND dueOn <= ?',
            [plan.id, dues.reduce((m, d) => (d.dueOn < m ? d.dueOn : m), today), to],
          );
    const have = new Set(existing.map((e) => `${Number(e.assetId)}:${e.dueOn}`));
    // A fixed order: two sweeps inserting the same keys wait on each other instead of deadlocking.
    const fresh = dues
      .filter((d) => !have.has(`${d.assetId}:${d.dueOn}`))
      .sort((a, b) => a.assetId - b.assetId || a.dueOn.localeCompare(b.dueOn));
    const assetOf = new Map(assets.map((a) => [a.id, a]));
    // The scan cache is told of each ticket's asset after commit: it need not look their codes up.
    if (fresh.length > 0) knowAssetCodes(deps.assetCodes, assets);
    const chunk = CHUNK[deps.db.kind];
    for (let i = 0; i < fresh.length; i += chunk)
      created += await generateChunk(deps, plan, zone, today, fresh.slice(i, i + chunk), assetOf);
  }
  // Every visit due up to today has now been considered; a sweep that failed above leaves the mark, so the next retries.
  await deps.db.transaction((tx) =>
    tx.query(
      'UPDATE pm_plans SET generatedThrough = ? WHERE id = ? AND active = ? AND (generatedThrough IS NULL OR generatedThrough < ?)',
      [today, plan.id, true, today],
    ),
  );
  return created;
}

/**
 * Writes one chunk's visits, each exactly once. Another sweep (a second worker) may write some of the same visits at
 * the same moment: the transaction that comes second hits the unique keys (the occurrence's, and the ticket's
 * idempotency key) and rolls back whole, its ticket numbers with it (they are taken in the same transaction, so no
 * number is lost); it then writes only the visits still missing.
 */
async function generateChunk(
  deps: Deps,
  plan: PmPlanRow,
  zone: string,
  today: string,
  dues: Due[],
  assetOf: Map<number, PlanAsset>,
): Promise<number> {
  let todo = dues;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await writeChunk(deps, plan, zone, today, todo, assetOf);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
      todo = await stillMissing(deps.db.ds.manager, plan.id, todo);
      if (todo.length === 0) return 0;
    }
  }
}

/** The visits of `dues` (one plan's, sorted by asset) that no committed occurrence row holds. */
async function stillMissing(em: EntityManager, planId: number, dues: Due[]): Promise<Due[]> {
  const days = dues.map((d) => d.dueOn).sort();
  const rows = await em.query<Array<{ assetId: number | string; dueOn: string }>>(
    'SELECT assetId, dueOn FROM pm_occurrences WHERE planId = ? AND assetId >= ? AND assetId <= ? AND dueOn >= ? AND dueOn <= ?',
    [planId, dues[0].assetId, dues[dues.length - 1].assetId, days[0], days[days.length - 1]],
  );
  const have = new Set(rows.map((r) => `${Number(r.assetId)}:${r.dueOn}`));
  return dues.filter((d) => !have.has(`${d.assetId}:${d.dueOn}`));
}

/**
 * One transaction: the tickets (numbered, with their events, meter and dispatch jobs), then the occurrence rows that
 * point at them. Written with their ticket ids at once, the rows need no second pass (an UPDATE of each row and its
 * ticketId index entry was a sixth of the sweep's database time on MariaDB).
 */
async function writeChunk(
  deps: Deps,
  plan: PmPlanRow,
  zone: string,
  today: string,
  dues: Due[],
  assetOf: Map<number, PlanAsset>,
): Promise<number> {
  const now = deps.clock.now();
  const claim = randomBytes(16).toString('hex');
  return deps.db.transaction(async (em) => {
    const drafts: TicketDraft[] = dues.map((d) => {
      const asset = assetOf.get(d.assetId) as PlanAsset;
      return {
        asset,
        zone,
        type: 'preventive',
        createdBy: 'system',
        reporterOpenid: null,
        hash: null,
        key: `pm:${plan.id}:${asset.id}:${d.dueOn}`,
        input: {
          description:
            d.dueOn < today
              ? `【已逾期 Overdue】定期保养 PM：${plan.name}（${d.dueOn} 到期，补生成 / due, generated late）`
              : `定期保养 PM：${plan.name}（${d.dueOn} 到期 / due）`,
          urgency: d.dueOn < today ? 'high' : 'normal',
          contactPhone: '',
          photoIds: [],
          category: asset.category,
        },
      };
    });
    const tickets = await insertTickets(em, now, drafts);
    await insertRows(
      em,
      PmOccurrenceRow,
      dues.map((d, k) => ({
        tenantId: plan.tenantId,
        planId: plan.id,
        assetId: d.assetId,
        dueOn: d.dueOn,
        ticketId: tickets[k].id,
        results: null,
        correctiveTicketId: null,
        claim,
        late: d.dueOn < today,
        createdAt: now,
      })),
    );
    return dues.length;
  });
}
