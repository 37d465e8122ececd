import type { AssetView, PublicAsset, SiteView } from '@baoxiu/shared';
import type { Asset } from './asset.entity';
import type { Site } from './site.entity';

/** The URL a printed QR encodes: WeChat maps it to the mini-program, any camera opens the H5 page. */
export function publicAssetUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(code)}`;
}

export function presentSite(site: Site): SiteView {
  return { id: site.id, name: site.name, address: site.address, region: site.region };
}

export function presentAsset(asset: Asset, baseUrl: string): AssetView {
  return {
    id: asset.id,
    code: asset.code,
    siteId: asset.siteId,
    name: asset.name,
    model: asset.model,
    serial: asset.serial,
    category: asset.category,
    location: asset.location,
    warrantyUntil: asset.warrantyUntil,
    customFields: asset.customFields ?? {},
    externalId: asset.externalId,
    url: publicAssetUrl(baseUrl, asset.code),
  };
}

export function isUnderWarranty(asset: Asset, today: string): boolean {
  return asset.warrantyUntil !== null && asset.warrantyUntil >= today;
}

export function presentPublicAsset(asset: Asset, site: Site, today: string): PublicAsset {
  return {
    code: asset.code,
    name: asset.name,
    model: asset.model,
    category: asset.category,
    site: site.name,
    location: asset.location,
    warrantyUntil: asset.warrantyUntil,
    underWarranty: isUnderWarranty(asset, today),
  };
}
