import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@baoxiu/shared';
import { ROLE_GRANTS, type Permission } from '../src/modules/auth/auth.policy';
import { Reporter } from '../src/modules/reporters/reporter.entity';
import { signReporterToken } from '../src/modules/reporters/reporter.session';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeTenant, makeUser } from './helpers/factories';
import { errorOf } from './helpers/contract';
import { openSse } from './helpers/sse';
import { matrixGaps, placeholderPath, servedRoutes, type ServedRoute } from './helpers/routes';

/**
 * public: anyone; reporter: a WeChat reporter session (a staff token is no such thing); operator: the
 * OPERATOR_TOKEN bearer secret (no tenant's token, whatever its role); else the permission required.
 */
type Guard = { public: string } | { reporter: string } | { operator: string } | Permission;

const REPORTER = 'reporter endpoint: no account, reached by an unguessable code or token';
const REPORTER_SESSION = 'the reporter signed in with WeChat: their own requests, phone and subscriptions';
const OPERATOR = 'the platform operator (OPERATOR_TOKEN): plans, tenants, subscriptions, usage, revenue';

/**
 * Every route the app serves and what guards it: public, or the permission its `requireStaff` asks
 * for. The roles allowed are ROLE_GRANTS[permission]; every other role must get exactly 403.
 */
