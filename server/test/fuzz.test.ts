import fc from 'fast-check';
import { z } from 'zod';
import {
  AssetCodeSchema,
  AssetExportQuerySchema,
  AssetInputSchema,
  AssetListQuerySchema,
  AssetUpdateSchema,
  AssignSchema,
  CancelSchema,
  CreateTicketSchema,
  DeclineSchema,
  DeskExportQuerySchema,
  DeskQuerySchema,
  InternalNoteSchema,
  RedispatchSchema,
  UrgencyChangeSchema,
  DevLoginCodeSchema,
  DevPhoneCodeSchema,
  EngineerInputSchema,
  EngineerShiftsSchema,
  DUTY_OVERRIDES,
  EngineerUpdateSchema,
  ERRORS,
  IdSchema,
  ImportQuerySchema,
  InviteCreateSchema,
  JobListQuerySchema,
  KpiQuerySchema,
  LabelsRequestSchema,
  LoginSchema,
  PaginationQuerySchema,
  PhoneCodeSchema,
  RatingSchema,
  StaffCreateSchema,
  StaffPasswordResetSchema,
  StaffUpdateSchema,
  ReopenSchema,
  ResolveSchema,
  SiteInputSchema,
  SiteUpdateSchema,
  SubscriptionResultsSchema,
  TemplateQuerySchema,
  TenantSettingsUpdateSchema,
  TicketListQuerySchema,
  TicketNumberSchema,
  TrackingTokenSchema,
  UploadIdSchema,
  BusinessHoursQuerySchema,
  BusinessHoursSchema,
  SlaAtRiskQuerySchema,
  SlaPolicySchema,
  ApiKeyInputSchema,
  PlanStatusQuerySchema,
  WechatBindSchema,
  WechatSettingsSchema,
  WechatSignInSchema,
  type Role,
  ChangePlanQuerySchema,
  ChangePlanSchema,
  KbArticleInputSchema,
  KbArticleListQuerySchema,
  KbArticleUpdateSchema,
  KbDeflectionQuerySchema,
  KbEventSchema,
  KbPreviewSchema,
  KbSuggestionQuerySchema,
  KbSynonymsSchema,
  CouponSchema,
  CreateTenantSchema,
  PlanDocumentSchema,
  PreviewQuerySchema,
  QuoteRequestSchema,
  SeatCountSchema,
  PmPlanInputSchema,
  PmPlanPatchSchema,
  PmOverdueQuerySchema,
  PmRangeQuerySchema,
  ContractInputSchema,
  ContractListQuerySchema,
  ContractUpdateSchema,
  LabourSettingsSchema,
  QuoteAnswerSchema,
  QuoteInputSchema,
  QuoteListQuerySchema,
  PartInputSchema,
  PartListQuerySchema,
  PartUpdateSchema,
  StockMovementInputSchema,
  StockMovementListQuerySchema,
  StockBalanceListQuerySchema,
} from '@baoxiu/shared';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { startStandin, type TestStandin } from './helpers/wechat';
import { auth, PNG_BYTES } from './helpers/factories';
import { errorOf } from './helpers/contract';
import { matrixGaps, servedRoutes } from './helpers/routes';
import { multipart, RawClient, type RawRequest } from './helpers/raw-http';
import { requestArb, type FuzzEntry } from './helpers/fuzz-requests';
import { seedFuzzTenants, type Known } from './helpers/fuzz-seed';
import { changedBetween, installWriteCounter, type WriteCounts } from './helpers/write-counter';

/**
 * Requests per database: the full run on the last driver (MariaDB whenever DATABASE_URL is set, as in CI),
 * a shorter one on SQLite beside it. FUZZ_REQUESTS / FUZZ_SEED widen or reproduce a run.
 */
const FULL_RUN = Number(process.env.FUZZ_REQUESTS ?? 16_000);
const runsOn = (driver: string) => (driver === DRIVERS[DRIVERS.length - 1] ? FULL_RUN : Math.ceil(FULL_RUN / 5));
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_601);

const STAFF: Role[] = ['dispatcher', 'admin'];

