import type { TenantSettings } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { isoDayInZone } from '../../lib/time';
import { Tenant } from './tenant.entity';
import { presentSettings } from './tenants.presenter';

export async function getTenant(deps: Deps, id: number): Promise<Tenant> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneBy({ id });
  if (!tenant) throw new AppError('NOT_FOUND', { tenantId: id });
  return tenant;
}

export async function updateSettings(deps: Deps, id: number, input: Partial<TenantSettings>): Promise<TenantSettings> {
  const tenant = await getTenant(deps, id);
  Object.assign(tenant, input);
  await deps.db.transaction((em) => em.save(tenant));
  return presentSettings(tenant);
}

/** Today (YYYY-MM-DD) in the tenant's time zone: the one definition of "today" for warranties. */
export async function tenantToday(deps: Deps, tenantId: number): Promise<string> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOne({ where: { id: tenantId }, select: { id: true, timezone: true } });
  if (!tenant) throw new AppError('NOT_FOUND', { tenantId });
  return isoDayInZone(deps.clock.now(), tenant.timezone);
}
