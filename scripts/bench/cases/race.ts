/** 50 engineers accept one pool job at the same instant: exactly one 200 and 49 × 409, every time. */
import { randomBytes } from 'node:crypto';
import type { Running } from '../processes';
import type { DbReader } from '../db-reader';
import type { Row } from '../report';

export interface RaceContext {
  api: Running;
  db: DbReader;
  repeats: number;
  /** A pool-mode tenant whose 50 engineers are all eligible for its assets. */
  tenantId: number;
  assetCode: string;
  engineerTokens: string[];
}

interface Round {
  ok: number;
  taken: number;
  other: number;
  ms: number;
}

async function waitOffered(db: DbReader, tenantId: number, number: string, offers: number): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const [row] = await db.all<{ status: string; pending: number | string }>(
      `SELECT t.status AS status, (SELECT COUNT(*) FROM offers o WHERE o.ticketId = t.id AND o.status = 'pending') AS pending
       FROM tickets t WHERE t.tenantId = ? AND t.number = ?`,
      [tenantId, number],
    );
    if (row?.status === 'offered' && Number(row.pending) === offers) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`ticket ${number} was not offered to ${offers} engineers within 30 s`);
}

async function round(c: RaceContext): Promise<Round> {
  const created = await fetch(`${c.api.origin}/api/public/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-race-${randomBytes(6).toString('hex')}` },
    body: JSON.stringify({ assetCode: c.assetCode, description: '压测：抢单', contactPhone: '13900000002' }),
  });
  if (created.status !== 201) throw new Error(`intake answered ${created.status}: ${await created.text()}`);
  const { ticket } = (await created.json()) as { ticket: { number: string } };
  await waitOffered(c.db, c.tenantId, ticket.number, c.engineerTokens.length);
  const started = performance.now();
  const answers = await Promise.all(
    c.engineerTokens.map(async (token) => {
      const res = await fetch(`${c.api.origin}/api/engineer/jobs/${ticket.number}/accept`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await res.json()) as { error?: { code?: string } };
      return { status: res.status, code: body.error?.code };
    }),
  );
  return {
    ok: answers.filter((a) => a.status === 200).length,
    taken: answers.filter((a) => a.status === 409).length,
    other: answers.filter((a) => a.status !== 200 && a.status !== 409).length,
    ms: performance.now() - started,
  };
}

export async function acceptRaceRow(c: RaceContext): Promise<Row> {
  const rounds: Round[] = [];
  for (let i = 0; i < c.repeats; i++) rounds.push(await round(c));
  const n = c.engineerTokens.length;
  const exact = rounds.filter((r) => r.ok === 1 && r.taken === n - 1 && r.other === 0).length;
  const summary = rounds.map((r) => `${r.ok}/${r.taken}${r.other ? `/${r.other} other` : ''}`).join(', ');
  return {
    path: `accept race: ${n} engineers accept one pool job at once, ${c.repeats} rounds`,
    measured:
      `${exact}/${rounds.length} rounds exactly 1 × 200 + ${n - 1} × 409 (200s/409s per round: ${summary}); ` +
      `a round of ${n} accepts took ${Math.round(Math.max(...rounds.map((r) => r.ms)))} ms at most`,
    baseline: '—',
    ratio: null,
    bar: `exactly 1 × 200, ${n - 1} × 409, always`,
    verdict: exact === rounds.length ? 'pass' : 'fail',
    data: { rounds },
  };
}
