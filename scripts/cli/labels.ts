/**
 * Prints a label sheet from the command line:
 *   npm run labels -- --tenant demo [--site <id> | --codes A,B,C] [--layout a4-3x8] --out labels.pdf
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { LabelLayoutSchema, LabelsRequestSchema } from '@baoxiu/shared';
import { selectLabels } from '../../server/src/modules/labels/labels.service';
import { renderLabelSheet } from '../../server/src/modules/labels/labels.pdf';
import { AppError } from '../../server/src/lib/errors';
import { fail, openCli, tenantBySlug } from './context';
import { progressBar } from './progress';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      site: { type: 'string' },
      codes: { type: 'string' },
      layout: { type: 'string', default: 'a4-3x8' },
      out: { type: 'string' },
    },
  });
  if (!values.tenant || !values.out)
    fail('usage: npm run labels -- --tenant <slug> [--site <id> | --codes A,B] [--layout a4-3x8] --out labels.pdf');
  const layout = LabelLayoutSchema.safeParse(values.layout);
  if (!layout.success) fail(`unknown layout "${values.layout}"; use one of ${LabelLayoutSchema.options.join(', ')}`);
  const request = LabelsRequestSchema.parse({
    layout: layout.data,
    siteId: values.site ? Number(values.site) : undefined,
    assetCodes: values.codes ? values.codes.split(',').filter(Boolean) : undefined,
  });
  const { deps, close } = await openCli();
  try {
    const tenant = await tenantBySlug(deps, values.tenant);
    const labels = await selectLabels(deps, tenant.id, request);
    const out = fs.createWriteStream(values.out);
    const { pages } = await renderLabelSheet(
      labels,
      { layout: request.layout, baseUrl: deps.config.publicBaseUrl, onProgress: progressBar('labels') },
      out,
    );
    process.stdout.write(
      `${values.out}: ${labels.length} labels on ${pages} pages (${request.layout}), QR → ${deps.config.publicBaseUrl}/r/<code>\n`,
    );
  } catch (err) {
    if (err instanceof AppError) fail(`${err.code} ${JSON.stringify(err.details)}`);
    throw err;
  } finally {
    await close();
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
