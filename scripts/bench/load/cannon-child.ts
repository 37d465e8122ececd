/**
 * The load generator, in a process of its own (forked by load/cannon.ts) so it never shares a CPU
 * time slice or event loop with the server under test. It takes one job at a time over IPC.
 */
import autocannon from 'autocannon';
import type { CannonJob, CannonResult } from './cannon';

function toResult(r: autocannon.Result): CannonResult {
  const seconds = Math.max(r.duration, 0.001);
  return {
    requests: r.requests.total,
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    seconds,
  };
}

/** Each request may get a fresh Idempotency-Key (intake) and rotates over several bodies or paths. */
function requestsOf(job: CannonJob): autocannon.Request[] {
  let n = 0;
  const paths = job.paths ?? [job.path];
  return [
    {
      method: job.method,
      setupRequest: (req: autocannon.Request) => {
        const i = n++;
        const headers: Record<string, string> = { ...job.headers };
        if (job.uniqueKeyHeader) headers[job.uniqueKeyHeader] = `${job.keyPrefix ?? 'bench'}-${process.pid}-${i}`;
        return {
          ...req,
          method: job.method,
          path: paths[i % paths.length],
          headers,
          body: job.bodies ? job.bodies[i % job.bodies.length] : undefined,
        };
      },
    },
  ];
}

function run(job: CannonJob, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: job.origin,
        connections: job.connections,
        duration: seconds,
        overallRate: job.rate,
        requests: requestsOf(job),
        timeout: 10,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

process.on('message', (msg: CannonJob) => {
  (async () => {
    if (msg.warmupSeconds > 0) await run(msg, msg.warmupSeconds);
    const result = toResult(await run(msg, msg.seconds));
    process.send?.({ ok: true, result });
  })().catch((err: unknown) => process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) }));
});
