import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import { encodeListCursor, type CreateTicketResponse } from '@baoxiu/shared';
import { User } from '../../src/modules/auth/user.entity';
import { Reporter } from '../../src/modules/reporters/reporter.entity';
import { signReporterToken } from '../../src/modules/reporters/reporter.session';
import { Ticket } from '../../src/modules/tickets/ticket.entity';
import { dispatchTicketJob } from '../../src/modules/dispatch/dispatch.jobs';
import type { TestSystem } from './system';
import type { TestStandin } from './wechat';
import { auth, makeAsset, makeTenant, makeUser, PASSWORD, PNG_BYTES } from './factories';
import { fileTicket } from './contract';
import { RawClient } from './raw-http';
import type { AuthPool, SheetContext } from './fuzz-requests';
import type { Hints } from './fuzz-values';
import { publishedPlan } from '../../src/modules/billing/catalog.service';
import { createSubscription } from '../../src/modules/billing/subscriptions.service';

const isoDay = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Rows of the seeded tenants whose ids, codes and tokens the generators mix in. */
export interface Known {
  siteIds: string[];
  assetIds: string[];
  engineerIds: string[];
  /** Engineers that may be removed: never the one whose token the job calls carry. */
  removableEngineerIds: string[];
  /** Accounts the staff routes may edit, disable or re-password: never one whose token the calls carry. */
  staffIds: string[];
  codes: string[];
  numbers: string[];
  tokens: string[];
  uploads: string[];
  /** Knowledge-base articles of tenant A: public published, internal, draft. */
  articleIds: string[];
}

export interface FuzzSeed {
  known: Known;
  pool: AuthPool;
  hints: Hints;
  sheet: SheetContext;
}

