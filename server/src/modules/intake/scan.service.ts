import { In } from 'typeorm';
import { OPEN_STATUSES, type PublicAssetResponse } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { dayInZone, iso, isoDayInZone } from '../../lib/time';
import { Asset } from '../assets/asset.entity';
import { Site } from '../assets/site.entity';
import { presentPublicAsset } from '../assets/assets.presenter';
import { readScanEntry, writeScanEntry } from '../assets/scan-cache';
import { Tenant } from '../tenants/tenant.entity';
import { Ticket } from '../tickets/ticket.entity';
import { followTokenFor } from '../tickets/follow';

/** What a scan shows, computed from the database: the device, and the repairs already open on it. */
async function computePublicAsset(deps: Deps, code: string): Promise<{ body: PublicAssetResponse; timezone: string }> {
  const asset = await deps.db.ds.getRepository(Asset).findOneBy({ code });
  if (!asset) throw new AppError('ASSET_NOT_FOUND', { code });
  const [site, tenant, open] = await Promise.all([
    deps.db.ds.getRepository(Site).findOneByOrFail({ id: asset.siteId }),
    deps.db.ds.getRepository(Tenant).findOneByOrFail({ id: asset.tenantId }),
    deps.db.ds.getRepository(Ticket).find({
      where: { assetId: asset.id, status: In([...OPEN_STATUSES]) },
      order: { createdAt: 'DESC' },
      take: 20,
    }),
  ]);
  const body: PublicAssetResponse = {
    asset: presentPublicAsset(asset, site, isoDayInZone(deps.clock.now(), tenant.timezone)),
    openTickets: open.map((t) => ({
      number: t.number,
      status: t.status,
      createdAt: iso(t.createdAt),
      description: t.description.slice(0, 200),
      followToken: followTokenFor(deps.jwtSecret, t.id),
    })),
  };
  return { body, timezone: tenant.timezone };
}

/**
 * The scan answer as JSON text, so nobody files a duplicate. Served from the scan cache while it is
 * current (see scan-cache.ts), else computed and stored.
 */
export async function lookupPublicAssetJson(deps: Deps, code: string): Promise<string> {
  const now = deps.clock.now();
  const cached = await readScanEntry(deps, code, now);
  if (cached?.json) return cached.json;
  const { body, timezone } = await computePublicAsset(deps, code);
  if (!cached) return JSON.stringify(body);
  return writeScanEntry(deps, code, cached.version, timezone, dayInZone(now, timezone), body);
}