/** Every route and how it is called. A served route missing here (or listed here but gone) fails the run. */
function entries(k: Known): Record<string, FuzzEntry> {
  const id = (known: string[]) => ({ id: { schema: IdSchema, known } });
  // Routes that end the named account's sessions (password, role, disable, WeChat unlink): a generated id
  // such as 1 or 2 would otherwise name tenant A's own admin or dispatcher, and every later call with their token is a 401.
  const staffId = (known: string[]) => ({ id: { schema: IdSchema, known, avoid: k.ownStaffIds } });
  const num = { number: { schema: TicketNumberSchema, known: k.numbers } };
  const token = { trackingToken: { schema: TrackingTokenSchema, known: k.tokens } };
  return {
    'GET /healthz': { as: null, weight: 0.3 },
    'GET /readyz': { as: null, weight: 0.3 },
    'GET /api/openapi.json': { as: null, weight: 0.1 },
    'GET /api/docs': { as: null, weight: 0.1 },
    'GET /metrics': { as: null, weight: 0.2 },
    'POST /api/auth/login': { as: null, body: LoginSchema, weight: 0.4 },
    'GET /api/public/assets/:code': { as: null, params: { code: { schema: AssetCodeSchema, known: k.codes } } },
    'POST /api/public/uploads': { as: null, body: 'image' },
    'GET /api/public/uploads/:id': { as: null, params: { id: { schema: UploadIdSchema, known: k.uploads } } },
    'POST /api/public/tickets': { as: null, body: CreateTicketSchema, idempotencyKey: true, weight: 2 },
    'GET /api/public/tickets/:trackingToken': { as: null, params: token },
    'POST /api/public/tickets/:trackingToken/confirm': { as: null, params: token },
    'POST /api/public/tickets/:trackingToken/reopen': { as: null, params: token, body: ReopenSchema },
    'POST /api/public/tickets/:trackingToken/rating': { as: null, params: token, body: RatingSchema },
    'POST /api/public/tickets/:trackingToken/urge': { as: null, params: token },
    'POST /api/auth/wechat': { as: null, body: WechatSignInSchema, weight: 0.5 },
    'POST /api/auth/wechat/bind': { as: null, body: WechatBindSchema, weight: 0.5 },
    'POST /api/dev/wechat/login-code': { as: null, body: DevLoginCodeSchema, weight: 0.3 },
    'POST /api/dev/wechat/phone-code': { as: null, body: DevPhoneCodeSchema, weight: 0.3 },
    'GET /api/public/me/tickets': { as: 'reporter', query: PaginationQuerySchema },
    'POST /api/public/me/phone': { as: 'reporter', body: PhoneCodeSchema, weight: 0.5 },
    'GET /api/public/me/subscriptions': { as: 'reporter', query: z.object({ asset: AssetCodeSchema }) },
    'POST /api/public/me/subscriptions': { as: 'reporter', body: SubscriptionResultsSchema },

    'GET /api/engineer/jobs': { as: ['engineer'], query: JobListQuerySchema },
    'GET /api/engineer/jobs/:number': { as: ['engineer'], params: num },
    'POST /api/engineer/jobs/:number/accept': { as: ['engineer'], params: num },
    'POST /api/engineer/jobs/:number/decline': { as: ['engineer'], params: num, body: DeclineSchema },
    'POST /api/engineer/jobs/:number/travel': { as: ['engineer'], params: num },
    'POST /api/engineer/jobs/:number/arrive': { as: ['engineer'], params: num },
    'POST /api/engineer/jobs/:number/wait-customer': { as: ['engineer'], params: num },
    'POST /api/engineer/jobs/:number/resume': { as: ['engineer'], params: num },
    'POST /api/engineer/jobs/:number/resolve': { as: ['engineer'], params: num, body: ResolveSchema },

    'GET /api/tickets': { as: STAFF, query: TicketListQuerySchema, weight: 1.5 },
    'GET /api/tickets/stream': {
      as: STAFF,
      query: z.object({ lastEventId: z.string().max(80).optional(), ticket: z.string().max(80).optional() }),
      weight: 0.4,
    },
    'POST /api/tickets/stream-ticket': { as: STAFF, weight: 0.3 },
    'GET /api/tickets/desk': { as: STAFF, query: DeskQuerySchema, weight: 1.5 },
    'GET /api/tickets/export': { as: STAFF, query: DeskExportQuerySchema, weight: 0.4 },
    'GET /api/tickets/:number/engineers': { as: STAFF, params: num },
    'POST /api/tickets/:number/urgency': { as: STAFF, params: num, body: UrgencyChangeSchema },
    'POST /api/tickets/:number/notes': { as: STAFF, params: num, body: InternalNoteSchema },
    'POST /api/tickets/:number/redispatch': { as: STAFF, params: num, body: RedispatchSchema },
    'GET /api/tickets/:number': { as: STAFF, params: num },
    'GET /api/tickets/:number/notifications': { as: STAFF, params: num },
    'POST /api/tickets/:number/assign': { as: STAFF, params: num, body: AssignSchema },
    'POST /api/tickets/:number/cancel': { as: STAFF, params: num, body: CancelSchema },

    'GET /api/sites': { as: STAFF, weight: 0.5 },
    'GET /api/sites/:id': { as: STAFF, params: id(k.siteIds) },
    'POST /api/sites': { as: STAFF, body: SiteInputSchema },
    'PATCH /api/sites/:id': { as: STAFF, params: id(k.siteIds), body: SiteUpdateSchema },
    'DELETE /api/sites/:id': { as: STAFF, params: id(k.siteIds) },

    'GET /api/assets': { as: STAFF, query: AssetListQuerySchema, weight: 1.5 },
    'GET /api/assets/:id': { as: STAFF, params: id(k.assetIds) },
    'POST /api/assets': { as: STAFF, body: AssetInputSchema, weight: 1.5 },
    'PATCH /api/assets/:id': { as: STAFF, params: id(k.assetIds), body: AssetUpdateSchema, weight: 1.5 },
    'DELETE /api/assets/:id': { as: STAFF, params: id(k.assetIds) },
    'GET /api/assets/:id/tickets': { as: STAFF, params: id(k.assetIds), query: PaginationQuerySchema },
    'GET /api/assets/:id/qr.svg': { as: STAFF, params: id(k.assetIds) },
    'GET /api/assets/import/template': { as: STAFF, query: TemplateQuerySchema, weight: 0.3 },
    'POST /api/assets/import': { as: STAFF, query: ImportQuerySchema, body: 'sheet' },
    'GET /api/assets/export': { as: STAFF, query: AssetExportQuerySchema, weight: 0.5 },

    'GET /api/engineers': { as: STAFF, weight: 0.5 },
    'GET /api/engineers/:id': { as: STAFF, params: id(k.engineerIds) },
    'POST /api/engineers': { as: ['admin'], body: EngineerInputSchema, weight: 0.5 },
    'PATCH /api/engineers/:id': { as: ['admin'], params: staffId(k.engineerIds), body: EngineerUpdateSchema, weight: 0.7 },
    'DELETE /api/engineers/:id': { as: ['admin'], params: id(k.removableEngineerIds) },
    'GET /api/engineers/:id/shifts': { as: ['admin', 'dispatcher', 'engineer'], params: id(k.engineerIds) },
    // Random week frames rarely pass every frame's checks: half the bodies are the simplest valid ones (no pattern, an override).
    'PUT /api/engineers/:id/shifts': {
      as: ['admin'],
      params: id(k.engineerIds),
      body: EngineerShiftsSchema.or(z.object({ week: z.null(), dutyOverride: z.enum(DUTY_OVERRIDES) })),
    },
    'GET /api/staff/wechat': { as: STAFF, weight: 0.5 },
    'POST /api/staff/:id/wechat-invite': { as: ['admin'], params: id(k.engineerIds), body: InviteCreateSchema },
    'DELETE /api/staff/:id/wechat': { as: ['admin'], params: staffId(k.engineerIds) },
    'GET /api/staff': { as: ['admin'], weight: 0.5 },
    'POST /api/staff': { as: ['admin'], body: StaffCreateSchema, weight: 0.5 },
    'PATCH /api/staff/:id': { as: ['admin'], params: staffId(k.staffIds), body: StaffUpdateSchema, weight: 0.7 },
    'POST /api/staff/:id/disable': { as: ['admin'], params: id(k.staffIds) },
    'POST /api/staff/:id/enable': { as: ['admin'], params: id(k.staffIds) },
    'POST /api/staff/:id/password': { as: ['admin'], params: staffId(k.staffIds), body: StaffPasswordResetSchema, weight: 0.4 },
    'GET /api/me/wechat': { as: ['engineer', 'dispatcher', 'admin'], weight: 0.5 },
    'POST /api/me/wechat/subscriptions': { as: ['engineer', 'dispatcher', 'admin'], body: SubscriptionResultsSchema },

    'POST /api/labels': { as: STAFF, body: LabelsRequestSchema, weight: 0.4 },
    'GET /api/settings': { as: STAFF, weight: 0.3 },
    'PATCH /api/settings': { as: ['admin'], body: TenantSettingsUpdateSchema },
    'GET /api/settings/wechat': { as: STAFF, weight: 0.3 },
    'PUT /api/settings/wechat': { as: ['admin'], body: WechatSettingsSchema },
    'GET /api/settings/business-hours': { as: STAFF, query: BusinessHoursQuerySchema, weight: 0.3 },
    'PUT /api/settings/business-hours': { as: ['admin'], query: BusinessHoursQuerySchema, body: BusinessHoursSchema },
    'GET /api/settings/sla': { as: STAFF, weight: 0.3 },
    'GET /api/settings/api-keys': { as: ['admin'], weight: 0.3 },
    'POST /api/settings/api-keys': { as: ['admin'], body: ApiKeyInputSchema, weight: 0.3 },
    'POST /api/settings/api-keys/:id/revoke': { as: ['admin'], params: id(['1', '2']), weight: 0.3 },
    'PUT /api/settings/sla': { as: ['admin'], body: SlaPolicySchema },
    'GET /api/sla/at-risk': { as: STAFF, query: SlaAtRiskQuerySchema, weight: 0.5 },

    'GET /api/reports/kpis': { as: STAFF, query: KpiQuerySchema },

    'POST /api/pm/plans': { as: STAFF, body: PmPlanInputSchema, weight: 0.5 },
    'GET /api/pm/plans': { as: ['engineer', 'dispatcher', 'admin'], weight: 0.3 },
    'GET /api/pm/plans/:id': { as: ['engineer', 'dispatcher', 'admin'], params: id(['1', '2', '3']), weight: 0.3 },
    'PATCH /api/pm/plans/:id': { as: STAFF, params: id(['1', '2', '3']), body: PmPlanPatchSchema, weight: 0.5 },
    'GET /api/pm/occurrences': { as: STAFF, query: PmRangeQuerySchema, weight: 0.5 },
    'GET /api/pm/compliance': { as: STAFF, query: PmRangeQuerySchema, weight: 0.3 },
    'GET /api/pm/overdue': { as: ['engineer', 'dispatcher', 'admin'], query: PmOverdueQuerySchema, weight: 0.3 },
    'GET /api/pm/visits/:number': { as: ['engineer', 'dispatcher', 'admin'], params: num, weight: 0.3 },

    'POST /api/billing/quote': { as: null, body: QuoteRequestSchema },
    'GET /api/billing/subscription': { as: ['admin'], weight: 0.3 },
    'GET /api/billing/preview': { as: ['admin'], query: PreviewQuerySchema },
    'POST /api/public/signup': { as: null, body: CreateTenantSchema, weight: 0.3 },
    'GET /api/public/plans': { as: null, weight: 0.2 },
    'GET /api/public/tickets/:trackingToken/report.pdf': { as: null, params: token, weight: 0.3 },
    'GET /api/tickets/:number/report.pdf': { as: STAFF, params: num, weight: 0.3 },
    'GET /api/operator/plans': { as: 'operator', query: PlanStatusQuerySchema, weight: 0.3 },
    'POST /api/operator/plans': { as: 'operator', body: PlanDocumentSchema, weight: 0.5 },
    'POST /api/operator/plans/:id/publish': { as: 'operator', params: id(['1', '2', '3']), weight: 0.3 },
    'POST /api/operator/plans/:id/archive': { as: 'operator', params: id(['4', '5']), weight: 0.3 },
    'GET /api/operator/tenants': { as: 'operator', weight: 0.3 },
    'POST /api/operator/tenants': { as: 'operator', body: CreateTenantSchema, weight: 0.3 },
    'GET /api/operator/tenants/:id/subscription': { as: 'operator', params: id(['1', '2']), weight: 0.3 },
    'PATCH /api/operator/tenants/:id/subscription': {
      as: 'operator',
      params: id(['1', '2']),
      body: z.object({
        seats: SeatCountSchema.optional(),
        coupon: CouponSchema.nullable().optional(),
        cancelAtPeriodEnd: z.boolean().optional(),
      }),
      weight: 0.3,
    },
    'GET /api/operator/tenants/:id/usage': { as: 'operator', params: id(['1', '2']), query: PreviewQuerySchema, weight: 0.3 },
    'GET /api/operator/summary': { as: 'operator', weight: 0.3 },
    'POST /api/billing/change-plan': { as: ['admin'], query: ChangePlanQuerySchema, body: ChangePlanSchema, weight: 0.5 },
    'GET /api/billing/invoices': { as: ['admin'], weight: 0.3 },
    'GET /api/billing/invoices/:id/pdf': {
      as: ['admin'],
      params: id(['1', '2']),
      query: z.object({ lang: z.enum(['zh-CN', 'en']) }),
      weight: 0.3,
    },
    'GET /api/operator/invoices': { as: 'operator', query: z.object({ tenantId: IdSchema.optional() }), weight: 0.3 },
    'POST /api/operator/invoices/finalize': { as: 'operator', weight: 0.2 },
    'POST /api/operator/invoices/:id/pay': { as: 'operator', params: id(['1', '2']), weight: 0.3 },
    'POST /api/operator/invoices/:id/void': { as: 'operator', params: id(['1', '2']), weight: 0.3 },
    'POST /api/operator/invoices/:id/refund': {
      as: 'operator',
      params: id(['1', '2']),
      body: z.object({ amount: z.number().int().positive().optional() }),
      weight: 0.3,
    },
    // Without a token: signing out a fuzz session would turn the rest of the run into 401s.
    'POST /api/auth/logout': { as: null, weight: 0.2 },
    'GET /api/reports/kpis/export': { as: STAFF, query: KpiQuerySchema, weight: 0.3 },

    'GET /api/public/assets/:code/suggestions': {
      as: null,
      params: { code: { schema: AssetCodeSchema, known: k.codes } },
      query: KbSuggestionQuerySchema,
    },
    'GET /api/public/kb/articles/:id': { as: null, params: id(k.articleIds) },
    'POST /api/public/kb/events': { as: null, body: KbEventSchema },
    'GET /api/kb/articles': { as: ['engineer', 'dispatcher', 'admin'], query: KbArticleListQuerySchema },
    'POST /api/kb/articles': { as: STAFF, body: KbArticleInputSchema },
    'POST /api/kb/articles/from-ticket/:number': { as: ['engineer', 'dispatcher', 'admin'], params: num, weight: 0.5 },
    'GET /api/kb/articles/:id': { as: ['engineer', 'dispatcher', 'admin'], params: id(k.articleIds) },
    'PATCH /api/kb/articles/:id': { as: STAFF, params: id(k.articleIds), body: KbArticleUpdateSchema },
    'POST /api/kb/preview': { as: STAFF, body: KbPreviewSchema, weight: 0.5 },
    'GET /api/kb/synonyms': { as: STAFF, weight: 0.3 },
    'PUT /api/kb/synonyms': { as: ['admin', 'dispatcher'], body: KbSynonymsSchema, weight: 0.5 },
    'GET /api/kb/deflection': { as: STAFF, query: KbDeflectionQuerySchema, weight: 0.5 },
    'GET /api/parts': { as: ['engineer', 'dispatcher', 'admin'], query: PartListQuerySchema },
    'POST /api/parts': { as: STAFF, body: PartInputSchema, weight: 0.5 },
    'GET /api/parts/:id': { as: ['engineer', 'dispatcher', 'admin'], params: id(k.partIds), weight: 0.3 },
    'PATCH /api/parts/:id': { as: STAFF, params: id(k.partIds), body: PartUpdateSchema, weight: 0.5 },
    'GET /api/parts/export': { as: ['engineer', 'dispatcher', 'admin'], query: TemplateQuerySchema, weight: 0.3 },
    'POST /api/parts/import': { as: STAFF, query: ImportQuerySchema, body: 'partSheet', weight: 0.5 },
    'GET /api/parts/:id/stock': { as: ['engineer', 'dispatcher', 'admin'], params: id(k.partIds), weight: 0.3 },
    'GET /api/stock/locations': { as: ['engineer', 'dispatcher', 'admin'], weight: 0.3 },
    'GET /api/stock/locations/:id/movements': {
      as: ['engineer', 'dispatcher', 'admin'],
      params: id(k.locationIds),
      query: StockMovementListQuerySchema,
    },
    'GET /api/stock/locations/:id/balances': {
      as: ['engineer', 'dispatcher', 'admin'],
      params: id(k.locationIds),
      query: StockBalanceListQuerySchema,
    },
    'POST /api/stock/movements': { as: STAFF, body: StockMovementInputSchema, weight: 2 },
    'GET /api/stock/low': { as: ['engineer', 'dispatcher', 'admin'], weight: 0.3 },
    'GET /api/contracts': { as: STAFF, query: ContractListQuerySchema, weight: 0.3 },
    'POST /api/contracts': { as: STAFF, body: ContractInputSchema, weight: 0.5 },
    'GET /api/contracts/:id': { as: STAFF, params: id(k.contractIds), weight: 0.6 },
    'PATCH /api/contracts/:id': { as: STAFF, params: id(k.contractIds), body: ContractUpdateSchema, weight: 0.5 },
    'DELETE /api/contracts/:id': { as: STAFF, params: id(k.contractIds), weight: 0.2 },
    'POST /api/engineer/jobs/:number/quote': { as: ['engineer'], params: num, body: QuoteInputSchema, weight: 1.5 },
    'POST /api/tickets/:number/quote': { as: STAFF, params: num, body: QuoteInputSchema },
    'GET /api/quotes': { as: STAFF, query: QuoteListQuerySchema, weight: 0.3 },
    'GET /api/settings/labour': { as: STAFF, weight: 0.3 },
    'PUT /api/settings/labour': { as: ['admin'], body: LabourSettingsSchema, weight: 0.6 },
    'POST /api/public/tickets/:trackingToken/quote/accept': { as: null, params: token, body: QuoteAnswerSchema, weight: 0.8 },
    'POST /api/public/tickets/:trackingToken/quote/reject': { as: null, params: token, body: QuoteAnswerSchema, weight: 0.8 },
  };
}

