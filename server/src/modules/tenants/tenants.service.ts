import { publicUrlReach, type PublicBaseUrlView } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { isoDayInZone } from '../../lib/time';
import { Tenant } from './tenant.entity';

export async function getTenant(deps: Deps, id: number): Promise<Tenant> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneBy({ id });
  if (!tenant) throw new AppError('NOT_FOUND', { tenantId: id });
  return tenant;
}

/** The origin printed into labels and asset QR codes, and whether a phone can reach it. */
export function presentPublicBaseUrl(url: string): PublicBaseUrlView {
  return { url, reach: publicUrlReach(url) };
}

/** Today (YYYY-MM-DD) in the tenant's time zone: the one definition of "today" for warranties. */
export async function tenantToday(deps: Deps, tenantId: number): Promise<string> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOne({ where: { id: tenantId }, select: { id: true, timezone: true } });
  if (!tenant) throw new AppError('NOT_FOUND', { tenantId });
  return isoDayInZone(deps.clock.now(), tenant.timezone);
}
