import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from '../src/db/scratch';

// The production path: `npm run build:server`, then plain `node` on the bundles (no tsx, no TypeScript at run time).
const REPO = path.resolve(__dirname, '../..');
const OUT = path.join(REPO, 'server', `dist-test-${process.pid}-${randomBytes(3).toString('hex')}`);
const JWT_SECRET = 'compiled-build-test-secret-0123456789';
const OPERATOR_TOKEN = 'compiled-build-operator-token-0123456789';

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startNode(entry: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(OUT, entry)], {
    cwd: os.tmpdir(), // not the repo: the bundle must find its dependencies from where it lies
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function until(proc: Proc, check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (proc.child.exitCode !== null) throw new Error(`exited (${proc.child.exitCode}) before ${what}\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} in ${timeoutMs} ms\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const status = (url: string) =>
  fetch(url).then(
    (r) => r.status,
    () => 0,
  );
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bx-compiled-'));

beforeAll(() => {
  const built = spawnSync(process.execPath, [path.join(REPO, 'scripts/build-server.js'), OUT], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed\n${built.stdout}${built.stderr}`);
});
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

describe('compiled server (node server/dist/*.js)', () => {
  it('builds main, worker and migrate bundles that do not contain tsx', () => {
    for (const entry of ['main.js', 'worker.js', 'migrate.js']) {
      const code = fs.readFileSync(path.join(OUT, entry), 'utf8');
      expect(code).not.toMatch(/require\("tsx/);
    }
  });

  it('the API starts on an embedded SQLite data dir, answers /readyz 200 and signs in a seeded user (TypeORM entities work compiled)', async () => {
    const dataDir = tmpDir();
    const port = await freePort();
    const api = startNode('main.js', {
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET,
      OPERATOR_TOKEN,
      SEED_DEMO: 'true',
      DEMO_PASSWORD: 'demo123',
      H5_DIR: path.join(dataDir, 'h5'),
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await until(api, async () => (await status(`${base}/readyz`)) === 200, '/readyz 200');
      expect(await status(`${base}/healthz`)).toBe(200);
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: 'demo', username: 'admin', password: 'demo123' }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { token?: unknown }).token).toEqual(expect.any(String));
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    } finally {
      api.child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the worker starts (ROLE=worker), logs ready, keeps running, and stops cleanly on SIGTERM', async () => {
    const dataDir = tmpDir();
    const worker = startNode('worker.js', { NODE_ENV: 'production', DATA_DIR: dataDir, JWT_SECRET, OPERATOR_TOKEN });
    try {
      await until(worker, () => /"role":"worker"[^\n]*"msg":"ready"/.test(worker.output()), 'worker ready');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(worker.child.exitCode).toBeNull(); // still running: a worker waits for jobs until it is told to stop
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      worker.child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without JWT_SECRET: one clear line, exit code 1', async () => {
    const dataDir = tmpDir();
    const api = startNode('main.js', { NODE_ENV: 'production', PORT: '0', DATA_DIR: dataDir });
    try {
      expect(await api.exited).toBe(1);
      expect(api.output()).toMatch(/^Baoxiu failed to start: JWT_SECRET must be set when NODE_ENV=production/m);
      expect(api.output()).not.toMatch(/\n\s+at /); // a configuration mistake, not a crash: no stack
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('migrate creates the SQLite schema and exits 0', async () => {
    const dataDir = tmpDir();
    try {
      const run = startNode('migrate.js', { DATA_DIR: dataDir });
      expect(await run.exited).toBe(0);
      expect(run.output()).toMatch(/SQLite schema ready/);
      expect(fs.statSync(path.join(dataDir, 'baoxiu.sqlite')).size).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'migrate applies every migration to an empty MySQL/MariaDB database once, then finds it up to date',
    async () => {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL as string, 'bx_mig');
      try {
        const first = startNode('migrate.js', { DATABASE_URL: scratch.url });
        expect({ code: await first.exited, out: first.output() }).toEqual({ code: 0, out: expect.stringMatching(/^Applied \w+/m) });
        const second = startNode('migrate.js', { DATABASE_URL: scratch.url });
        expect({ code: await second.exited, out: second.output() }).toEqual({ code: 0, out: expect.stringMatching(/^Schema up to date/m) });
      } finally {
        await scratch.drop();
      }
    },
  );
});