const GUARDS: Record<string, Guard> = {
  'GET /healthz': { public: 'liveness probe' },
  'GET /readyz': { public: 'readiness probe' },
  'GET /api/openapi.json': { public: 'the API description' },
  'GET /api/docs': { public: 'the API description as a page' },
  'GET /metrics': { public: 'Prometheus scrape: METRICS_TOKEN bearer, not a staff session (404 when unset)' },
  'POST /api/auth/login': { public: 'sign-in' },
  'GET /api/public/assets/:code': { public: REPORTER },
  'POST /api/public/uploads': { public: REPORTER },
  'GET /api/public/uploads/:id': { public: REPORTER },
  'POST /api/public/tickets': { public: REPORTER },
  'GET /api/public/tickets/:trackingToken': { public: REPORTER },
  'POST /api/public/tickets/:trackingToken/confirm': { public: REPORTER },
  'POST /api/public/tickets/:trackingToken/reopen': { public: REPORTER },
  'POST /api/public/tickets/:trackingToken/rating': { public: REPORTER },
  'POST /api/public/tickets/:trackingToken/urge': { public: REPORTER },
  'POST /api/auth/wechat': { public: 'sign-in with a WeChat login code' },
  'POST /api/auth/wechat/bind': { public: 'binds a WeChat to the staff account named by an invite' },
  'POST /api/dev/wechat/login-code': { public: 'dev sign-in for H5, only while the WeChat stand-in is configured' },
  'POST /api/dev/wechat/phone-code': { public: 'dev sign-in for H5, only while the WeChat stand-in is configured' },
  'GET /api/public/me/tickets': { reporter: REPORTER_SESSION },
  'POST /api/public/me/phone': { reporter: REPORTER_SESSION },
  'GET /api/public/me/subscriptions': { reporter: REPORTER_SESSION },
  'POST /api/public/me/subscriptions': { reporter: REPORTER_SESSION },

  'GET /api/engineer/jobs': 'jobs:work',
  'GET /api/engineer/jobs/:number': 'jobs:work',
  'POST /api/engineer/jobs/:number/accept': 'jobs:work',
  'POST /api/engineer/jobs/:number/decline': 'jobs:work',
  'POST /api/engineer/jobs/:number/travel': 'jobs:work',
  'POST /api/engineer/jobs/:number/arrive': 'jobs:work',
  'POST /api/engineer/jobs/:number/wait-customer': 'jobs:work',
  'POST /api/engineer/jobs/:number/resume': 'jobs:work',
  'POST /api/engineer/jobs/:number/resolve': 'jobs:work',

  'GET /api/tickets': 'tickets:read',
  'GET /api/tickets/stream': 'tickets:read',
  'POST /api/tickets/stream-ticket': 'tickets:read',
  'GET /api/tickets/desk': 'tickets:read',
  'GET /api/tickets/export': 'tickets:read',
  'GET /api/tickets/:number/engineers': 'tickets:dispatch',
  'POST /api/tickets/:number/urgency': 'tickets:dispatch',
  'POST /api/tickets/:number/notes': 'tickets:dispatch',
  'POST /api/tickets/:number/redispatch': 'tickets:dispatch',
  'GET /api/tickets/:number': 'tickets:read',
  'GET /api/tickets/:number/notifications': 'tickets:read',
  'POST /api/tickets/:number/assign': 'tickets:dispatch',
  'POST /api/tickets/:number/cancel': 'tickets:dispatch',

  'GET /api/sites': 'assets:read',
  'GET /api/sites/:id': 'assets:read',
  'POST /api/sites': 'assets:write',
  'PATCH /api/sites/:id': 'assets:write',
  'DELETE /api/sites/:id': 'assets:write',

  'GET /api/assets': 'assets:read',
  'GET /api/assets/:id': 'assets:read',
  'POST /api/assets': 'assets:write',
  'PATCH /api/assets/:id': 'assets:write',
  'DELETE /api/assets/:id': 'assets:write',
  'GET /api/assets/:id/tickets': 'assets:read',
  'GET /api/assets/:id/qr.svg': 'assets:read',
  'GET /api/assets/import/template': 'assets:read',
  'POST /api/assets/import': 'assets:write',
  'GET /api/assets/export': 'assets:read',

  'GET /api/engineers': 'engineers:read',
  'GET /api/engineers/:id': 'engineers:read',
  'POST /api/engineers': 'engineers:write',
  'PATCH /api/engineers/:id': 'engineers:write',
  'DELETE /api/engineers/:id': 'engineers:write',
  'GET /api/engineers/:id/shifts': 'shifts:read',
  'PUT /api/engineers/:id/shifts': 'engineers:write',
  'GET /api/staff/wechat': 'engineers:read',
  'POST /api/staff/:id/wechat-invite': 'staff:invite',
  'DELETE /api/staff/:id/wechat': 'staff:invite',
  'GET /api/staff': 'staff:manage',
  'POST /api/staff': 'staff:manage',
  'PATCH /api/staff/:id': 'staff:manage',
  'POST /api/staff/:id/disable': 'staff:manage',
  'POST /api/staff/:id/enable': 'staff:manage',
  'POST /api/staff/:id/password': 'staff:manage',
  'GET /api/me/wechat': 'wechat:self',
  'POST /api/me/wechat/subscriptions': 'wechat:self',

  'POST /api/labels': 'assets:read',
  'GET /api/settings': 'settings:read',
  'PATCH /api/settings': 'settings:write',
  'GET /api/settings/wechat': 'settings:read',
  'PUT /api/settings/wechat': 'settings:write',
  'GET /api/settings/business-hours': 'settings:read',
  'PUT /api/settings/business-hours': 'settings:write',
  'GET /api/settings/sla': 'settings:read',
  'GET /api/settings/api-keys': 'settings:write',
  'POST /api/settings/api-keys': 'settings:write',
  'POST /api/settings/api-keys/:id/revoke': 'settings:write',
  'PUT /api/settings/sla': 'settings:write',
  'GET /api/sla/at-risk': 'tickets:read',
  'POST /api/pm/plans': 'pm:write',
  'GET /api/pm/plans': 'pm:read',
  'GET /api/pm/plans/:id': 'pm:read',
  'PATCH /api/pm/plans/:id': 'pm:write',
  'GET /api/pm/occurrences': 'pm:read',
  'GET /api/pm/compliance': 'pm:read',
  'GET /api/pm/overdue': 'pm:read',
  'GET /api/pm/visits/:number': 'pm:read',

  'GET /api/reports/kpis': 'reports:read',

  'POST /api/billing/quote': { public: 'price calculator for published plans (an inline plan document needs the operator token)' },
  'POST /api/public/signup': { public: 'self-service signup: a new company on a trial, rate limited' },
  'GET /api/public/plans': { public: "the published plan catalog with each plan's first-period price" },
  'GET /api/public/tickets/:trackingToken/report.pdf': { public: REPORTER },
  'GET /api/tickets/:number/report.pdf': 'tickets:read',
  'GET /api/billing/subscription': 'billing:read',
  'GET /api/billing/preview': 'billing:read',
  'POST /api/billing/change-plan': 'billing:write',
  'GET /api/billing/invoices': 'billing:read',
  'GET /api/billing/invoices/:id/pdf': 'billing:read',
  'GET /api/operator/invoices': { operator: OPERATOR },
  'POST /api/operator/invoices/finalize': { operator: OPERATOR },
  'POST /api/operator/invoices/:id/pay': { operator: OPERATOR },
  'POST /api/operator/invoices/:id/void': { operator: OPERATOR },
  'POST /api/operator/invoices/:id/refund': { operator: OPERATOR },
  'GET /api/operator/plans': { operator: OPERATOR },
  'POST /api/operator/plans': { operator: OPERATOR },
  'POST /api/operator/plans/:id/publish': { operator: OPERATOR },
  'POST /api/operator/plans/:id/archive': { operator: OPERATOR },
  'GET /api/operator/tenants': { operator: OPERATOR },
  'POST /api/operator/tenants': { operator: OPERATOR },
  'GET /api/operator/tenants/:id/subscription': { operator: OPERATOR },
  'PATCH /api/operator/tenants/:id/subscription': { operator: OPERATOR },
  'GET /api/operator/tenants/:id/usage': { operator: OPERATOR },
  'GET /api/operator/summary': { operator: OPERATOR },
  'POST /api/auth/logout': 'session:self',
  'GET /api/reports/kpis/export': 'reports:read',

  'GET /api/public/assets/:code/suggestions': { public: REPORTER },
  'GET /api/public/kb/articles/:id': { public: 'a public, published knowledge-base article (anything else is 404)' },
  'POST /api/public/kb/events': { public: 'what a reporter device did with the suggestions; rate limited per device' },
  'GET /api/kb/articles': 'kb:read',
  'POST /api/kb/articles': 'kb:write',
  'POST /api/kb/articles/from-ticket/:number': 'kb:draft',
  'GET /api/kb/articles/:id': 'kb:read',
  'PATCH /api/kb/articles/:id': 'kb:write',
  'POST /api/kb/preview': 'kb:write',
  'GET /api/kb/synonyms': 'kb:write',
  'PUT /api/kb/synonyms': 'kb:write',
  'GET /api/kb/deflection': 'reports:read',
  'GET /api/parts': 'parts:read',
  'POST /api/parts': 'parts:write',
  'GET /api/parts/:id': 'parts:read',
  'PATCH /api/parts/:id': 'parts:write',
  'GET /api/parts/:id/stock': 'parts:read',
  'GET /api/parts/export': 'parts:read',
  'POST /api/parts/import': 'parts:write',
  'GET /api/stock/locations': 'parts:read',
  'GET /api/stock/locations/:id/movements': 'parts:read',
  'GET /api/stock/locations/:id/balances': 'parts:read',
  'POST /api/stock/movements': 'stock:write',
  'GET /api/stock/low': 'parts:read',
  'GET /api/contracts': 'assets:read',
  'POST /api/contracts': 'assets:write',
  'GET /api/contracts/:id': 'assets:read',
  'PATCH /api/contracts/:id': 'assets:write',
  'DELETE /api/contracts/:id': 'assets:write',
  'POST /api/engineer/jobs/:number/quote': 'jobs:work',
  'POST /api/tickets/:number/quote': 'tickets:dispatch',
  'GET /api/quotes': 'tickets:dispatch',
  'GET /api/settings/labour': 'settings:read',
  'PUT /api/settings/labour': 'settings:write',
  'POST /api/public/tickets/:trackingToken/quote/accept': { public: REPORTER },
  'POST /api/public/tickets/:trackingToken/quote/reject': { public: REPORTER },
};

