/**
 * The load generator, in a process of its own (forked by load/cannon.ts) so it never shares a CPU
 * time slice or event loop with the server under test. It takes one job at a time over IPC.
 */
import http from 'node:http';
import autocannon from 'autocannon';
import type { CannonJob, CannonResult } from './cannon';
import { percentile } from '../report';

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

/**
 * Open loop at an even pace: request i is due at start + i / rate and sent then (at most `connections` in flight on
 * keep-alive sockets; beyond that it waits for a socket, and that wait counts). Latency is from the due instant.
 */
async function runPaced(job: CannonJob, seconds: number, keyOffset: number): Promise<CannonResult> {
  const rate = job.rate ?? 1;
  const total = Math.max(1, Math.round(rate * seconds));
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const url = new URL(job.origin);
  const paths = job.paths ?? [job.path];
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  const send = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const headers: Record<string, string> = { ...job.headers };
      if (job.uniqueKeyHeader) headers[job.uniqueKeyHeader] = `${job.keyPrefix ?? 'bench'}-${process.pid}-p${keyOffset + i}`;
      const body = job.bodies ? job.bodies[i % job.bodies.length] : undefined;
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const req = http.request(
        { agent, host: url.hostname, port: url.port, method: job.method, path: paths[i % paths.length], headers, timeout: 10_000 },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      req.on('timeout', () => {
        timeouts += 1;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(i, due));
  }
  // The rate achieved: requests over the time it took to send them (one interval per request).
  const sendingSeconds = (performance.now() - started) / 1000 + 1 / rate;
  await Promise.all(inFlight);
  agent.destroy();
  const elapsed = Math.max((performance.now() - started) / 1000, 0.001);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: total / sendingSeconds,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    non2xx,
    errors,
    timeouts,
    seconds: elapsed,
  };
}

process.on('message', (msg: CannonJob) => {
  (async () => {
    if (msg.rate && (msg.pacing ?? 'even') === 'even') {
      if (msg.warmupSeconds > 0) await runPaced(msg, msg.warmupSeconds, 1_000_000);
      process.send?.({ ok: true, result: await runPaced(msg, msg.seconds, 0) });
      return;
    }
    if (msg.warmupSeconds > 0) await run(msg, msg.warmupSeconds);
    const result = toResult(await run(msg, msg.seconds));
    process.send?.({ ok: true, result });
  })().catch((err: unknown) => process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) }));
});
