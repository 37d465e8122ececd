import net from 'node:net';
import type { CreateTicketResponse } from '@baoxiu/shared';
import { describeReliability, seedTenant, startStack, type Stack } from './helpers/stack';
import { eventually, explained, request, sleep, type ServerProcess } from './helpers/processes';

interface Attempt {
  key: string;
  startedAt: number;
  finishedAt: number;
  status?: number;
  number?: string;
  error?: string;
}

/** Requests begun this long before the signal have certainly been accepted by the server. */
const SURELY_ACCEPTED_MS = 250;
const CONNECTION_ERRORS = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'];

/** A request whose headers and half its body are sent now; `finish()` sends the rest and reads the answer. */
async function startSlowRequest(port: number, path: string, key: string, payload: object) {
  const body = Buffer.from(JSON.stringify(payload));
  const sock = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => sock.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  sock.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<string>((resolve, reject) => {
    sock.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    sock.once('error', reject);
  });
  sock.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
      `Idempotency-Key: ${key}\r\nConnection: close\r\n\r\n`,
  );
  sock.write(body.subarray(0, 10));
  return {
    async finish(): Promise<{ status: number; json: CreateTicketResponse }> {
      sock.write(body.subarray(10));
      const raw = await ended;
      const [head, text] = raw.split('\r\n\r\n');
      return { status: Number(head.split(' ')[1]), json: JSON.parse(text) as CreateTicketResponse };
    },
  };
}

describeReliability('an API process sent SIGTERM under load', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('finishes every request in flight, refuses new connections, exits 0 and leaves no half-written ticket', () =>
    explained(stack.processes, async () => {
      const { deps } = stack;
      const { tenant, assetCode } = await seedTenant(deps, 2);
      const api: ServerProcess = await stack.spawn('api', 'api');
      const url = `http://127.0.0.1:${api.port}/api/public/tickets`;
      const report = (i: number) => ({ assetCode, description: `停机前的报修 ${i}`, contactPhone: '13900000000' });

      // In flight when the signal arrives: headers read, body still coming.
      const slow = await startSlowRequest(api.port as number, '/api/public/tickets', 'sigterm-slow-0001', report(0));
      const attempts: Attempt[] = [];
      let sigtermAt = Number.POSITIVE_INFINITY;
      let seq = 0;
      const loop = async () => {
        for (;;) {
          const key = `sigterm-${String((seq += 1)).padStart(6, '0')}`;
          const a: Attempt = { key, startedAt: Date.now(), finishedAt: 0 };
          attempts.push(a);
          try {
            const res = await request('POST', url, report(seq), { 'idempotency-key': key });
            a.status = res.status;
            a.number = (res.json as Partial<CreateTicketResponse>).ticket?.number;
          } catch (err) {
            a.error = (err as NodeJS.ErrnoException).code ?? String(err);
          }
          a.finishedAt = Date.now();
          if (a.error) return; // the server is gone for this client
        }
      };
      const loops = Array.from({ length: 8 }, loop);
      await eventually(async () => attempts.filter((a) => a.status).length >= 80, '80 answers under load', 60_000, 10);
      sigtermAt = Date.now();
      api.signal('SIGTERM');
      await sleep(300);
      const slowAnswer = await slow.finish();
      const exit = await api.exited;
      await Promise.all(loops);
      const after = await request('GET', `http://127.0.0.1:${api.port}/healthz`).then(
        () => 'answered',
        (err: NodeJS.ErrnoException) => err.code,
      );

      expect(exit).toEqual({ code: 0, signal: null });
      expect(after).toBe('ECONNREFUSED');
      expect(slowAnswer.status).toBe(201);
      const answered = attempts.filter((a) => a.status !== undefined);
      const failed = attempts.filter((a) => a.error !== undefined);
      // Every answer is a whole one; only requests begun around or after the signal may meet a closed door.
      expect(answered.filter((a) => a.status !== 201 || !a.number)).toEqual([]);
      expect(failed.filter((a) => !CONNECTION_ERRORS.includes(a.error ?? '') || a.startedAt < sigtermAt - SURELY_ACCEPTED_MS)).toEqual([]);
      expect(answered.some((a) => a.finishedAt > sigtermAt)).toBe(true);

      // The database holds exactly the answered tickets, each with its 'created' event and its dispatch job in the outbox.
      const rows = (await deps.db.ds.query(
        `SELECT t.number, t.idempotencyKey AS k,
         (SELECT COUNT(*) FROM ticket_events e WHERE e.ticketId = t.id AND e.type = 'created') AS events,
         (SELECT COUNT(*) FROM outbox o WHERE o.jobId = CONCAT('dispatch-', t.id, '-1')) AS jobs
       FROM tickets t WHERE t.tenantId = ? ORDER BY t.number`,
        [tenant.id],
      )) as Array<{ number: string; k: string; events: number | string; jobs: number | string }>;
      const expected = [...answered.map((a) => a.number as string), slowAnswer.json.ticket.number].sort();
      expect(rows.map((r) => r.number)).toEqual(expected);
      expect(rows.filter((r) => Number(r.events) !== 1 || Number(r.jobs) !== 1)).toEqual([]);
      expect(rows.some((r) => failed.some((f) => f.key === r.k))).toBe(false);
      expect(answered.length).toBeGreaterThanOrEqual(80);
    }));
});
