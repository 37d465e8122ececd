import { publicUrlReach, type PublicBaseUrlView, type TenantSettings, type TenantSettingsUpdate } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { isoDayInZone } from '../../lib/time';
import { Tenant } from './tenant.entity';
import { presentSettings } from './tenants.presenter';
import { forgetKpiRollup } from '../reports/kpi.rollup';

export async function getTenant(deps: Deps, id: number): Promise<Tenant> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneBy({ id });
  if (!tenant) throw new AppError('NOT_FOUND', { tenantId: id });
  return tenant;
}

/** The origin printed into labels and asset QR codes, and whether a phone can reach it. */
export function presentPublicBaseUrl(url: string): PublicBaseUrlView {
  return { url, reach: publicUrlReach(url) };
}

export async function updateSettings(deps: Deps, id: number, input: TenantSettingsUpdate): Promise<TenantSettings> {
  const tenant = await getTenant(deps, id);
  const zoneChanged = input.timezone !== undefined && input.timezone !== tenant.timezone;
  Object.assign(tenant, input);
  await deps.db.transaction(async (em) => {
    await em.save(tenant);
    // The rollup's days are the old zone's calendar days: drop them; the sweep rebuilds, reports count live meanwhile.
    if (zoneChanged) await forgetKpiRollup(em, id);
  });
  return presentSettings(tenant);
}

/** Today (YYYY-MM-DD) in the tenant's time zone: the one definition of "today" for warranties. */
export async function tenantToday(deps: Deps, tenantId: number): Promise<string> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOne({ where: { id: tenantId }, select: { id: true, timezone: true } });
  if (!tenant) throw new AppError('NOT_FOUND', { tenantId });
  return isoDayInZone(deps.clock.now(), tenant.timezone);
}
