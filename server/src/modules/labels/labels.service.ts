import { In } from 'typeorm';
import { MAX_LABELS_PER_REQUEST, type LabelsRequest } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { Asset } from '../assets/asset.entity';
import { Site } from '../assets/site.entity';
import { assertSitesExist } from '../assets/sites.service';
import type { LabelData } from './labels.pdf';

/**
 * The labels to print, in the order asked: chosen codes (all must be this tenant's), one site, or
 * every asset of the tenant. Codes of another tenant are simply not found.
 */
export async function selectLabels(deps: Deps, tenantId: number, req: LabelsRequest): Promise<LabelData[]> {
  const repo = deps.db.ds.getRepository(Asset);
  let assets: Asset[];
  if (req.assetCodes) {
    const codes = [...new Set(req.assetCodes)];
    const found = await repo.findBy({ tenantId, code: In(codes) });
    const missing = codes.filter((c) => !found.some((a) => a.code === c));
    if (missing.length > 0) throw new AppError('ASSET_NOT_FOUND', { codes: missing });
    assets = codes.map((c) => found.find((a) => a.code === c) as Asset);
  } else {
    if (req.siteId) await assertSitesExist(deps, tenantId, [req.siteId]);
    assets = await repo.find({
      where: { tenantId, ...(req.siteId ? { siteId: req.siteId } : {}) },
      order: { siteId: 'ASC', id: 'ASC' },
      take: MAX_LABELS_PER_REQUEST,
    });
  }
  if (assets.length === 0) throw new AppError('NOTHING_TO_PRINT');
  const sites = new Map(
    (await deps.db.ds.getRepository(Site).findBy({ tenantId, id: In([...new Set(assets.map((a) => a.siteId))]) })).map((s) => [
      s.id,
      s.name,
    ]),
  );
  return assets.map((a) => ({ code: a.code, name: a.name, site: sites.get(a.siteId) ?? '', location: a.location }));
}
