/** Child processes of a bench run: the server under test and the bare baselines, each in its own process. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** The server needs its tsconfig (decorators) when run through tsx. */
export const TSX_ENV = { TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'server/tsconfig.json') };

export interface Running {
  origin: string;
  port: number;
  pid: number;
  logs(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript file with node + the tsx loader directly (no wrapper process between us and it). */
export function spawnTs(file: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...TSX_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * The server under test runs as deployed (the image's `node --enable-source-maps server/dist/main.js`), not through
 * the tsx loader, whose compiler stays resident (≈ 75 MB more RSS, docs/benchmarks.md's startup table). Built once
 * per bench run (esbuild, under a second), so the measured code is the working tree's.
 */
let built = false;
function serverBuild(): string {
  if (!built) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-server.js')], { cwd: REPO_ROOT, stdio: 'ignore' });
    built = true;
  }
  return path.join(REPO_ROOT, 'server/dist/main.js');
}

function spawnServer(env: Record<string, string>): ChildProcess {
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles every server process of the run.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, ['--enable-source-maps', ...extra, serverBuild()], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function keepLogs(child: ChildProcess): () => string {
  let text = '';
  const add = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

async function waitReady(origin: string, probe: string, child: ChildProcess, logs: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}:\n${logs()}`);
    try {
      if ((await fetch(`${origin}${probe}`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${logs()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

async function startTs(file: string | 'server', env: Record<string, string>, probe: string): Promise<Running> {
  const port = await freePort();
  const child =
    file === 'server'
      ? spawnServer({ ...env, PORT: String(port) })
      : spawnTs(path.join(REPO_ROOT, file), [], { ...env, PORT: String(port) });
  const logs = keepLogs(child);
  const origin = `http://127.0.0.1:${port}`;
  const stop = stopper(child);
  try {
    await waitReady(origin, probe, child, logs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { origin, port, pid: child.pid ?? 0, logs, stop };
}

export interface ServerEnv {
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  jwtSecret: string;
  queuePrefix: string;
}

/** The server under test; with Redis its worker is a process of its own, started when the bench wants it. */
export interface ServerUnderTest extends Running {
  /** Starts the worker process (no-op when API and worker share one process, or it runs already). */
  startWorker(): Promise<void>;
  /** True when the API answers without a worker running next to it (the scan and intake rows). */
  apiAlone: boolean;
}

/**
 * The real server, rate limits off so they do not cap throughput. With Redis, as deployed: an API
 * process (ROLE=api) and a worker process (ROLE=worker) sharing the queue. The worker starts only
 * after the scan and intake rows, so those measure the request path the way their baselines do;
 * the tickets filed meanwhile wait in the queue, and the latency row first waits until the worker
 * has dispatched them. Without Redis the in-process queue needs both in one process, as `npm start`.
 */
export async function startApiServer(e: ServerEnv, overrides: Record<string, string> = {}): Promise<ServerUnderTest> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATA_DIR: e.dataDir,
    ...(e.databaseUrl ? { DATABASE_URL: e.databaseUrl } : {}),
    ...(e.redisUrl ? { REDIS_URL: e.redisUrl } : {}),
    JWT_SECRET: e.jwtSecret,
    OPERATOR_TOKEN: `${e.jwtSecret}-operator`.padEnd(24, 'x'),
    QUEUE_PREFIX: e.queuePrefix,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    RATE_LIMIT_TICKETS_PER_IP: '0',
    RATE_LIMIT_TICKETS_PER_ASSET: '0',
    RATE_LIMIT_UPLOADS_PER_IP: '0',
    ...overrides,
  };
  if (!e.redisUrl) {
    const all = await startTs('server', env, '/readyz');
    return { ...all, apiAlone: false, startWorker: async () => undefined };
  }
  const api = await startTs('server', { ...env, ROLE: 'api' }, '/readyz');
  let worker: { logs: () => string; stop: () => Promise<void> } | null = null;
  return {
    ...api,
    apiAlone: true,
    async startWorker() {
      if (worker) return;
      const child = spawnServer({ ...env, ROLE: 'worker', PORT: '0', SEED_DEMO: 'false' });
      const logs = keepLogs(child);
      worker = { logs, stop: stopper(child) };
      await new Promise((r) => setTimeout(r, 3_000));
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${logs()}`);
    },
    logs: () => `${api.logs()}${worker ? `\n--- worker ---\n${worker.logs()}` : ''}`,
    stop: async () => {
      await Promise.all([api.stop(), worker?.stop()]);
    },
  };
}

export type BaselineKind = 'scan' | 'intake';

/** A bare handler for the same request: what the hardware and the data stores give without our code. */
export function startBaseline(kind: BaselineKind, e: ServerEnv): Promise<Running> {
  return startTs(
    'scripts/bench/load/baseline-server.ts',
    {
      BASELINE: kind,
      DATA_DIR: e.dataDir,
      QUEUE_PREFIX: e.queuePrefix,
      ...(e.databaseUrl ? { DATABASE_URL: e.databaseUrl } : {}),
      ...(e.redisUrl ? { REDIS_URL: e.redisUrl } : {}),
    },
    '/ready',
  );
}
