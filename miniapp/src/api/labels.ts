import type { z } from 'zod';
import type { LabelLayoutId, LabelsRequestSchema } from '@baoxiu/shared';
import { fetchFile } from './console';

export type LabelsBody = z.input<typeof LabelsRequestSchema>;
export type { LabelLayoutId };

export interface LabelSheet {
  blob: Blob;
  filename: string;
  /** How many labels the server put in the PDF (`X-Label-Count`). */
  count: number;
}

/** POST /api/labels → application/pdf; 404 ASSET_NOT_FOUND, 422 NOTHING_TO_PRINT. */
export async function printLabels(body: LabelsBody): Promise<LabelSheet> {
  const file = await fetchFile({ method: 'POST', path: '/api/labels', json: body }, `labels-${body.layout}.pdf`);
  const count = Number(file.headers.get('X-Label-Count'));
  return { blob: file.blob, filename: file.filename, count: Number.isFinite(count) ? count : 0 };
}