/** Seeded shuffle, so one seed gives one order of requests. */
function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => (s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface RouteStats {
  sent: number;
  ok: number;
  ms: number;
}

/**
 * Sends the requests one by one (so each refusal's effect on the database is its own) and checks every
 * answer: below 500; on 4xx the contract's error shape with the code's own status, and no write anywhere.
 */
async function drive(baseUrl: string, requests: Array<{ route: string; req: RawRequest }>, writes: () => Promise<WriteCounts>) {
  const client = new RawClient(baseUrl);
  const stats = new Map<string, RouteStats>();
  const problems: string[] = [];
  const byStatus: Record<number, number> = {};
  let sent = 0;
  let current = await writes();
  try {
    for (const { route, req } of requests) {
      const started = Date.now();
      const res = await client.send(req);
      sent += 1;
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      const stat = stats.get(route) ?? { sent: 0, ok: 0, ms: 0 };
      stats.set(route, stat);
      stat.sent += 1;
      const shown = () =>
        `${route}: ${req.method} ${req.path.slice(0, 160)} ${JSON.stringify(String(req.body ?? '').slice(0, 200))} → ${res.status} ${res.body.toString('utf8').slice(0, 160)}`;
      const after = await writes();
      if (res.status >= 500) problems.push(`5xx ${shown()}`);
      else if (res.status >= 400) {
        const error = errorOf(res.json);
        if (!error || ERRORS[error.code].status !== res.status) problems.push(`bad error shape ${shown()}`);
        const changed = changedBetween(current, after);
        if (changed.length > 0) problems.push(`refusal wrote to ${changed.join(', ')}: ${shown()}`);
      } else stat.ok += 1;
      current = after;
      stat.ms += Date.now() - started;
      if (problems.length >= 40) break;
    }
  } finally {
    client.close();
  }
  return { sent, byStatus, stats, problems };
}

describe.each(DRIVERS)('fuzzing every endpoint on %s', (driver) => {
  let sys: TestSystem;
  let standin: TestStandin;
  beforeAll(async () => {
    // WeChat through the local stand-in, so its routes run their real path rather than "not configured".
    standin = await startStandin();
    // API only: no worker writes in the background, so every change in the database is a request's own.
    sys = await startTestSystem(driver, { env: { ROLE: 'api', UPLOAD_MAX_BYTES: '4096', ...standin.env } });
  });
  afterAll(async () => {
    await sys.stop();
    await standin.close();
  });

  it('has a fuzz entry for every route the app serves, and none for a route it no longer serves', () => {
    const noKnown: Known = {
      siteIds: [],
      assetIds: [],
      engineerIds: [],
      removableEngineerIds: [],
      staffIds: [],
      ownStaffIds: [],
      codes: [],
      numbers: [],
      tokens: [],
      uploads: [],
      articleIds: [],
      partIds: [],
      locationIds: [],
      contractIds: [],
    };
    expect(matrixGaps(servedRoutes(sys.deps), Object.keys(entries(noKnown)))).toEqual({ unlisted: [], gone: [] });
  });

  it('answers the uploads the fuzz once turned into 500s (a NUL in a part header, a nameless part) with 400 VALIDATION_FAILED', async () => {
    const client = new RawClient(sys.baseUrl);
    try {
      for (const part of [
        { field: 'file', filename: 'x.png\u0000.exe' },
        { field: '', filename: 'a.png' },
      ]) {
        const { body, contentType } = multipart([{ ...part, type: 'image/png', data: PNG_BYTES }]);
        const res = await client.send({ method: 'POST', path: '/api/public/uploads', headers: { 'content-type': contentType }, body });
        expect([res.status, errorOf(res.json)?.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
    } finally {
      client.close();
    }
  });

  it(`answers ${runsOn(driver)} generated and hostile requests across every endpoint without a 5xx, with the error shape on every 4xx and nothing written by a refusal`, async () => {
    const TOTAL = runsOn(driver);
    const { known, pool, hints, sheet } = await seedFuzzTenants(sys, standin, driver);
    const table = entries(known);
    const routes = servedRoutes(sys.deps).filter((r) => r.key in table);
    const weightOf = (key: string) => table[key].weight ?? 1;
    const totalWeight = routes.reduce((n, r) => n + weightOf(r.key), 0);
    const runsOf = (key: string) => Math.ceil((TOTAL * weightOf(key)) / totalWeight);
    const planned = routes.flatMap((route, i) => {
      const runs = runsOf(route.key);
      const arb = requestArb(route, table[route.key], { hints, auth: pool, sheet });
      return fc.sample(arb, { numRuns: runs, seed: SEED + i }).map((req) => ({ route: route.key, req }));
    });

    const writes = await installWriteCounter(sys.deps.db, sys.deps.config.uploadDir);
    // The counter sees a committed write, and not a write its transaction rolled back (a ticket naming a missing photo).
    const probe = await writes();
    await sys.http.post('/api/sites').set(auth(pool.own.admin)).send({ name: '探针站点' }).expect(201);
    expect(changedBetween(probe, await writes())).toEqual(['sites']);
    const settled = await writes();
    await sys.http
      .post('/api/public/tickets')
      .set('Idempotency-Key', `fuzz-probe-${driver}`)
      .send({ assetCode: known.codes[0], description: '探针', contactPhone: '13800138000', photoIds: ['Nope0000000000000000'] })
      .expect(400);
    expect(changedBetween(settled, await writes())).toEqual([]);
    const { sent, byStatus, stats, problems } = await drive(sys.baseUrl, shuffled(planned, SEED), writes);
    const neverAccepted = routes.filter((r) => !stats.get(r.key)?.ok).map((r) => r.key);
    const fiveHundreds = Object.entries(byStatus)
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0);
    process.stdout.write(
      `fuzz on ${driver}: ${sent} requests over ${routes.length} routes (seed ${SEED}), ${fiveHundreds} answers ≥ 500; ` +
        `by status ${JSON.stringify(byStatus)}; routes never answering 2xx: ${neverAccepted.join(', ') || 'none'}; slowest: ` +
        `${[...stats]
          .sort((x, y) => y[1].ms - x[1].ms)
          .slice(0, 6)
          .map(([k, v]) => `${k} ${v.ms} ms`)
          .join(', ')}\n`,
    );
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(TOTAL);
    expect(routes.filter((r) => stats.get(r.key)?.sent !== runsOf(r.key)).map((r) => r.key)).toEqual([]);
    // The generators must reach the services, not only the validators: in a full run most routes accept some calls.
    // Only where each route gets enough calls to be reached (≈ 50 each): the 2,000-request leg beside MariaDB is a smoke run.
    if (TOTAL >= routes.length * 50) expect(neverAccepted.length).toBeLessThanOrEqual(Math.floor(routes.length / 5));
  }, 300_000);
});
