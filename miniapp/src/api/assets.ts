import { PublicAssetResponseSchema, type PublicAssetResponse } from '@baoxiu/shared';
import { request } from './request';
import { takeEmbeddedScan } from '../lib/landing-shell';

export type { PublicAssetResponse };

/** GET /api/public/assets/:code — what the scanned device is and its open requests. */
export function getPublicAsset(code: string): Promise<PublicAssetResponse> {
  // The first load of /r/<code> in H5 came with the answer embedded in the page (lib/landing-shell.ts).
  const embedded = PublicAssetResponseSchema.safeParse(takeEmbeddedScan(code));
  if (embedded.success) return Promise.resolve(embedded.data);
  return request({
    method: 'GET',
    path: `/api/public/assets/${encodeURIComponent(code)}`,
    schema: PublicAssetResponseSchema,
    silent: true,
  });
}
