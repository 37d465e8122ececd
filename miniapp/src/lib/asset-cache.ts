import type { PublicAssetResponse } from '../api/assets';

// The asset page already fetched what the form page needs; pages share one JS context, so a Map is enough.
const cache = new Map<string, PublicAssetResponse>();

export function cacheAsset(code: string, value: PublicAssetResponse): void {
  cache.set(code, value);
}

export function cachedAsset(code: string): PublicAssetResponse | undefined {
  return cache.get(code);
}
