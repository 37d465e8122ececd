import {
  ImportCommitResponseSchema,
  ImportPreviewResponseSchema,
  type FileFormat,
  type ImportCommitResponse,
  type ImportPreview,
  type ImportRowView,
} from '@baoxiu/shared';
import { fetchFile, sendForm, type FetchedFile } from './console';

export type { ImportCommitResponse, ImportPreview, ImportRowView };

/** GET /api/assets/import/template?format=csv|xlsx */
export function downloadTemplate(format: FileFormat): Promise<FetchedFile> {
  return fetchFile({ method: 'GET', path: '/api/assets/import/template', query: { format } }, `asset-import-template.${format}`);
}

function formOf(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}

/** POST /api/assets/import?mode=preview — nothing is written; every row comes back with its errors. */
export async function previewImport(file: File): Promise<ImportPreview> {
  return (await sendForm('/api/assets/import', { mode: 'preview' }, formOf(file), ImportPreviewResponseSchema)).preview;
}

/** POST /api/assets/import?mode=commit — the same file again; the valid rows are written in one transaction. */
export function commitImport(file: File): Promise<ImportCommitResponse> {
  return sendForm('/api/assets/import', { mode: 'commit' }, formOf(file), ImportCommitResponseSchema);
}
