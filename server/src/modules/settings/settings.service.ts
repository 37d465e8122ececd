import type { TenantSettings, TenantSettingsUpdate } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { getTenant } from '../tenants/tenants.service';
import { presentSettings } from '../tenants/tenants.presenter';
import { forgetKpiRollup } from '../reports/kpi.rollup';

/** The tenant's own settings (name, time zone, dispatch mode …); a new time zone also drops the KPI rollup built in the old one. */
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
