import type { SiteInput, SiteUpdate, SiteView } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { touchCodes } from './scan-cache';
import { Site } from './site.entity';
import { Asset } from './asset.entity';
import { presentSite } from './assets.presenter';

export async function getSite(deps: Deps, tenantId: number, id: number): Promise<Site> {
  const site = await deps.db.ds.getRepository(Site).findOneBy({ id, tenantId });
  if (!site) throw new AppError('SITE_NOT_FOUND', { id });
  return site;
}

/** Every id must be one of this tenant's sites; another tenant's site is simply not found. */
export async function assertSitesExist(deps: Deps, tenantId: number, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await deps.db.ds
    .getRepository(Site)
    .createQueryBuilder('s')
    .where('s.tenantId = :tenantId AND s.id IN (:...ids)', { tenantId, ids: unique })
    .getCount();
  if (found !== unique.length) throw new AppError('SITE_NOT_FOUND', { ids: unique });
}

export async function listSites(deps: Deps, tenantId: number): Promise<SiteView[]> {
  const sites = await deps.db.ds.getRepository(Site).find({ where: { tenantId }, order: { name: 'ASC' } });
  return sites.map(presentSite);
}

export async function createSite(deps: Deps, tenantId: number, input: SiteInput): Promise<SiteView> {
  const site = await deps.db.transaction(async (em) => {
    const row = em.create(Site, {
      tenantId,
      name: input.name,
      address: input.address ?? null,
      region: input.region ?? null,
      createdAt: deps.clock.now(),
    });
    return em.save(row);
  });
  return presentSite(site);
}

export async function updateSite(deps: Deps, tenantId: number, id: number, input: SiteUpdate): Promise<SiteView> {
  const site = await getSite(deps, tenantId, id);
  Object.assign(site, input);
  await deps.db.transaction((em) => em.save(site));
  // The scan page shows the site's name: every asset of the site has a new answer.
  const assets = await deps.db.ds.getRepository(Asset).find({ where: { tenantId, siteId: id }, select: { id: true, code: true } });
  await touchCodes(
    deps,
    assets.map((a) => a.code),
  );
  return presentSite(site);
}

export async function deleteSite(deps: Deps, tenantId: number, id: number): Promise<void> {
  await getSite(deps, tenantId, id);
  await deps.db.transaction(async (em) => {
    const assets = await em.countBy(Asset, { tenantId, siteId: id });
    if (assets > 0) throw new AppError('SITE_IN_USE', { assets });
    await em.delete(Site, { id, tenantId });
  });
}
