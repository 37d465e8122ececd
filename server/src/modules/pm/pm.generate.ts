import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps';
import { addDays, isoDayInZone } from '../../lib/time';
import { Tenant } from '../tenants/tenant.entity';
import { insertTickets, type TicketDraft } from '../tickets/intake.batch';
import { PmOccurrenceRow, PmPlanRow } from './pm.entity';
import { duesOf, targetAssets, type Due, type PlanAsset, type SpecCache } from './pm.schedule';

/** Occurrences written per transaction: one multi-row INSERT-or-ignore, then their tickets in one batch. */
const CHUNK = 200;

export interface PmSweepResult {
  created: number;
  failedPlans: number;
}

/**
 * Generates the visits due within each active plan's lead time (today … today + leadDays, in the tenant's zone),
 * each exactly once: the occurrence row's unique (planId, assetId, dueOn) decides which sweep owns it — two
 * workers, a re-run or a restart insert nothing twice, and the ticket is written in the same transaction as the
 * row, so a row never exists without its ticket. One failing plan (e.g. no holiday data) does not stop the rest.
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

async function generatePlan(deps: Deps, cache: SpecCache, plan: PmPlanRow, zone: string): Promise<number> {
  const em = deps.db.ds.manager;
  const today = isoDayInZone(deps.clock.now(), zone);
  const to = addDays(today, plan.leadDays);
  const assets = await targetAssets(em, plan);
  if (assets.length === 0) return 0;
  const dues = await duesOf(deps, em, cache, plan, assets, zone, today, today, to);
  // Skip what exists already, so a re-run is one read; the unique key still decides any race.
  const existing = await em.query<Array<{ assetId: number | string; dueOn: string }>>(
    'SELECT assetId, dueOn FROM pm_occurrences WHERE planId = ? AND dueOn >= ? AND dueOn <= ?',
    [plan.id, dues.reduce((m, d) => (d.dueOn < m ? d.dueOn : m), today), to],
  );
  const have = new Set(existing.map((e) => `${Number(e.assetId)}:${e.dueOn}`));
  // A fixed order: two sweeps inserting the same keys wait on each other instead of deadlocking.
  const fresh = dues.filter((d) => !have.has(`${d.assetId}:${d.dueOn}`))
    .sort((a, b) => a.assetId - b.assetId || a.dueOn.localeCompare(b.dueOn));
  const assetOf = new Map(assets.map((a) => [a.id, a]));
  let created = 0;
  for (let i = 0; i < fresh.length; i += CHUNK) created += await generateChunk(deps, plan, zone, fresh.slice(i, i + CHUNK), assetOf);
  return created;
}

async function generateChunk(deps: Deps, plan: PmPlanRow, zone: string, dues: Due[], assetOf: Map<number, PlanAsset>): Promise<number> {
  const now = deps.clock.now();
  const claim = randomBytes(16).toString('hex');
  return deps.db.transaction(async (em) => {
    await em.createQueryBuilder().insert().into(PmOccurrenceRow)
      .values(dues.map((d) => ({ tenantId: plan.tenantId, planId: plan.id, assetId: d.assetId, dueOn: d.dueOn, ticketId: null, results: null, correctiveTicketId: null, claim, createdAt: now })))
      .orIgnore().updateEntity(false).execute();
    // The rows this sweep inserted carry its claim; the ignored ones belong to whoever got there first.
    const mine = await em.query<Array<{ id: number | string; assetId: number | string; dueOn: string }>>(
      'SELECT id, assetId, dueOn FROM pm_occurrences WHERE claim = ? ORDER BY id', [claim],
    );
    if (mine.length === 0) return 0;
    const drafts: TicketDraft[] = mine.map((m) => {
      const asset = assetOf.get(Number(m.assetId)) as PlanAsset;
      return {
        asset, zone, type: 'preventive', createdBy: 'system', reporterOpenid: null, hash: null,
        key: `pm:${plan.id}:${asset.id}:${m.dueOn}`,
        input: { description: `定期保养 PM：${plan.name}（${m.dueOn} 到期 / due）`, urgency: 'normal', contactPhone: '', photoIds: [], category: asset.category },
      };
    });
    const tickets = await insertTickets(em, now, drafts);
    // One statement links the chunk's rows to their tickets (a CASE over ids, the same on SQLite and MariaDB).
    const cases = mine.map(() => 'WHEN ? THEN ?').join(' ');
    await em.query(
      `UPDATE pm_occurrences SET ticketId = CASE id ${cases} END WHERE id IN (${mine.map(() => '?').join(', ')})`,
      [...mine.flatMap((m, i) => [Number(m.id), tickets[i].id]), ...mine.map((m) => Number(m.id))],
    );
    return mine.length;
  });
}
