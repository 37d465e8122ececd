import { noteAssetChanged } from '../../db/commit-listener';
import type { EntityManager } from 'typeorm';
import type { ImportCommitResponse, ImportPreview as PreviewView, ImportRowView } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { newAssetCode } from '../../lib/ids';
import { isUniqueViolation } from '../../db/database';
import type { Deps } from '../../deps';
import { Asset } from './asset.entity';
import { Site } from './site.entity';
import { parseAssetImport, type AssetImportFile, type AssetImportRow } from './assets.import';

interface Plan {
  view: PreviewView;
  /** Valid rows with the asset each one updates (null: a new asset). */
  valid: Array<{ row: AssetImportRow; targetId: number | null }>;
}

/** Reads the file and decides, row by row, what an import would do; writes nothing. */
async function plan(em: EntityManager, tenantId: number, file: AssetImportFile): Promise<Plan> {
  const sites = await em.find(Site, { where: { tenantId }, select: { id: true, name: true } });
  const existing = await em.find(Asset, { where: { tenantId }, select: { id: true, serial: true, externalId: true } });
  const bySerial = new Map(existing.filter((a) => a.serial).map((a) => [a.serial as string, a.id]));
  const byExternal = new Map(existing.filter((a) => a.externalId).map((a) => [a.externalId as string, a.id]));
  const parsed = await parseAssetImport(file, { sites, existingSerials: new Set(bySerial.keys()) });
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const valid: Plan['valid'] = [];
  // The customer's own id wins over the serial: serials get corrected, asset numbers do not.
  const rows: ImportRowView[] = parsed.rows.map((r) => {
    const targetId = r.input
      ? ((r.input.externalId ? byExternal.get(r.input.externalId) : undefined) ??
        (r.input.serial ? bySerial.get(r.input.serial) : undefined) ??
        null)
      : null;
    if (r.input) valid.push({ row: r.input, targetId });
    return {
      line: r.line,
      action: targetId ? 'update' : 'create',
      input: r.input ? { ...r.input, site: siteName.get(r.input.siteId) ?? '' } : null,
      errors: r.errors.map((e) => ({ field: e.field, code: e.code, message: e.message, zh: e.zh, en: e.en })),
    };
  });
  const updates = valid.filter((v) => v.targetId !== null).length;
  return {
    valid,
    view: {
      format: parsed.format,
      rows,
      validCount: parsed.validCount,
      errorCount: parsed.errorCount,
      createCount: valid.length - updates,
      updateCount: updates,
    },
  };
}

export async function previewImport(deps: Deps, tenantId: number, file: AssetImportFile): Promise<PreviewView> {
  return (await plan(deps.db.ds.manager, tenantId, file)).view;
}

function fields(row: AssetImportRow) {
  return {
    siteId: row.siteId,
    name: row.name,
    model: row.model,
    serial: row.serial,
    category: row.category,
    location: row.location,
    warrantyUntil: row.warrantyUntil,
    externalId: row.externalId,
  };
}

/** Imports every valid row in one transaction: all of them or, on any failure, none. */
export async function commitImport(
  deps: Deps,
  tenantId: number,
  file: AssetImportFile,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportCommitResponse> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await deps.db.transaction(async (em) => {
        const { view, valid } = await plan(em, tenantId, file);
        if (valid.length === 0) throw new AppError('IMPORT_NOTHING_VALID', { errorCount: view.errorCount });
        const now = deps.clock.now();
        const creates = valid
          .filter((v) => v.targetId === null)
          .map(({ row }) => ({
            ...fields(row),
            tenantId,
            code: newAssetCode(),
            customFields: row.customFields,
            createdAt: now,
            updatedAt: now,
          }));
        let done = 0;
        for (let i = 0; i < creates.length; i += 500) {
          await em.insert(Asset, creates.slice(i, i + 500));
          onProgress?.((done += Math.min(500, creates.length - i)), valid.length);
        }
        for (const { row, targetId } of valid) {
          if (targetId === null) continue;
          if (++done % 100 === 0) onProgress?.(done, valid.length);
          const current = await em.findOneByOrFail(Asset, { id: targetId, tenantId });
          await em.update(
            Asset,
            { id: targetId, tenantId },
            {
              ...fields(row),
              customFields: { ...current.customFields, ...row.customFields },
              updatedAt: now,
            },
          );
          noteAssetChanged(em, targetId);
        }
        onProgress?.(valid.length, valid.length);
        return {
          result: { created: creates.length, updated: valid.length - creates.length, skipped: view.errorCount },
          preview: view,
        };
      });
    } catch (err) {
      // A fresh 60-bit code colliding is rare enough that drawing all codes again is the simple answer.
      if (!isUniqueViolation(err) || attempt >= 2) throw err;
    }
  }
}
