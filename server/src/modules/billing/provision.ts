import type { CreateTenantInput, CreatedTenantView } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { isUniqueViolation } from '../../db/database';
import { AppError } from '../../lib/errors';
import { isoDayInZone } from '../../lib/time';
import { Tenant } from '../tenants/tenant.entity';
import { User } from '../auth/user.entity';
import { hashPassword } from '../auth/password';
import { publishedPlan } from './catalog.service';
import { createSubscription, presentSubscription } from './subscriptions.service';

const DEFAULT_ZONE = 'Asia/Shanghai';

/** Creates a tenant, its admin and its subscription to a published plan (starting today, with the plan's trial). */
export async function provisionTenant(deps: Deps, input: CreateTenantInput): Promise<CreatedTenantView> {
  const plan = await publishedPlan(deps, input.plan);
  const passwordHash = await hashPassword(input.admin.password);
  const now = deps.clock.now();
  let ids: { tenantId: number; adminId: number };
  try {
    ids = await deps.db.transaction(async (em) => {
      const tenantId = (
        await em.insert(Tenant, {
          slug: input.slug,
          name: input.name,
          dispatchMode: 'auto',
          offerTimeoutSeconds: 300,
          timezone: DEFAULT_ZONE,
          createdAt: now,
        })
      ).identifiers[0].id as number;
      const adminId = (
        await em.insert(User, {
          tenantId,
          username: input.admin.username,
          name: input.admin.name,
          role: 'admin',
          passwordHash,
          phone: null,
          skills: [],
          siteIds: [],
          onDuty: true,
          lastAssignedAt: null,
          active: true,
          createdAt: now,
        })
      ).identifiers[0].id as number;
      await createSubscription(em, now, { tenantId, plan, seats: input.seats, startedOn: isoDayInZone(now, DEFAULT_ZONE) });
      return { tenantId, adminId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('TENANT_SLUG_TAKEN', { slug: input.slug });
    throw err;
  }
  return {
    tenant: { id: ids.tenantId, slug: input.slug, name: input.name },
    admin: { id: ids.adminId, username: input.admin.username },
    subscription: await presentSubscription(deps, ids.tenantId),
  };
}
