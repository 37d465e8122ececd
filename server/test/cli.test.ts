import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { loadConfig } from '../src/config';
import { buildDeps } from '../src/system';
import { seedDemo } from '../src/seed/demo';
import { createLogger } from '../src/lib/logger';
import { Asset } from '../src/modules/assets/asset.entity';
import { Tenant } from '../src/modules/tenants/tenant.entity';

const root = path.join(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** Runs a CLI script the way `npm run <script> --` does, on the given data directory. */
function cli(script: string, args: string[], dataDir: string) {
  return spawnSync(tsx, ['--tsconfig', 'server/tsconfig.json', `scripts/cli/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', DATA_DIR: dataDir, PUBLIC_BASE_URL: 'https://bx.example.test' },
    encoding: 'utf8',
  });
}

describe('command-line tools for bulk work (embedded database)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-cli-'));
    const deps = await buildDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
    await seedDemo(deps);
    await deps.queue.close();
    await deps.db.close();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("prints one site's labels to a PDF with a progress report", () => {
    const out = path.join(dataDir, 'labels.pdf');
    const run = cli('labels', ['--tenant', 'demo', '--site', '1', '--layout', 'a4-2x5', '--out', out], dataDir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('10 labels on 1 pages (a4-2x5)');
    expect(run.stderr).toContain('labels 100% (10/10)');
    expect(execFileSync('pdfinfo', [out]).toString()).toMatch(/^Pages:\s+1$/m);
  });

  it('refuses an unknown layout or tenant with a clear message and a failing exit code', () => {
    expect(cli('labels', ['--tenant', 'demo', '--layout', 'a3', '--out', 'x.pdf'], dataDir)).toMatchObject({ status: 1 });
    expect(cli('labels', ['--tenant', 'nobody', '--out', path.join(dataDir, 'x.pdf')], dataDir).stderr).toContain('no tenant "nobody"');
  });

  it('imports a sheet after reporting its bad rows, and a second run updates instead of duplicating', async () => {
    const file = path.join(dataDir, 'assets.csv');
    fs.writeFileSync(file, ['名称,站点,序列号', '锅炉,浦东科技园 A 座,BOILER-1', ',浦东科技园 A 座,BOILER-2'].join('\n'));
    const first = cli('import-assets', ['--tenant', 'demo', file], dataDir);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('line 3:');
    expect(first.stdout).toContain('imported: 1 created, 0 updated, 1 skipped');
    const second = cli('import-assets', ['--tenant', 'demo', file], dataDir);
    expect(second.stdout).toContain('imported: 0 created, 1 updated, 1 skipped');
    const deps = await buildDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
    const tenant = await deps.db.ds.getRepository(Tenant).findOneByOrFail({ slug: 'demo' });
    expect(await deps.db.ds.getRepository(Asset).countBy({ tenantId: tenant.id, serial: 'BOILER-1' })).toBe(1);
    await deps.queue.close();
    await deps.db.close();
  });
});
