import type { EntityManager } from 'typeorm';
import { PlanDocumentSchema, type PlanDocument, type PlanDocumentInput, type PlanView } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isUniqueViolation } from '../../db/database';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/time';
import { BillingPlan } from './billing.entity';
import { demoCatalog } from './catalog.demo';

/** The catalog: versioned plan documents. Published versions are what anyone can quote and subscribe to. */

export const presentPlan = (p: BillingPlan): PlanView => ({
  id: p.id,
  code: p.code,
  version: p.version,
  status: p.status,
  document: p.document,
  createdAt: iso(p.createdAt),
  publishedAt: iso(p.publishedAt),
});

/** Adds every demo plan whose code has no version yet, published; safe to run from every process at every start. */
export async function ensureCatalog(deps: Pick<Deps, 'db' | 'clock'>, plans: PlanDocumentInput[] = demoCatalog()): Promise<number> {
  const repo = deps.db.ds.getRepository(BillingPlan);
  const have = new Set((await repo.find({ select: { code: true } })).map((p) => p.code));
  let added = 0;
  for (const input of plans) {
    const document = PlanDocumentSchema.parse(input);
    if (have.has(document.code)) continue;
    const now = deps.clock.now();
    try {
      await repo.insert({ code: document.code, version: 1, status: 'published', document, createdAt: now, publishedAt: now });
      added += 1;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another process seeded it first
    }
  }
  return added;
}

/** A new draft version of a plan code (version 1 for a new code). */
export async function createPlan(deps: Deps, document: PlanDocument): Promise<BillingPlan> {
  return deps.db.transaction(async (em) => {
    const last = await em.getRepository(BillingPlan).findOne({ where: { code: document.code }, order: { version: 'DESC' } });
    const row = {
      code: document.code,
      version: (last?.version ?? 0) + 1,
      status: 'draft' as const,
      document,
      createdAt: deps.clock.now(),
      publishedAt: null,
    };
    const id = (await em.insert(BillingPlan, row)).identifiers[0].id as number;
    return { ...row, id };
  });
}

export async function planById(em: EntityManager | Deps, id: number): Promise<BillingPlan> {
  const repo = 'db' in em ? em.db.ds.getRepository(BillingPlan) : em.getRepository(BillingPlan);
  const plan = await repo.findOneBy({ id });
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { planId: id });
  return plan;
}

/** Publishing a version archives the code's previously published one: new subscriptions get the new price, old ones keep theirs. */
export async function publishPlan(deps: Deps, id: number): Promise<BillingPlan> {
  return deps.db.transaction(async (em) => {
    const plan = await planById(em, id);
    if (plan.status !== 'draft') throw new AppError('PLAN_NOT_DRAFT', { planId: id, status: plan.status });
    await em.getRepository(BillingPlan).update({ code: plan.code, status: 'published' }, { status: 'archived' });
    const publishedAt = deps.clock.now();
    await em.getRepository(BillingPlan).update({ id }, { status: 'published', publishedAt });
    return { ...plan, status: 'published' as const, publishedAt };
  });
}

export async function archivePlan(deps: Deps, id: number): Promise<BillingPlan> {
  return deps.db.transaction(async (em) => {
    const plan = await planById(em, id);
    await em.getRepository(BillingPlan).update({ id }, { status: 'archived' });
    return { ...plan, status: 'archived' as const };
  });
}

/** The published version of a code, the one new subscriptions and public quotes use. */
export async function publishedPlan(deps: Pick<Deps, 'db'>, code: string): Promise<BillingPlan> {
  const plan = await deps.db.ds.getRepository(BillingPlan).findOne({ where: { code, status: 'published' }, order: { version: 'DESC' } });
  if (!plan) throw new AppError('PLAN_NOT_FOUND', { code });
  return plan;
}

export async function listPlans(deps: Deps, status?: BillingPlan['status']): Promise<BillingPlan[]> {
  return deps.db.ds.getRepository(BillingPlan).find({ where: status ? { status } : {}, order: { code: 'ASC', version: 'DESC' } });
}