/** Two tenants, tickets in every stage of the loop, photos, and tokens of every kind. */
export async function seedFuzzTenants(sys: TestSystem, standin: TestStandin, driver: string): Promise<FuzzSeed> {
  const { deps, http } = sys;
  const a = await makeTenant(deps, { dispatchMode: 'auto', offerTimeoutSeconds: 86_400 });
  const holder = await makeUser(deps, a.id, 'engineer', { skills: ['空调'] });
  const assets = [];
  for (let i = 0; i < 4; i += 1) assets.push(await makeAsset(deps, a.id, a.siteIds[i % 2], { name: `空调 ${i}` }));
  const uploads: string[] = [];
  for (let i = 0; i < 8; i += 1) uploads.push((await http.post('/api/public/uploads').attach('file', PNG_BYTES, 'p.png').expect(201)).body.upload.id);
  // Three tickets at every stage of the loop, so transitions from each status are tried.
  const stages = ['offered', 'accept', 'travel', 'arrive', 'resolve', 'confirm', 'rating'] as const;
  const tickets: CreateTicketResponse['ticket'][] = [];
  for (let i = 0; i < stages.length * 3; i += 1) {
    const t = await fileTicket(http, `fuzz-seed-${driver}-${i}`, {
      assetCode: assets[i % 4].code, description: `故障 ${i}`, contactPhone: '13800138000', photoIds: i < 2 ? [uploads.pop()] : [],
    });
    const row = await deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: a.id, number: t.number });
    await dispatchTicketJob.handle(deps, { ticketId: row.id, cycle: row.dispatchCycle });
    for (const step of stages.slice(1, Math.floor(i / 3) + 1)) {
      const req = step === 'confirm' || step === 'rating'
        ? http.post(`/api/public/tickets/${t.trackingToken}/${step}`)
        : http.post(`/api/engineer/jobs/${t.number}/${step}`).set(auth(holder.token));
      await req.send(step === 'resolve' ? { notes: '已修好' } : step === 'rating' ? { score: 5 } : {}).expect(200);
    }
    tickets.push(t);
  }
  const emptySites: number[] = [];
  for (const name of ['空站点 A', '空站点 B']) emptySites.push((await http.post('/api/sites').set(auth(a.admin.token)).send({ name }).expect(201)).body.site.id as number);
  const victims = [await makeUser(deps, a.id, 'engineer'), await makeUser(deps, a.id, 'engineer')];
  const removed = await makeUser(deps, a.id, 'admin');
  await deps.db.ds.getRepository(User).update({ id: removed.id }, { active: false });
  // Tenant A is on a plan, so the billing routes answer from a real subscription (B stays unmanaged).
  const pro = await publishedPlan(deps, 'pro-month');
  await deps.db.transaction((em) => createSubscription(em, deps.clock.now(), { tenantId: a.id, plan: pro, seats: 200, startedOn: '2025-01-01' }));
  const articleIds: number[] = [];
  for (const [i, [status, visibility]] of [['published', 'public'], ['published', 'public'], ['published', 'internal'], ['draft', 'public']].entries()) {
    const res = await http.post('/api/kb/articles').set(auth(a.dispatcher.token))
      .send({ title: `空调不制冷 ${i}`, body: '检查**滤网**', categories: ['空调'], status, visibility }).expect(201);
    articleIds.push(res.body.article.id as number);
  }
  const b = await makeTenant(deps);
  const bEngineer = await makeUser(deps, b.id, 'engineer');
  const bAsset = await makeAsset(deps, b.id, b.siteIds[0]);

  const secretClaims = { tid: a.id, role: 'admin' };
  const pool: AuthPool = {
    own: { admin: a.admin.token, dispatcher: a.dispatcher.token, engineer: holder.token },
    otherTenant: { admin: b.admin.token, dispatcher: b.dispatcher.token, engineer: bEngineer.token },
    expired: jwt.sign({ ...secretClaims, exp: Math.floor(Date.now() / 1000) - 60 }, deps.jwtSecret, { subject: String(a.admin.id) }),
    forged: jwt.sign(secretClaims, 'not-the-server-secret-at-all', { subject: String(a.admin.id) }),
    removedUser: removed.token,
    reporter: signReporterToken(deps.jwtSecret, await deps.db.ds.getRepository(Reporter).save({
      openid: `fuzz-${driver}-openid`, unionid: null, phone: null, createdAt: deps.clock.now(), lastSeenAt: deps.clock.now(),
    })),
    operator: deps.operatorToken,
  };
  const s = (xs: Array<number | string>) => xs.map(String);
  const known: Known = {
    siteIds: s([...a.siteIds, ...emptySites, b.siteIds[0]]),
    assetIds: s([...assets.map((x) => x.id), bAsset.id]),
    engineerIds: s([holder.id, ...victims.map((v) => v.id), bEngineer.id, a.admin.id]),
    removableEngineerIds: s([...victims.map((v) => v.id), bEngineer.id, a.dispatcher.id]),
    staffIds: s([...victims.map((v) => v.id), bEngineer.id, b.dispatcher.id]),
    codes: [...assets.map((x) => x.code), bAsset.code],
    numbers: tickets.map((t) => t.number),
    tokens: tickets.map((t) => t.trackingToken),
    uploads,
    articleIds: s(articleIds),
  };
  // One-time WeChat codes (sign-in and phone) from the stand-in, and a staff invite, so the WeChat routes can succeed.
  const codes: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    codes.push((await standin.loginCode(`fuzz-${driver}-${i}`)).code, await standin.phoneCode(`1380013800${i}`));
  }
  const invited = await http.post(`/api/staff/${victims[0].id}/wechat-invite`).set(auth(a.admin.token)).send({}).expect(201);
  const invite = new URL(String(invited.body.invite.url)).searchParams.get('invite') as string;
  const pick = <T>(xs: T[]) => fc.constantFrom(...xs);
  // The list's `cursor`: real positions in tenant A's list, and one before its first and one past its last ticket.
  const rows = await deps.db.ds.getRepository(Ticket).findBy({ tenantId: a.id });
  const cursors = [
    ...rows.map((t) => encodeListCursor({ createdAt: t.createdAt, id: t.id })),
    encodeListCursor({ createdAt: new Date('2000-01-01T00:00:00Z'), id: 1 }),
    encodeListCursor({ createdAt: new Date('2099-12-31T00:00:00Z'), id: 2_147_483_647 }),
  ];
  const hints: Hints = {
    siteId: pick([...a.siteIds, b.siteIds[0]]),
    engineerId: pick([holder.id, ...victims.map((v) => v.id), bEngineer.id, a.dispatcher.id]),
    assetCode: pick(known.codes),
    articleId: pick(articleIds),
    asset: pick(known.codes),
    code: pick(codes),
    invite: fc.constant(invite),
    assetCodes: fc.subarray(known.codes, { minLength: 1 }),
    photoIds: fc.subarray(uploads, { maxLength: 3 }),
    tenant: pick([a.slug, b.slug]),
    username: pick([holder.username, ...victims.map((v) => v.username)]),
    password: fc.constant(PASSWORD),
    cursor: pick(cursors),
    // Report periods around the seeded tickets' day (also valid `from` / `to` days of the ticket list).
    from: pick([-40, -7, -1, 0].map((d) => isoDay(deps.clock.now(), d))),
    to: pick([0, 1, 20].map((d) => isoDay(deps.clock.now(), d))),
  };
  const template = await new RawClient(sys.baseUrl).send({ method: 'GET', path: '/api/assets/import/template?format=xlsx', headers: auth(a.admin.token) });
  const sheet: SheetContext = { siteNames: ['一号楼 Building 1', '二号楼 Building 2'], xlsxTemplate: template.status === 200 ? template.body : Buffer.from('PK\u0003\u0004') };
  return { known, pool, hints, sheet };
}
