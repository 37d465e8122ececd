/**
 * Lighthouse on the page a printed QR opens (`/r/<code>`), as a phone on a mobile network first sees it:
 * Lighthouse's default mobile run (Moto G Power emulation, simulated slow 4G, 4× CPU slowdown), median of 3 by
 * performance score. Debian's Chromium through chrome-launcher; without Chromium the row says so.
 */
import fs from 'node:fs';
import type { Row } from '../report';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const BAR = 'performance ≥ 90, LCP ≤ 2.5 s, accessibility ≥ 95 (mobile, median of 3)';
const PATH = 'QR landing /r/:code in Lighthouse (mobile, simulated slow 4G)';

interface Run {
  performance: number;
  accessibility: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
}

/** The median run by performance score (Lighthouse's own advice for noisy machines). */
export function medianRun(runs: Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function lighthouseVerdict(run: Run): 'pass' | 'fail' {
  return run.performance >= 90 && run.lcpMs <= 2500 && run.accessibility >= 95 ? 'pass' : 'fail';
}

export async function lighthouseRow(origin: string, assetCode: string, runs = 3): Promise<Row> {
  if (!fs.existsSync(CHROMIUM)) {
    return { path: PATH, measured: '—', baseline: '—', ratio: null, bar: BAR, verdict: 'skipped', note: `no Chromium at ${CHROMIUM}` };
  }
  const { default: lighthouse } = await import('lighthouse');
  const launcher = await import('chrome-launcher');
  const results: Run[] = [];
  for (let i = 0; i < runs; i += 1) {
    // A fresh browser per run: nothing cached, as for a phone that scans its first sticker.
    const chrome = await launcher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
    try {
      const result = await lighthouse(`${origin}/r/${assetCode}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      if (!result) throw new Error('Lighthouse returned no result');
      const { categories, audits } = result.lhr;
      const value = (id: string): number => audits[id]?.numericValue ?? Number.NaN;
      results.push({
        performance: Math.round((categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
        lcpMs: value('largest-contentful-paint'),
        fcpMs: value('first-contentful-paint'),
        tbtMs: value('total-blocking-time'),
        cls: value('cumulative-layout-shift'),
      });
    } finally {
      await chrome.kill();
    }
  }
  const m = medianRun(results);
  return {
    path: PATH,
    measured:
      `performance ${m.performance}, LCP ${(m.lcpMs / 1000).toFixed(2)} s, accessibility ${m.accessibility} ` +
      `(FCP ${(m.fcpMs / 1000).toFixed(2)} s, TBT ${Math.round(m.tbtMs)} ms, CLS ${m.cls.toFixed(3)})`,
    baseline: '—',
    ratio: null,
    bar: BAR,
    verdict: lighthouseVerdict(m),
    note: `performance scores of the ${runs} runs: ${results.map((r) => r.performance).join(', ')}; TBT is CPU time and rises with the machine's load`,
    data: { runs: results },
  };
}
