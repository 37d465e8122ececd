import type { AssetInput, AssetListQuery, AssetUpdate, AssetView, Page, PublicAssetResponse } from '@baoxiu/shared';
import { OPEN_STATUSES } from '@baoxiu/shared';
import { In, type SelectQueryBuilder } from 'typeorm';
import { AppError } from '../../lib/errors';
import { newAssetCode } from '../../lib/ids';
import { isUniqueViolation } from '../../db/database';
import { pageWindow, toPage } from '../../lib/pagination';
import { dayInZone, iso, isoDayInZone } from '../../lib/time';
import { noteAssetChanged } from '../../db/commit-listener';
import { tenantToday } from '../tenants/tenants.service';
import { readScanEntry, touchCodes, writeScanEntry } from './scan-cache';
import type { Deps } from '../../deps';
import { Asset } from './asset.entity';
import { Site } from './site.entity';
import { Ticket } from '../tickets/ticket.entity';
import { Tenant } from '../tenants/tenant.entity';
import { assertSitesExist } from './sites.service';
import { presentAsset, presentPublicAsset } from './assets.presenter';
import { followTokenFor } from '../tickets/follow';

export async function getAsset(deps: Deps, tenantId: number, id: number): Promise<Asset> {
  const asset = await deps.db.ds.getRepository(Asset).findOneBy({ id, tenantId });
  if (!asset) throw new AppError('ASSET_NOT_FOUND', { id });
  return asset;
}

type AssetFilters = Omit<AssetListQuery, 'page' | 'pageSize'>;

/** The list's filters as one query, shared by the paged list and the export. */
export async function filteredAssets(deps: Deps, tenantId: number, q: AssetFilters): Promise<SelectQueryBuilder<Asset>> {
  const qb = deps.db.ds.getRepository(Asset).createQueryBuilder('a').where('a.tenantId = :tenantId', { tenantId });
  if (q.siteId) qb.andWhere('a.siteId = :siteId', { siteId: q.siteId });
  if (q.category) qb.andWhere('a.category = :category', { category: q.category });
  if (q.q) {
    qb.andWhere('(a.name LIKE :q OR a.code LIKE :q OR a.serial LIKE :q OR a.model LIKE :q OR a.externalId LIKE :q)', {
      q: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    });
  }
  if (q.warranty) {
    // Warranty days are ISO dates, so text comparison orders them; "today" is the tenant's, as on the scan page.
    const today = await tenantToday(deps, tenantId);
    if (q.warranty === 'none') qb.andWhere('a.warrantyUntil IS NULL');
    else if (q.warranty === 'active') qb.andWhere('a.warrantyUntil >= :today', { today });
    else qb.andWhere('a.warrantyUntil < :today', { today });
  }
  return qb;
}

export async function listAssets(deps: Deps, tenantId: number, q: AssetListQuery): Promise<Page<AssetView>> {
  const qb = await filteredAssets(deps, tenantId, q);
  const { skip, take } = pageWindow(q);
  const [rows, total] = await qb.orderBy('a.id', 'ASC').skip(skip).take(take).getManyAndCount();
  return toPage(
    rows.map((a) => presentAsset(a, deps.config.publicBaseUrl)),
    q,
    total,
  );
}

export async function createAsset(deps: Deps, tenantId: number, input: AssetInput): Promise<AssetView> {
  await assertSitesExist(deps, tenantId, [input.siteId]);
  // 60 random bits rarely collide; when they do, draw again.
  for (let attempt = 0; ; attempt += 1) {
    const now = deps.clock.now();
    const row: Partial<Asset> = {
      tenantId,
      siteId: input.siteId,
      code: newAssetCode(),
      name: input.name,
      model: input.model ?? null,
      serial: input.serial ?? null,
      category: input.category ?? null,
      location: input.location ?? null,
      warrantyUntil: input.warrantyUntil ?? null,
      customFields: input.customFields ?? {},
      externalId: input.externalId ?? null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      const id = await deps.db.transaction(async (em) => (await em.insert(Asset, row)).identifiers[0].id as number);
      return presentAsset(await getAsset(deps, tenantId, id), deps.config.publicBaseUrl);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

export async function updateAsset(deps: Deps, tenantId: number, id: number, input: AssetUpdate): Promise<AssetView> {
  const asset = await getAsset(deps, tenantId, id);
  if (input.siteId !== undefined) await assertSitesExist(deps, tenantId, [input.siteId]);
  Object.assign(asset, input, { updatedAt: deps.clock.now() });
  await deps.db.transaction(async (em) => {
    await em.save(asset);
    noteAssetChanged(em, asset.id);
  });
  return presentAsset(asset, deps.config.publicBaseUrl);
}

export async function deleteAsset(deps: Deps, tenantId: number, id: number): Promise<void> {
  const asset = await getAsset(deps, tenantId, id);
  await deps.db.transaction(async (em) => {
    const open = await em.countBy(Ticket, { tenantId, assetId: id, status: In([...OPEN_STATUSES]) });
    if (open > 0) throw new AppError('ASSET_HAS_OPEN_TICKETS', { open });
    await em.delete(Asset, { id, tenantId });
  });
  // The row is gone, so the commit listener could not find its code: tell the scan cache by code.
  await touchCodes(deps, [asset.code]);
}

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
