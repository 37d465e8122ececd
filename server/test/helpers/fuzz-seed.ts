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
  /** The accounts whose tokens the calls carry (tenant A's admin, dispatcher, the job holder): never sent to a route that ends sessions. */
  ownStaffIds: string[];
  codes: string[];
  numbers: string[];
  tokens: string[];
  uploads: string[];
  /** Knowledge-base articles of tenant A: public published, internal, draft. */
  articleIds: string[];
  partIds: string[];
  locationIds: string[];
  contractIds: string[];
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
  for (let i = 0; i < 8; i += 1)
    uploads.push((await http.post('/api/public/uploads').attach('file', PNG_BYTES, 'p.png').expect(201)).body.upload.id);
  // Three tickets at every stage of the loop, so transitions from each status are tried.
  const stages = ['offered', 'accept', 'travel', 'arrive', 'resolve', 'confirm', 'rating'] as const;
  const tickets: CreateTicketResponse['ticket'][] = [];
  for (let i = 0; i < stages.length * 3; i += 1) {
    const t = await fileTicket(http, `fuzz-seed-${driver}-${i}`, {
      assetCode: assets[i % 4].code,
      description: `故障 ${i}`,
      contactPhone: '13800138000',
      photoIds: i < 2 ? [uploads.pop()] : [],
    });
    const row = await deps.db.ds.getRepository(Ticket).findOneByOrFail({ tenantId: a.id, number: t.number });
    await dispatchTicketJob.handle(deps, { ticketId: row.id, cycle: row.dispatchCycle });
    for (const step of stages.slice(1, Math.floor(i / 3) + 1)) {
      const req =
        step === 'confirm' || step === 'rating'
          ? http.post(`/api/public/tickets/${t.trackingToken}/${step}`)
          : http.post(`/api/engineer/jobs/${t.number}/${step}`).set(auth(holder.token));
      await req.send(step === 'resolve' ? { notes: '已修好' } : step === 'rating' ? { score: 5 } : {}).expect(200);
    }
    tickets.push(t);
  }
  // The on-site tickets are chargeable and carry a quote, so quotes (and the reporter's answers) can succeed.
  for (const t of tickets.slice(9, 12)) {
    await deps.db.ds.getRepository(Ticket).update({ tenantId: a.id, number: t.number }, { coverage: 'chargeable' });
    await http.post(`/api/engineer/jobs/${t.number}/quote`).set(auth(holder.token)).send({ labourMinutes: 30, lines: [] }).expect(201);
  }
  const emptySites: number[] = [];
  for (const name of ['空站点 A', '空站点 B'])
    emptySites.push((await http.post('/api/sites').set(auth(a.admin.token)).send({ name }).expect(201)).body.site.id as number);
  const victims = [await makeUser(deps, a.id, 'engineer'), await makeUser(deps, a.id, 'engineer')];
  const removed = await makeUser(deps, a.id, 'admin');
  await deps.db.ds.getRepository(User).update({ id: removed.id }, { active: false });
  // Tenant A is on a plan, so the billing routes answer from a real subscription (B stays unmanaged).
  const pro = await publishedPlan(deps, 'pro-month');
  await deps.db.transaction((em) =>
    createSubscription(em, deps.clock.now(), { tenantId: a.id, plan: pro, seats: 200, startedOn: '2025-01-01' }),
  );
  const articleIds: number[] = [];
  for (const [i, [status, visibility]] of [
    ['published', 'public'],
    ['published', 'public'],
    ['published', 'internal'],
    ['draft', 'public'],
  ].entries()) {
    const res = await http
      .post('/api/kb/articles')
      .set(auth(a.dispatcher.token))
      .send({ title: `空调不制冷 ${i}`, body: '检查**滤网**', categories: ['空调'], status, visibility })
      .expect(201);
    articleIds.push(res.body.article.id as number);
  }
  const b = await makeTenant(deps);
  const bEngineer = await makeUser(deps, b.id, 'engineer');
  const bAsset = await makeAsset(deps, b.id, b.siteIds[0]);
  // Parts with stock in every location of A (the holder's van too), so movements and resolves with parts can succeed.
  const partIds: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const body = { sku: `FZ-${i}`, name: `配件 ${i}`, unit: '个', cost: 100 * (i + 1), price: 300 * (i + 1), minStock: i };
    partIds.push((await http.post('/api/parts').set(auth(a.admin.token)).send(body).expect(201)).body.part.id as number);
  }
  const locationIds = (
    (await http.get('/api/stock/locations').set(auth(a.dispatcher.token)).expect(200)).body.items as Array<{ id: number }>
  ).map((l) => l.id);
  for (const partId of partIds)
    for (const locationId of locationIds) {
      await http
        .post('/api/stock/movements')
        .set(auth(a.dispatcher.token))
        .send({ partId, locationId, kind: 'receive', quantity: 50 })
        .expect(201);
    }
  const contractIds: number[] = [];
  for (const [i, body] of [{ assetId: assets[0].id }, { siteId: a.siteIds[1] }].entries()) {
    const contract = { number: `FZ-C-${i}`, coverage: 'both', startsOn: '2026-01-01', endsOn: '2099-12-31', ...body };
    contractIds.push((await http.post('/api/contracts').set(auth(a.admin.token)).send(contract).expect(201)).body.contract.id as number);
  }
  const bPart = (
    await http
      .post('/api/parts')
      .set(auth(b.admin.token))
      .send({ sku: 'FZ-B', name: 'B 配件', unit: '个', cost: 1, price: 2, minStock: 0 })
      .expect(201)
  ).body.part.id as number;
  const bLocation = (
    (await http.get('/api/stock/locations').set(auth(b.dispatcher.token)).expect(200)).body.items as Array<{ id: number }>
  )[0].id;

  const secretClaims = { tid: a.id, role: 'admin' };
  const pool: AuthPool = {
    own: { admin: a.admin.token, dispatcher: a.dispatcher.token, engineer: holder.token },
    otherTenant: { admin: b.admin.token, dispatcher: b.dispatcher.token, engineer: bEngineer.token },
    expired: jwt.sign({ ...secretClaims, exp: Math.floor(Date.now() / 1000) - 60 }, deps.jwtSecret, { subject: String(a.admin.id) }),
    forged: jwt.sign(secretClaims, 'not-the-server-secret-at-all', { subject: String(a.admin.id) }),
    removedUser: removed.token,
    reporter: signReporterToken(
      deps.jwtSecret,
      await deps.db.ds.getRepository(Reporter).save({
        openid: `fuzz-${driver}-openid`,
        unionid: null,
        phone: null,
        createdAt: deps.clock.now(),
        lastSeenAt: deps.clock.now(),
      }),
    ),
    operator: deps.operatorToken,
  };
  const s = (xs: Array<number | string>) => xs.map(String);
  const known: Known = {
    siteIds: s([...a.siteIds, ...emptySites, b.siteIds[0]]),
    assetIds: s([...assets.map((x) => x.id), bAsset.id]),
    engineerIds: s([holder.id, ...victims.map((v) => v.id), bEngineer.id, a.admin.id]),
    removableEngineerIds: s([...victims.map((v) => v.id), bEngineer.id, a.dispatcher.id]),
    staffIds: s([...victims.map((v) => v.id), bEngineer.id, b.dispatcher.id]),
    ownStaffIds: s([a.admin.id, a.dispatcher.id, holder.id]),
    codes: [...assets.map((x) => x.code), bAsset.code],
    numbers: tickets.map((t) => t.number),
    tokens: tickets.map((t) => t.trackingToken),
    uploads,
    articleIds: s(articleIds),
    partIds: s([...partIds, bPart]),
    locationIds: s([...locationIds, bLocation]),
    contractIds: s(contractIds),
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
    // The parts list's and a location's ledger's own cursors (by id).
    'p0',
    'p2',
    'm2147483647',
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
    partId: pick([...partIds, bPart]),
    locationId: pick([...locationIds, bLocation]),
    // Mostly absent (receive, return, adjust name no destination), sometimes one of A's locations (a transfer).
    toLocationId: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: pick(locationIds) }),
    // Small movements and part lines, so most of them find enough on hand.
    quantity: fc.integer({ min: 1, max: 4 }),
    // A resolve uses none of A's parts, or one or two of them from the van (the default) or a store.
    version: fc.integer({ min: 1, max: 3 }),
    partsUsed: fc.array(fc.record({ partId: pick(partIds), quantity: fc.integer({ min: 1, max: 2 }) }), { maxLength: 2 }),
    // Report periods around the seeded tickets' day (also valid `from` / `to` days of the ticket list).
    from: pick([-40, -7, -1, 0].map((d) => isoDay(deps.clock.now(), d))),
    to: pick([0, 1, 20].map((d) => isoDay(deps.clock.now(), d))),
  };
  const template = await new RawClient(sys.baseUrl).send({
    method: 'GET',
    path: '/api/assets/import/template?format=xlsx',
    headers: auth(a.admin.token),
  });
  const sheet: SheetContext = {
    siteNames: ['一号楼 Building 1', '二号楼 Building 2'],
    xlsxTemplate: template.status === 200 ? template.body : Buffer.from('PK\u0003\u0004'),
  };
  return { known, pool, hints, sheet };
}
