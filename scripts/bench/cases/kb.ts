/**
 * Knowledge-base suggestions, in process with the server's own `suggestionsFor` (what
 * GET /api/public/assets/:code/suggestions answers) on the bench database: a tenant with 10,000 public, published
 * articles over printers, air conditioners, lifts, doors and lights; queries a reporter types, each with a
 * different phrase. The first call builds the tenant's index (timed apart); the baseline is the asset lookup alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../../server/src/db/database';
import { loadConfig } from '../../../server/src/config';
import { buildDeps } from '../../../server/src/system';
import { Tenant } from '../../../server/src/modules/tenants/tenant.entity';
import { Asset } from '../../../server/src/modules/assets/asset.entity';
import { createSite } from '../../../server/src/modules/assets/sites.service';
import { createAsset } from '../../../server/src/modules/assets/assets.service';
import { KbArticle } from '../../../server/src/modules/kb/kb.entity';
import { searchColumn } from '../../../server/src/modules/kb/kb.segment';
import { suggestionsFor } from '../../../server/src/modules/kb/kb.public';
import { ms, num, percentile, type Row } from '../report';

export const SUGGESTIONS_BAR_MS = 30;

const DEVICES = [
  {
    category: '打印机',
    models: ['HP LaserJet M404', 'Canon iR2625', 'Brother HL-2260'],
    faults: ['卡纸', '打印模糊', '不进纸', '缺粉', '报错', '有条纹'],
  },
  {
    category: '空调',
    models: ['格力 KFR-35GW', '美的 KFR-26GW', '大金 FTXR'],
    faults: ['漏水', '不制冷', '噪音大', '有异味', '遥控失灵', '滴水'],
  },
  { category: '电梯', models: ['奥的斯 GeN2', '三菱 LEHY'], faults: ['困人', '异响', '门关不上', '按钮失灵', '停层不准'] },
  { category: '门禁', models: ['海康 DS-K1T', '中控 F18'], faults: ['刷卡无反应', '门锁不开', '人脸识别失败', '常开'] },
  { category: '照明', models: [], faults: ['灯不亮', '闪烁', '开关坏了', '跳闸'] },
];
const STEPS = [
  '先断电再检查',
  '打开前盖',
  '清理灰尘',
  '重新插拔电源线',
  '检查保险丝',
  '联系厂家售后',
  '查看错误代码',
  '更换易损件',
  '复位设备',
];
const QUERIES = [
  '打印机又卡纸了',
  '空调一直在漏水',
  '电梯门关不上',
  '刷卡没反应门打不开',
  '灯一直闪',
  '打印出来很模糊',
  '空调不制冷怎么办',
  '电梯有异响',
];

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length];

export async function kbRows(db: Database, opts: { articles: number; repeats: number }): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-bench-kb-'));
  const deps = await buildDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test' }), { db });
  try {
    const now = deps.clock.now();
    const tag = randomBytes(3).toString('hex');
    const tenantId = (
      await db.ds.getRepository(Tenant).insert({
        slug: `kb-bench-${tag}`,
        name: 'KB bench',
        dispatchMode: 'auto',
        offerTimeoutSeconds: 300,
        timezone: 'Asia/Shanghai',
        createdAt: now,
      })
    ).identifiers[0].id as number;
    const site = await createSite(deps, tenantId, { name: '总部' });
    const printer = await createAsset(deps, tenantId, {
      siteId: site.id,
      name: '三楼打印机',
      category: '打印机',
      model: 'HP LaserJet M404',
    });
    const t0 = performance.now();
    const BATCH = 500;
    for (let start = 0; start < opts.articles; start += BATCH) {
      const rows = Array.from({ length: Math.min(BATCH, opts.articles - start) }, (_, j) => {
        const i = start + j;
        const d = pick(DEVICES, i);
        const fault = pick(d.faults, Math.floor(i / DEVICES.length));
        const model = d.models.length && i % 3 === 0 ? pick(d.models, i) : null;
        const title = `${model ?? d.category}${fault}的处理方法（${i}）`;
        const body = `${d.category}出现${fault}时：${pick(STEPS, i)}，${pick(STEPS, i + 3)}，然后${pick(STEPS, i + 5)}。若仍${fault}，请报修。`;
        return {
          tenantId,
          title,
          body,
          categories: i % 7 === 0 ? [] : [d.category],
          models: model ? [model] : [],
          tags: [fault],
          status: 'published' as const,
          visibility: 'public' as const,
          searchText: searchColumn(title, body),
          authorId: null,
          sourceTicket: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
      });
      await db.ds.getRepository(KbArticle).insert(rows);
    }
    const seedMs = performance.now() - t0;
    const code = printer.code;
    const b0 = performance.now();
    const first = await suggestionsFor(deps, code, QUERIES[0]);
    const buildMs = performance.now() - b0;
    const samples: number[] = [];
    const baseline: number[] = [];
    let printerFirst = 0;
    for (let i = 0; i < opts.repeats + 20; i += 1) {
      const q = `${pick(QUERIES, i)}${i % 5 === 0 ? '，急' : ''}`;
      const s0 = performance.now();
      const res = await suggestionsFor(deps, code, q);
      const s = performance.now() - s0;
      const a0 = performance.now();
      await db.ds.getRepository(Asset).findOneBy({ code });
      const a = performance.now() - a0;
      if (i >= 20) {
        samples.push(s);
        baseline.push(a);
      }
      // A printer query on a printer: the first suggestion is a printer article (its model's, or the category's).
      if (q.includes('打印') && !/打印机|HP LaserJet/.test(res.articles[0]?.title ?? '')) printerFirst += 1;
    }
    const p99 = percentile(samples, 99);
    const baseP99 = percentile(baseline, 99);
    const ok = first.articles.length > 0 && printerFirst === 0;
    return [
      {
        path: `KB suggestions: ${num(opts.articles)} public articles`,
        measured: `p50 ${ms(percentile(samples, 50))}, p99 ${ms(p99)} over ${num(opts.repeats)} queries`,
        baseline: `p99 ${ms(baseP99)} (the asset lookup alone)`,
        ratio: baseP99 > 0 ? p99 / baseP99 : null,
        bar: `p99 ≤ ${SUGGESTIONS_BAR_MS} ms`,
        verdict: ok ? (p99 <= SUGGESTIONS_BAR_MS ? 'pass' : 'fail') : 'error',
        note:
          `articles written in ${(seedMs / 1000).toFixed(1)} s; the tenant's index built on the first query in ${ms(buildMs)}; ` +
          `the printer's own articles first for a printer query${ok ? '' : ' — NOT (see the rows)'}`,
        data: { p50: percentile(samples, 50), p99, baselineP99: baseP99, buildMs, articles: opts.articles },
      },
    ];
  } finally {
    await deps.queue.close();
    await deps.kv.close();
  }
}
