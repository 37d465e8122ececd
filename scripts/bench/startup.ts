/**
 * Start-up time and memory of the server, run through tsx vs compiled (`npm run build:server`):
 *   npm run bench:startup [-- --runs 7]
 * Each run: a fresh SQLite data dir, NODE_ENV=production, API + worker in one process (ROLE=all), no demo seed.
 * Start-up = spawn until `GET /readyz` answers 200; RSS = the process tree's resident memory at that moment.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const TSX_CLI = path.join(REPO, 'node_modules/tsx/dist/cli.mjs');

interface Variant {
  name: string;
  args: string[];
}
const VARIANTS: Variant[] = [
  {
    name: 'tsx CLI (`tsx server/src/main.ts`, as `npm start`)',
    args: [TSX_CLI, '--tsconfig', 'server/tsconfig.json', 'server/src/main.ts'],
  },
  { name: 'node --import tsx server/src/main.ts', args: ['--import', 'tsx', 'server/src/main.ts'] },
  { name: 'node server/dist/main.js (compiled)', args: ['server/dist/main.js'] },
  { name: 'node --enable-source-maps server/dist/main.js (`npm run start:prod`)', args: ['--enable-source-maps', 'server/dist/main.js'] },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Resident set of pid and its descendants, in KiB (Linux /proc). */
function treeRssKib(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const own = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const children = fs
    .readdirSync(`/proc/${pid}/task`)
    .flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  return own + children.reduce((sum, c) => sum + treeRssKib(c), 0);
}

async function once(v: Variant): Promise<{ ms: number; rssMib: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bx-startup-'));
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, v.args, {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.tmpdir(),
      TSX_TSCONFIG_PATH: 'server/tsconfig.json',
      NODE_ENV: 'production',
      ROLE: 'all',
      PORT: String(port),
      DATA_DIR: dataDir,
      JWT_SECRET: 'startup-bench-secret-0123456789',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group: the tsx CLI runs the server in a child, which must die with it.
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${v.name} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    return { ms, rssMib: treeRssKib(child.pid ?? 0) / 1024 };
  } finally {
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
    if (child.exitCode === null) process.kill(-(child.pid ?? 0), 'SIGKILL');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  const built = spawnSync(process.execPath, ['scripts/build-server.js'], { cwd: REPO, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('build failed');
  const rows: string[] = [];
  for (const v of VARIANTS) await once(v); // warm the file cache (and tsx's transform cache) before measuring
  for (let i = 0; i < runs; i += 1) {
    // Interleaved, so a burst of load on the shared machine hits every variant alike.
    for (const v of VARIANTS) {
      const r = await once(v);
      (results[v.name] ??= []).push(r);
    }
  }
  for (const v of VARIANTS) {
    const rs = results[v.name] ?? [];
    rows.push(
      `| ${v.name} | ${median(rs.map((r) => r.ms)).toFixed(0)} ms (${Math.min(...rs.map((r) => r.ms)).toFixed(0)}–${Math.max(...rs.map((r) => r.ms)).toFixed(0)}) | ${median(rs.map((r) => r.rssMib)).toFixed(0)} MiB |`,
    );
  }
  process.stdout.write(`\n${runs} runs each, median (min–max); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`);
  process.stdout.write(`| how the server runs | start-up to /readyz 200 | RSS at ready |\n|---|---|---|\n${rows.join('\n')}\n`);
}

const results: Record<string, Array<{ ms: number; rssMib: number }>> = {};
main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