const isReporterSession = (guard: Guard | undefined) => typeof guard === 'object' && 'reporter' in guard;
const isOperatorOnly = (guard: Guard | undefined) => typeof guard === 'object' && 'operator' in guard;
const allowedRoles = (guard: Guard): readonly Role[] => (typeof guard === 'string' ? ROLE_GRANTS[guard] : 'public' in guard ? ROLES : []);

describe.each(DRIVERS)('roles on %s', (driver) => {
  let sys: TestSystem;
  let routes: ServedRoute[];
  beforeAll(async () => {
    sys = await startTestSystem(driver);
    routes = servedRoutes(sys.deps);
  });
  afterAll(async () => {
    await sys.stop();
  });

  /** The live stream never ends: its answer is the status line, then the connection is dropped. */
  const streamHead = async (token: string | null) => {
    const s = await openSse(sys.baseUrl, '/api/tickets/stream', token ? auth(token) : {});
    if (s.status === 200) {
      s.close();
      return { status: 200, body: {} };
    }
    return { status: s.status, body: JSON.parse(await s.body) as unknown };
  };

  /** An empty JSON body and placeholder ids: the guard runs before validation, so only the role decides 403. */
  const call = async (route: ServedRoute, token: string | null): Promise<{ status: number; body: unknown }> => {
    if (route.key === 'GET /api/tickets/stream') return streamHead(token);
    const req = sys.http[route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](placeholderPath(route));
    if (token) req.set(auth(token));
    return route.method === 'GET' || route.method === 'DELETE' ? req : req.send({});
  };

  it('has a role entry for every route the app serves, and none for a route it no longer serves', () => {
    expect(matrixGaps(routes, Object.keys(GUARDS))).toEqual({ unlisted: [], gone: [] });
  });

  it('lets every role the table allows through and answers every other role with exactly 403 FORBIDDEN', async () => {
    const tenant = await makeTenant(sys.deps);
    const engineer = await makeUser(sys.deps, tenant.id, 'engineer');
    const tokens: Record<Role, string> = { admin: tenant.admin.token, dispatcher: tenant.dispatcher.token, engineer: engineer.token };
    const problems: string[] = [];
    let calls = 0;
    for (const route of routes) {
      const guard = GUARDS[route.key];
      if (guard === undefined) continue;
      for (const role of ROLES) {
        const res = await call(route, tokens[role]);
        calls += 1;
        const error = errorOf(res.body);
        const got = `${res.status} ${error?.code ?? ''}`.trim();
        if (isReporterSession(guard) || isOperatorOnly(guard)) {
          // A staff token is neither a reporter session nor the operator's secret, whatever the role: 401, never an answer.
          if (got !== '401 TOKEN_INVALID') problems.push(`${route.key} as ${role}: expected 401 TOKEN_INVALID, got ${got}`);
        } else if (allowedRoles(guard).includes(role)) {
          if (res.status === 401 || res.status === 403 || res.status >= 500) problems.push(`${route.key} as ${role}: allowed, got ${got}`);
        } else if (got !== '403 FORBIDDEN' || error?.details.permission !== guard) {
          problems.push(`${route.key} as ${role}: expected 403 FORBIDDEN for ${String(guard)}, got ${got}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBe(routes.filter((r) => r.key in GUARDS).length * ROLES.length);
  });

  it('lets a reporter signed in with WeChat through the reporter routes', async () => {
    const now = sys.deps.clock.now();
    const reporter = await sys.deps.db.ds
      .getRepository(Reporter)
      .save({ openid: `o-${randomBytes(8).toString('hex')}`, unionid: null, phone: null, createdAt: now, lastSeenAt: now });
    const token = signReporterToken(sys.deps.jwtSecret, reporter);
    const problems: string[] = [];
    for (const route of routes.filter((r) => isReporterSession(GUARDS[r.key]))) {
      const res = await call(route, token);
      if (res.status === 401 || res.status === 403 || res.status >= 500)
        problems.push(`${route.key}: got ${res.status} ${errorOf(res.body)?.code ?? ''}`);
    }
    expect(problems).toEqual([]);
  });

  it('lets the operator token through every operator route, and no staff or reporter token of any tenant', async () => {
    const problems: string[] = [];
    const operatorRoutes = routes.filter((r) => isOperatorOnly(GUARDS[r.key]));
    expect(operatorRoutes.length).toBeGreaterThanOrEqual(10);
    for (const route of operatorRoutes) {
      const res = await call(route, sys.deps.operatorToken);
      if (res.status === 401 || res.status === 403 || res.status >= 500)
        problems.push(`${route.key}: got ${res.status} ${errorOf(res.body)?.code ?? ''}`);
    }
    expect(problems).toEqual([]);
    expect(routes.filter((r) => r.path.startsWith('/api/operator')).every((r) => isOperatorOnly(GUARDS[r.key]))).toBe(true);
  });

  it('answers every staff and reporter route called without a token with 401, and lets public routes answer without one', async () => {
    const problems: string[] = [];
    for (const route of routes) {
      const guard = GUARDS[route.key];
      if (guard === undefined) continue;
      const res = await call(route, null);
      const got = `${res.status} ${errorOf(res.body)?.code ?? ''}`.trim();
      if (typeof guard === 'object' && 'public' in guard) {
        if (res.status === 401 || res.status === 403 || res.status >= 500) problems.push(`${route.key} (public): got ${got}`);
      } else if (got !== '401 UNAUTHENTICATED') {
        problems.push(`${route.key}: expected 401 UNAUTHENTICATED, got ${got}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('grants each permission only to roles that exist, and guards a route with every permission it grants', () => {
    const used = new Set(Object.values(GUARDS).filter((g): g is Permission => typeof g === 'string'));
    for (const roles of Object.values(ROLE_GRANTS)) for (const role of roles) expect(ROLES).toContain(role);
    expect(Object.keys(ROLE_GRANTS).filter((p) => !used.has(p as Permission))).toEqual([]);
  });
});
