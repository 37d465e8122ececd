import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const H5_INDEX = path.join(REPO_ROOT, 'miniapp/dist/h5/index.html');

export interface RunningServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
  logs: () => string;
}

/** The root `npm test` builds H5 first; a bare `jest` run builds it here once. */
export function ensureH5Build(): void {
  if (fs.existsSync(H5_INDEX)) return;
  execFileSync('npm', ['run', 'build:h5', '-w', 'miniapp'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'baoxiu-e2e-'));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(baseUrl: string, child: ChildProcess, timeoutMs: number, logs: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${logs()}`);
}

/** Starts the real API (+ in-process worker, embedded SQLite) serving the H5 build, as `npm start` would. */
export async function startServer(options: { port?: number; dataDir?: string } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? freshDataDir();
  const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
  // The server's tsconfig carries the decorator settings TypeORM entities need.
  const child = spawn(tsx, ['--tsconfig', 'server/tsconfig.json', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    // A fresh embedded database every time: never the shared DATABASE_URL / REDIS_URL that CI sets for the suites.
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const logs = () => output.slice(-4000);
  await waitReady(baseUrl, child, 90_000, logs);

  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { baseUrl, port, dataDir, stop, logs };
}
