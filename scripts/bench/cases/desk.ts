/**
 * The dispatcher's desk: many open live streams hearing one ticket change, and the streamed export of a
 * large filtered list (time, and the API process's peak resident memory while it streams).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { Running } from '../processes';
import { ms, num, percentile, type Row } from '../report';

const STREAM_BAR_MS = 1_000;
/**
 * What the export may add to the API process's RSS while it streams 100,000 rows (held in memory they would take
 * well over 100 MB). Judged on the growth, not the absolute: the API's resting RSS depends on what the earlier rows
 * made it do (171 MB alone, 249 MB after the full run's load rows), which says nothing about the export.
 */
const EXPORT_GROWTH_BAR_MB = 64;

interface StreamClient {
  /** First time (performance.now) each ticket number was seen on this stream. */
  seen: Map<string, number>;
  close(): void;
}

function openStream(origin: string, token: string, agent: http.Agent): Promise<StreamClient> {
  return new Promise((resolve, reject) => {
    const seen = new Map<string, number>();
    const req = http.get(
      `${origin}/api/tickets/stream`,
      { agent, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream answered ${res.statusCode}`));
          return;
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const m = /"number":"([^"]+)"/.exec(frame);
            if (m && !seen.has(m[1])) seen.set(m[1], at);
          }
        });
        // "connected" comment: the subscription is in place once the first bytes arrive.
        res.once('data', () => resolve({ seen, close: () => req.destroy() }));
      },
    );
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
  });
}

export interface DeskStreamContext {
  api: Running;
  /** A dispatcher of the tenant whose tickets change. */
  token: string;
  assetCodes: string[];
  clients: number;
  changes: number;
}

/** N desks open on one API process; each change is a new ticket filed through intake (its commit is the event). */
export async function deskStreamRow(c: DeskStreamContext): Promise<Row> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const streams: StreamClient[] = [];
  try {
    for (let i = 0; i < c.clients; i += 20) {
      streams.push(
        ...(await Promise.all(Array.from({ length: Math.min(20, c.clients - i) }, () => openStream(c.api.origin, c.token, agent)))),
      );
    }
    const delays: number[] = [];
    let missed = 0;
    for (let k = 0; k < c.changes; k += 1) {
      const sent = performance.now();
      const res = await fetch(`${c.api.origin}/api/public/tickets`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `bench-desk-${Date.now()}-${k}-${Math.random().toString(16).slice(2)}`,
        },
        body: JSON.stringify({
          assetCode: c.assetCodes[k % c.assetCodes.length],
          description: `bench desk ${k}`,
          contactPhone: '13800138000',
        }),
      });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
      const { ticket } = (await res.json()) as { ticket: { number: string } };
      const deadline = Date.now() + 5_000;
      while (streams.some((s) => !s.seen.has(ticket.number)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (const s of streams) {
        const at = s.seen.get(ticket.number);
        if (at === undefined) missed += 1;
        else delays.push(at - sent);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const p50 = percentile(delays, 50);
    const p99 = percentile(delays, 99);
    return {
      path: `extra: desk live stream — ${num(c.clients)} SSE clients, a ticket change reaches them`,
      measured: `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...delays))} over ${num(delays.length)} deliveries (${c.changes} changes); missed ${missed}`,
      baseline: '—',
      ratio: null,
      bar: `p99 ≤ ${STREAM_BAR_MS} ms, none missed`,
      verdict: p99 <= STREAM_BAR_MS && missed === 0 ? 'pass' : 'fail',
      note: 'from sending the intake request (its commit is the change) to the event on each stream',
      data: { clients: c.clients, changes: c.changes, p50, p99, missed },
    };
  } finally {
    for (const s of streams) s.close();
    agent.destroy();
  }
}

/** The API process's resident set, from /proc (Linux); null elsewhere. */
function rssBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface ExportContext {
  api: Running;
  token: string;
  tickets: number;
}

/** The export refuses more than this many rows (EXPORT_TOO_LARGE): a bigger seeded tenant is exported by its recent days. */
const EXPORT_MAX_ROWS = 200_000;
/** The figure: a 100,000-row export. */
const EXPORT_TARGET_ROWS = 100_000;

const fromFilter = (days: number) => `&from=${new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)}`;

/** How many rows an export with this query would stream (its X-Export-Rows header; the body is not read). */
async function exportCount(c: ExportContext, query: string): Promise<number> {
  const res = await fetch(`${c.api.origin}/api/tickets/export?format=csv${query}`, { headers: { authorization: `Bearer ${c.token}` } });
  await res.body?.cancel();
  if (res.status !== 200) throw new Error(`export answered ${res.status}`);
  return Number(res.headers.get('x-export-rows'));
}

/**
 * A `from` filter of the recent days that hold about 100,000 tickets (none when the tenant has at most what an
 * export may hold): a first guess from an even spread over a year, corrected once by the count the server announces
 * (the seeded tickets are denser in recent days).
 */
export async function exportWindow(c: ExportContext): Promise<string> {
  if (c.tickets <= EXPORT_MAX_ROWS) return '';
  const guess = Math.max(1, Math.floor(EXPORT_TARGET_ROWS / (c.tickets / 365)));
  const counted = await exportCount(c, fromFilter(guess));
  return fromFilter(Math.max(1, Math.round(guess * (EXPORT_TARGET_ROWS / Math.max(counted, 1)))));
}

/** The big tenant's tickets (its recent ~100,000 when it has more than an export may hold) as XLSX and as CSV, read as fast as the client can. */
export async function exportRows(c: ExportContext): Promise<Row[]> {
  const rows: Row[] = [];
  const window = await exportWindow(c);
  for (const format of ['xlsx', 'csv'] as const) {
    const before = rssBytes(c.api.pid) ?? 0;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssBytes(c.api.pid) ?? 0);
    }, 25);
    const started = performance.now();
    let bytes = 0;
    let announced = 0;
    try {
      const res = await fetch(`${c.api.origin}/api/tickets/export?format=${format}${window}`, {
        headers: { authorization: `Bearer ${c.token}` },
      });
      if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
      announced = Number(res.headers.get('x-export-rows'));
      const reader = res.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        bytes += chunk.value.byteLength;
      }
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    const peakMb = peak / 1024 / 1024;
    rows.push({
      path: `extra: desk export ${format.toUpperCase()} — ${num(announced)} tickets, streamed`,
      measured: `${seconds.toFixed(1)} s (${num(announced / seconds)} rows/s, ${(bytes / 1024 / 1024).toFixed(1)} MiB); API peak RSS ${peakMb.toFixed(0)} MB (${(before / 1024 / 1024).toFixed(0)} MB before)`,
      baseline: '—',
      ratio: null,
      bar: `adds < ${EXPORT_GROWTH_BAR_MB} MB to the API's RSS (peak − before)`,
      verdict: peak === 0 ? 'n/a' : peakMb - before / 1024 / 1024 < EXPORT_GROWTH_BAR_MB ? 'pass' : 'fail',
      note:
        c.tickets < 100_000
          ? `only ${num(c.tickets)} tickets seeded: run with --tickets 100000 (or the full run) for the 100,000-row figure`
          : undefined,
      data: { format, rows: announced, seconds, bytes, peakRss: peak, rssBefore: before },
    });
  }
  return rows;
}
