import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@baoxiu/shared';
import { ROLE_GRANTS, type Permission } from '../src/modules/auth/auth.policy';
import { Reporter } from '../src/modules/reporters/reporter.entity';
import { signReporterToken } from '../src/modules/reporters/reporter.session';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeTenant, makeUser } from './helpers/factories';
import { errorOf } from './helpers/contract';
import { matrixGaps, placeholderPath, servedRoutes, type ServedRoute } from './helpers/routes';

/** public: anyone; reporter: a WeChat reporter session (a staff token is no such thing); else the permission required. */
type Guard = { public: string } | { reporter: string } | Permission;

const REPORTER = 'reporter endpoint: no account, reached by an unguessable code or token';
const REPORTER_SESSION = 'the reporter signed in with WeChat: their own requests, phone and subscriptions';

/**
 * Every route the app serves and what guards it: public, or the permission its `requireStaff` asks
 * for. The roles allowed are ROLE_GRANTS[permission]; every other role must get exactly 403.
 */
const GUARDS: Record<string, Guard> = {
  'GET /healthz': { public: 'liveness probe' },
  'GET /readyz': { public: 'readiness probe' },
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
  'POST /api/engineer/jobs/:number/resolve': 'jobs:work',

  'GET /api/tickets': 'tickets:read',
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
  'GET /api/staff/wechat': 'engineers:read',
  'POST /api/staff/:id/wechat-invite': 'staff:invite',
  'DELETE /api/staff/:id/wechat': 'staff:invite',
  'GET /api/me/wechat': 'wechat:self',
  'POST /api/me/wechat/subscriptions': 'wechat:self',

  'POST /api/labels': 'assets:read',
  'GET /api/settings': 'settings:read',
  'PATCH /api/settings': 'settings:write',
  'GET /api/settings/wechat': 'settings:read',
  'PUT /api/settings/wechat': 'settings:write',

  'GET /api/reports/kpis': 'reports:read',
};

const isReporterSession = (guard: Guard | undefined) => typeof guard === 'object' && 'reporter' in guard;
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

  /** An empty JSON body and placeholder ids: the guard runs before validation, so only the role decides 403. */
  const call = (route: ServedRoute, token: string | null) => {
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
        if (isReporterSession(guard)) {
          // A staff token is not a reporter session, whatever the role: 401, never an answer.
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
    const reporter = await sys.deps.db.ds.getRepository(Reporter)
      .save({ openid: `o-${randomBytes(8).toString('hex')}`, unionid: null, phone: null, createdAt: now, lastSeenAt: now });
    const token = signReporterToken(sys.deps.jwtSecret, reporter);
    const problems: string[] = [];
    for (const route of routes.filter((r) => isReporterSession(GUARDS[r.key]))) {
      const res = await call(route, token);
      if (res.status === 401 || res.status === 403 || res.status >= 500) problems.push(`${route.key}: got ${res.status} ${errorOf(res.body)?.code ?? ''}`);
    }
    expect(problems).toEqual([]);
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
