import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A real API or worker process, started the way production starts it (`main.ts` / `worker.ts`).
 * `node --import tsx` rather than the tsx CLI: the CLI runs the program in a child process, so a
 * SIGKILL would hit the wrapper and leave the real worker running.
 */
export class ServerProcess {
  private readonly lines: string[] = [];
  readonly exited: Promise<Exit>;

  private constructor(
    readonly name: string,
    private readonly proc: ChildProcess,
    readonly port: number | null,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    const keep = (chunk: Buffer) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
  }

  static start(name: string, role: 'api' | 'worker', env: Record<string, string>): ServerProcess {
    const entry = role === 'worker' ? 'server/src/worker.ts' : 'server/src/main.ts';
    const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        TSX_TSCONFIG_PATH: 'server/tsconfig.json',
        ...env,
        ROLE: role,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(name, proc, role === 'api' ? Number(env.PORT) : null);
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** The last lines the process printed, for a failing test's message. */
  output(): string {
    return `--- ${this.name} (pid ${this.pid}) ---\n${this.lines.slice(-60).join('\n')}`;
  }

  signal(sig: NodeJS.Signals): void {
    if (this.alive) this.proc.kill(sig);
  }

  /** Waits for a line the process prints (workers log `"msg":"ready"` at info level). */
  async waitForLine(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.lines.some((l) => pattern.test(l))) {
      if (!this.alive) throw new Error(`${this.name} exited before printing ${pattern}\n${this.output()}`);
      if (Date.now() > until) throw new Error(`${this.name} did not print ${pattern} in ${timeoutMs} ms\n${this.output()}`);
      await sleep(50);
    }
  }

  /** Waits until the API answers `GET /readyz` with 200. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive) throw new Error(`${this.name} exited during start-up\n${this.output()}`);
      const res = await get(`http://127.0.0.1:${this.port}/readyz`).catch(() => null);
      if (res?.status === 200) return;
      if (Date.now() > until) throw new Error(`${this.name} not ready in ${timeoutMs} ms\n${this.output()}`);
      await sleep(100);
    }
  }

  /** SIGKILL and wait: cleanup after a test, whatever state it left. */
  async kill(): Promise<Exit> {
    this.signal('SIGKILL');
    return this.exited;
  }
}

/** Runs a test body; if it fails, the processes' last output lines are added to the error. */
export async function explained<T>(procs: () => ServerProcess[], body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    const output = procs()
      .map((p) => p.output())
      .join('\n');
    // Errors from Node's own modules come from another realm than jest's Error: test the shape, not the class.
    if (typeof err === 'object' && err !== null && 'message' in err) {
      const e = err as { message: string; stack?: string };
      e.message += `\n${output}`;
      e.stack = `${e.stack ?? ''}\n${output}`; // jest prints the stack, which was written when the error was made
    }
    throw err;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Answer {
  status: number;
  json: unknown;
}

/** One request on a fresh connection (`Connection: close`), so a stopped server shows as a connection error. */
export function request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: {
          connection: 'close',
          ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}),
          ...headers,
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            // not JSON: kept as text
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

export const get = (url: string, headers?: Record<string, string>) => request('GET', url, undefined, headers);

/** Polls until check returns something truthy. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
