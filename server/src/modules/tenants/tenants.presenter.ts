import type { TenantSettings } from '@baoxiu/shared';
import type { Tenant } from './tenant.entity';

export function presentSettings(t: Tenant): TenantSettings {
  return { dispatchMode: t.dispatchMode, offerTimeoutSeconds: t.offerTimeoutSeconds, timezone: t.timezone };
}
