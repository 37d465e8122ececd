import { z } from 'zod';
import { AssetCodeSchema, IdSchema } from './common';

/** Label layouts `POST /api/labels` accepts: A4 sheets and single thermal labels. */
export const LABEL_LAYOUT_IDS = ['a4-3x8', 'a4-2x5', 'thermal-50x30', 'thermal-60x40'] as const;
export const LabelLayoutSchema = z.enum(LABEL_LAYOUT_IDS);
export type LabelLayoutId = z.infer<typeof LabelLayoutSchema>;

export const MAX_LABELS_PER_REQUEST = 10_000;

/** Selection by codes, by site, or (neither given) every asset of the tenant. */
export const LabelsRequestSchema = z.object({
  layout: LabelLayoutSchema,
  assetCodes: z.array(AssetCodeSchema).min(1).max(MAX_LABELS_PER_REQUEST).optional(),
  siteId: IdSchema.optional(),
  /** qr: a plain QR of the /r/<code> URL (any camera); wxacode: WeChat's mini-program code (scene = asset code). */
  code: z.enum(['qr', 'wxacode']).default('qr'),
});
export type LabelsRequest = z.infer<typeof LabelsRequestSchema>;

/** WeChat codes are fetched one by one from WeChat (and cached), so a sheet of them is smaller. */
export const MAX_WXACODE_LABELS = 1_000;
