import type { TenantSettings } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { Tenant } from './tenant.entity';

export async function getTenant(deps: Deps, id: number): Promise<Tenant> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneBy({ id });
  if (!tenant) throw new AppError('NOT_FOUND', { tenantId: id });
  return tenant;
}

export function presentSettings(t: Tenant): TenantSettings {
  return { dispatchMode: t.dispatchMode, offerTimeoutSeconds: t.offerTimeoutSeconds };
}

export async function updateSettings(deps: Deps, id: number, input: Partial<TenantSettings>): Promise<TenantSettings> {
  const tenant = await getTenant(deps, id);
  Object.assign(tenant, input);
  await deps.db.transaction((em) => em.save(tenant));
  return presentSettings(tenant);
}
