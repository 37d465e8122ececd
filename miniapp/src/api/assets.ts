import { PublicAssetResponseSchema, type PublicAssetResponse } from '@baoxiu/shared';
import { request } from './request';

export type { PublicAssetResponse };

/** GET /api/public/assets/:code — what the scanned device is and its open requests. */
export function getPublicAsset(code: string): Promise<PublicAssetResponse> {
  return request({
    method: 'GET',
    path: `/api/public/assets/${encodeURIComponent(code)}`,
    schema: PublicAssetResponseSchema,
    silent: true,
  });
}
