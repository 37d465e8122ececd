import type { EntityManager } from 'typeorm';
import type { Deps } from '../../deps';
import { Site } from '../assets/site.entity';
import { User } from '../auth/user.entity';
import { ensureLocations, type LocationOwner } from '../parts/stock.service';
import type { StockLocation } from '../parts/stock.entity';

/** Every site's store and every engineer's van, created on first need (and renamed with their owner). */
export async function tenantLocations(deps: Deps, em: EntityManager, tenantId: number): Promise<StockLocation[]> {
  const [sites, engineers] = await Promise.all([
    em.find(Site, { where: { tenantId }, order: { id: 'ASC' } }),
    em.find(User, { where: { tenantId, role: 'engineer' }, order: { id: 'ASC' } }),
  ]);
  const owners: LocationOwner[] = [
    ...sites.map((s) => ({ kind: 'store' as const, id: s.id, name: s.name })),
    ...engineers.map((u) => ({ kind: 'van' as const, id: u.id, name: u.name })),
  ];
  return ensureLocations(em, tenantId, owners, deps.clock.now());
}
