import type { AssetInput, AssetListQuery, AssetUpdate, AssetView, Page } from '@baoxiu/shared';
import { OPEN_STATUSES } from '@baoxiu/shared';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../../lib/errors';
import { newAssetCode } from '../../lib/ids';
import { isUniqueViolation } from '../../db/database';
import { pageWindow, toPage } from '../../lib/pagination';
import { noteAssetChanged } from '../../db/commit-listener';
import { tenantToday } from '../tenants/tenants.service';
import { touchCodes } from './scan-cache';
import type { Deps } from '../../deps';
import { Asset } from './asset.entity';
import { assertSitesExist } from './sites.service';
import { presentAsset } from './assets.presenter';
import { placeholders } from '../../db/columns';

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
    // Counted by SQL: assets sit below tickets in the module graph (tickets present their asset), so no ticket entity here.
    const open = await openTicketsOnAsset(em, tenantId, id);
    if (open > 0) throw new AppError('ASSET_HAS_OPEN_TICKETS', { open });
    await em.delete(Asset, { id, tenantId });
  });
  // The row is gone, so the commit listener could not find its code: tell the scan cache by code.
  await touchCodes(deps, [asset.code]);
}

async function openTicketsOnAsset(em: EntityManager, tenantId: number, assetId: number): Promise<number> {
  const rows = (await em.query(
    `SELECT COUNT(*) AS n FROM tickets WHERE tenantId = ? AND assetId = ? AND status IN (${placeholders(OPEN_STATUSES)})`,
    [tenantId, assetId, ...OPEN_STATUSES],
  )) as Array<{ n: unknown }>;
  return Number(rows[0]?.n ?? 0);
}
