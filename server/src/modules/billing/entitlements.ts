import type { EntityManager } from 'typeorm';
import type { PlanModule } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { BillingPlan, BillingSubscription } from './billing.entity';
import { seatsInUse } from './subscriptions.service';
import { meter } from './metering';
import { Tenant } from '../tenants/tenant.entity';
import { isoDayInZone } from '../../lib/time';

/**
 * The one place that answers "may this tenant use X". BILLING=off: everything, no quotas. A tenant without a
 * subscription (made before billing, or by a script) is unmanaged: everything too, until the operator gives it one.
 */
export interface Entitlements {
  managed: boolean;
  modules: ReadonlySet<PlanModule> | 'all';
  seats: number | null;
}

const ALL: Entitlements = { managed: false, modules: 'all', seats: null };

export async function entitlementsOf(deps: Deps, tenantId: number, em?: EntityManager): Promise<Entitlements> {
  if (!deps.config.billing.enabled) return ALL;
  const manager = em ?? deps.db.ds.manager;
  const sub = await manager.getRepository(BillingSubscription).findOneBy({ tenantId });
  if (!sub || sub.status !== 'active') return ALL;
  const plan = await manager.getRepository(BillingPlan).findOneByOrFail({ id: sub.planId });
  const doc = plan.document;
  const addOns = doc.charges.flatMap((c) => (c.kind === 'module' && (!sub.modules || sub.modules.includes(c.module)) ? [c.module] : []));
  return { managed: true, modules: new Set([...doc.modules, ...addOns]), seats: sub.seats };
}

/** Throws 403 MODULE_NOT_IN_PLAN when the tenant's plan lacks the module; other modules call this before their work. */
export async function requireModule(deps: Deps, tenantId: number, module: PlanModule): Promise<void> {
  const e = await entitlementsOf(deps, tenantId);
  if (e.modules !== 'all' && !e.modules.has(module)) throw new AppError('MODULE_NOT_IN_PLAN', { module, upgrade: '/manager/billing' });
}

/** Throws 422 SEAT_LIMIT when adding one more staff account would exceed the purchased seats (call inside the adding transaction). */
export async function requireFreeSeat(deps: Deps, em: EntityManager, tenantId: number): Promise<void> {
  const e = await entitlementsOf(deps, tenantId, em);
  if (!e.managed) return;
  const used = await seatsInUse(em, tenantId);
  // The period's peak of staff seats, metered as staff are added (in their transaction).
  const zone = (await em.getRepository(Tenant).findOneByOrFail({ id: tenantId })).timezone;
  await meter(em, [{ tenantId, metric: 'seats', day: isoDayInZone(deps.clock.now(), zone), quantity: used + 1 }]);
  if (e.seats === null) return;
  if (used + 1 > e.seats) {
    throw new AppError('SEAT_LIMIT', {
      used,
      purchased: e.seats,
      addSeats: 'POST /api/billing/change-plan { "seats": n } or the Billing page (/manager/billing)',
    });
  }
}
