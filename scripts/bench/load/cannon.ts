/** Parent side of the load generator: one forked autocannon process for the whole bench run. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, TSX_ENV } from '../processes';

export interface CannonJob {
  origin: string;
  method: 'GET' | 'POST';
  path: string;
  /** Rotated per request instead of `path` (e.g. several asset codes). */
  paths?: string[];
  headers?: Record<string, string>;
  /** Rotated per request. */
  bodies?: string[];
  /** Set a fresh value of this header on every request (Idempotency-Key). */
  uniqueKeyHeader?: string;
  keyPrefix?: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Fixed total request rate (req/s); unset = as fast as the server answers. */
  rate?: number;
  /**
   * How a fixed rate is sent. 'even' (the default with a rate): open loop, one request every 1/rate s, each timed
   * from the instant it was due (so a slow answer is not hidden by sending later). 'bursts': autocannon's own rate,
   * which sends each connection's share of a second at the start of that second — the whole second's requests at once.
   */
  pacing?: 'even' | 'bursts';
}

export interface CannonResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
}

type Reply = { ok: true; result: CannonResult } | { ok: false; error: string };

export class Cannon {
  private readonly child: ChildProcess;
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.child = fork(path.join(__dirname, 'cannon-child.ts'), [], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...TSX_ENV },
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  /** Runs jobs one after another (never two loads at once). */
  run(job: CannonJob): Promise<CannonResult> {
    const next = this.queue.then(
      () =>
        new Promise<CannonResult>((resolve, reject) => {
          const onExit = (code: number | null) => reject(new Error(`autocannon process exited (${code})`));
          this.child.once('exit', onExit);
          this.child.once('message', (reply: Reply) => {
            this.child.off('exit', onExit);
            if (reply.ok) resolve(reply.result);
            else reject(new Error(`autocannon: ${reply.error}`));
          });
          this.child.send(job);
        }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): void {
    this.child.kill('SIGTERM');
  }
}
