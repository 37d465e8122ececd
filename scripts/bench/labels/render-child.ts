/**
 * Renders one label sheet to a file in a process of its own, so its peak RSS is the renderer's alone:
 *   node --import tsx scripts/bench/labels/render-child.ts <count> <out.pdf>
 * Prints one JSON line: labels, pages, bytes, ms, rssBeforeMiB, maxRssMiB.
 */
import fs from 'node:fs';
import { renderLabelSheet, type LabelData } from '../../../server/src/modules/labels/labels.pdf';
import { newAssetCode } from '../../../server/src/lib/ids';

const NAMES = ['格力中央空调 1 号机组', '大金风机盘管', '1 号客梯', '配电柜 A', '前台打印机', '会议室投影仪', '消防水泵', '门禁控制器'];

async function main(): Promise<void> {
  const count = Number(process.argv[2]);
  const file = process.argv[3];
  const labels: LabelData[] = Array.from({ length: count }, (_, i) => ({
    code: newAssetCode(),
    name: `${NAMES[i % NAMES.length]} ${i + 1}`,
    site: `园区 ${(i % 24) + 1} 号楼`,
    location: `${(i % 20) + 1}F 东侧机房`,
  }));
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const { pages } = await renderLabelSheet(labels, { layout: 'a4-3x8', baseUrl: 'https://repair.example.com' }, fs.createWriteStream(file));
  const elapsed = performance.now() - started;
  process.stdout.write(
    `${JSON.stringify({
      labels: count,
      pages,
      bytes: fs.statSync(file).size,
      ms: elapsed,
      rssBeforeMiB: rssBefore / 2 ** 20,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
