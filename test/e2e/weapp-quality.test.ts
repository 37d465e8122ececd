import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './helpers/server';

const MAIN_PACKAGE_LIMIT = 1024 * 1024;

interface Judgement {
  quality: Array<{ name: string; success: boolean; text: string }>;
  files: Array<{ path: string; size: number; subPackage: string | null }>;
}

describe("WeChat's code-quality scan and dependency analysis of the weapp build", () => {
  let judgement: Judgement;

  beforeAll(() => {
    // Always the current sources: a stale dist/weapp would pass or fail for the wrong reasons.
    execFileSync('npm', ['run', 'build:weapp', '-w', 'miniapp', '--silent'], { cwd: REPO_ROOT, stdio: 'pipe' });
    // miniprogram-ci runs in its own process: analyseCode leaves a file watcher that would keep Jest alive.
    const out = execFileSync('node', [path.join(REPO_ROOT, 'scripts/weapp-quality.js')], { cwd: REPO_ROOT, encoding: 'utf8' });
    judgement = JSON.parse(
      out
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .at(-1) ?? '{}',
    ) as Judgement;
  }, 600_000);

  it('passes every item of checkCodeQuality (WXML and WXSS compression, lazy code loading, sizes, unused code)', () => {
    expect(judgement.quality.length).toBeGreaterThanOrEqual(10);
    expect(judgement.quality.map((q) => q.name)).toEqual(
      expect.arrayContaining(['WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN', 'LAZYCODE_LOADING_OPEN']),
    );
    expect(judgement.quality.filter((q) => !q.success).map((q) => `${q.name}: ${q.text}`)).toEqual([]);
  });

  it('keeps the main package at or under 1 MB by analyseCode, with the reporter, engineer and phone dispatcher in subpackages', () => {
    const main = judgement.files.filter((f) => !f.subPackage).reduce((sum, f) => sum + f.size, 0);
    expect(main).toBeGreaterThan(0);
    expect(main).toBeLessThanOrEqual(MAIN_PACKAGE_LIMIT);
    expect(new Set(judgement.files.map((f) => f.subPackage).filter(Boolean))).toEqual(
      new Set(['pages/reporter/', 'pages/engineer/', 'pages/dispatcher/']),
    );
  });
});
