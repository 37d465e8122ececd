/**
 * Imports assets from a CSV or XLSX file, showing the per-row report first:
 *   npm run import-assets -- --tenant demo assets.xlsx [--dry-run]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '@baoxiu/shared';
import { AppError } from '../../server/src/lib/errors';
import { commitImport, previewImport } from '../../server/src/modules/assets/assets.import.service';
import { fail, openCli, tenantBySlug } from './context';
import { progressBar } from './progress';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { tenant: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!values.tenant || !file) fail('usage: npm run import-assets -- --tenant <slug> <file.csv|file.xlsx> [--dry-run]');
  const input = { buffer: fs.readFileSync(file), filename: path.basename(file) };
  const { deps, close } = await openCli();
  try {
    const tenant = await tenantBySlug(deps, values.tenant);
    const preview = await previewImport(deps, tenant.id, input);
    for (const row of preview.rows.filter((r) => r.errors.length > 0)) {
      process.stdout.write(`line ${row.line}: ${row.errors.map((e) => e.message).join('; ')}\n`);
    }
    process.stdout.write(
      `${preview.validCount} valid (${preview.createCount} new, ${preview.updateCount} updates), ${preview.errorCount} with errors\n`,
    );
    if (values['dry-run']) return;
    const { result } = await commitImport(deps, tenant.id, input, progressBar('import'));
    process.stdout.write(`imported: ${result.created} created, ${result.updated} updated, ${result.skipped} skipped\n`);
  } catch (err) {
    if (err instanceof AppError)
      fail(`${err.code}: ${errorMessage(err.code, 'zh-CN')} / ${errorMessage(err.code, 'en')} ${JSON.stringify(err.details)}`);
    throw err;
  } finally {
    await close();
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
