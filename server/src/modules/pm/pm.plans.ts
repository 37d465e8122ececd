import { randomBytes } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { PmChecklistItem, PmChecklistItemInput, PmPlan, PmPlanInput, PmPlanPatch } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/time';
import { Asset } from '../assets/asset.entity';
import { getSite } from '../assets/sites.service';
import { PmPlanRow, type PmTarget } from './pm.entity';
import { validateRule } from './recurrence';

export function presentPlan(p: PmPlanRow): PmPlan {
  return {
    id: p.id,
    name: p.name,
    target: p.target,
    rrule: p.rrule,
    startsOn: p.startsOn,
    basedOn: p.basedOn,
    leadDays: p.leadDays,
    holidayPolicy: p.holidayPolicy,
    checklist: p.checklist,
    active: p.active,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}

/** Items keep the id they were given (so edits keep naming the same item); new items get a fresh one. */
function withIds(items: PmChecklistItemInput[]): PmChecklistItem[] {
  const used = new Set<string>();
  return items.map((i) => {
    const id = i.id && !used.has(i.id) ? i.id : `c${randomBytes(5).toString('hex')}`;
    used.add(id);
    const item: PmChecklistItem = { id, label: i.label, kind: i.kind, required: i.required };
    if (i.kind === 'number' && i.min !== undefined) item.min = i.min;
    if (i.kind === 'number' && i.max !== undefined) item.max = i.max;
    return item;
  });
}

/** The target names only this tenant's assets and site (another tenant's are simply not found). */
async function checkTarget(deps: Deps, tenantId: number, target: PmTarget): Promise<PmTarget> {
  const out: PmTarget = {};
  if (target.assetIds && target.assetIds.length > 0) {
    const ids = [...new Set(target.assetIds)];
    const found = await deps.db.ds.getRepository(Asset).count({ where: { tenantId, id: In(ids) } });
    if (found !== ids.length) throw new AppError('ASSET_NOT_FOUND', { ids });
    out.assetIds = ids;
  }
  if (target.siteId !== undefined) {
    await getSite(deps, tenantId, target.siteId);
    out.siteId = target.siteId;
  }
  if (target.category !== undefined) out.category = target.category;
  return out;
}

export async function getPlanRow(em: EntityManager, tenantId: number, id: number): Promise<PmPlanRow> {
  const plan = await em.getRepository(PmPlanRow).findOneBy({ id, tenantId });
  if (!plan) throw new AppError('PM_PLAN_NOT_FOUND', { id });
  return plan;
}

export async function createPlan(deps: Deps, tenantId: number, input: PmPlanInput): Promise<PmPlan> {
  validateRule(input.rrule, input.startsOn);
  const target = await checkTarget(deps, tenantId, input.target);
  const now = deps.clock.now();
  const row = await deps.db.transaction((em) =>
    em.getRepository(PmPlanRow).save({
      tenantId,
      name: input.name,
      target,
      rrule: input.rrule,
      startsOn: input.startsOn,
      basedOn: input.basedOn,
      leadDays: input.leadDays,
      holidayPolicy: input.holidayPolicy,
      checklist: withIds(input.checklist),
      active: true,
      generatedThrough: null,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return presentPlan(row);
}

export async function listPlans(deps: Deps, tenantId: number): Promise<PmPlan[]> {
  const rows = await deps.db.ds.getRepository(PmPlanRow).find({ where: { tenantId }, order: { id: 'ASC' } });
  return rows.map(presentPlan);
}

export async function getPlan(deps: Deps, tenantId: number, id: number): Promise<PmPlan> {
  return presentPlan(await getPlanRow(deps.db.ds.manager, tenantId, id));
}

/** Changes apply to occurrences not generated yet; tickets already created keep their date. */
export async function updatePlan(deps: Deps, tenantId: number, id: number, patch: PmPlanPatch): Promise<PmPlan> {
  return deps.db.transaction(async (em) => {
    const plan = await getPlanRow(em, tenantId, id);
    const next = { ...plan, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as PmPlanRow;
    if (patch.rrule !== undefined || patch.startsOn !== undefined) validateRule(next.rrule, next.startsOn);
    if (patch.target) next.target = await checkTarget(deps, tenantId, patch.target);
    if (patch.checklist) next.checklist = withIds(patch.checklist);
    // Resumed: the visits that fell due while it was paused were not missed by the worker; it starts again from today.
    if (patch.active === true && !plan.active) next.generatedThrough = null;
    next.updatedAt = deps.clock.now();
    await em.getRepository(PmPlanRow).save(next);
    return presentPlan(next);
  });
}
