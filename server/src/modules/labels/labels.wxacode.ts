import fs from 'node:fs';
import path from 'node:path';
import { MAX_WXACODE_LABELS } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { requireWechat } from '../../wechat/setup';
import type { LabelData } from './labels.pdf';

/** The reporter's asset page reads the code from the `scene` a mini-program code carries. */
export const WXACODE_PAGE = 'pages/reporter/asset/index';
const PARALLEL = 4;

function cacheFile(deps: Deps, code: string): string {
  return path.join(deps.config.dataDir, 'wxacode', `${deps.wechat?.appId ?? 'none'}-${deps.config.wechat.envVersion}-${code}.img`);
}

/**
 * WeChat's code for one asset (getwxacodeunlimit, scene = asset code), cached on disk per AppID, version
 * and asset: a code never changes, and WeChat limits how many a minute may be made.
 */
export async function wxacodeFor(deps: Deps, code: string): Promise<Buffer> {
  const wechat = requireWechat(deps);
  const file = cacheFile(deps, code);
  const cached = await fs.promises.readFile(file).catch(() => null);
  if (cached) return cached;
  const image = await wechat.wxaCodeUnlimit({
    scene: code,
    page: WXACODE_PAGE,
    width: 430,
    // Before release the page is not published yet, and WeChat refuses to check its path.
    checkPath: deps.config.wechat.envVersion === 'release',
  });
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside and renamed, so a concurrent reader never sees half an image.
  const tmp = `${file}.${process.pid}.${Date.now()}`;
  await fs.promises.writeFile(tmp, image);
  await fs.promises.rename(tmp, file);
  return image;
}

/** Attaches each label's mini-program code, a few requests at a time; any failure fails the sheet before it starts. */
export async function withWxacodes(deps: Deps, labels: LabelData[]): Promise<LabelData[]> {
  if (labels.length > MAX_WXACODE_LABELS) {
    throw new AppError('VALIDATION_FAILED', {
      reason: `at most ${MAX_WXACODE_LABELS} labels with WeChat codes at once`,
      count: labels.length,
    });
  }
  const out = labels.map((l) => ({ ...l }));
  let next = 0;
  const worker = async () => {
    while (next < out.length) {
      const label = out[next++];
      label.wxacode = await wxacodeFor(deps, label.code);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, out.length) }, worker));
  return out;
}
