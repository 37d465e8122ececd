import { randomBytes } from 'node:crypto';
import { encodeListCursor, type AssetView, type ErrorCode, type Role } from '@baoxiu/shared';
import { buildRouters } from '../src/app';
import { Tenant } from '../src/modules/tenants/tenant.entity';
import { DRIVERS, startTestSystem, type TestSystem } from './helpers/system';
import { auth, makeTenant, makeUser } from './helpers/factories';
import { errorOf, fileTicket, snapshotTenant, waitForOffer } from './helpers/contract';
import { openSse } from './helpers/sse';

/** Tenant A's ids (the targets) and tenant B's own ids (for bodies that must name B's rows). */
interface Ids {
  a: {
    siteId: number;
    assetId: number;
    assetCode: string;
    engineerId: number;
    offered: string;
    accepted: string;
    apiKeyId: number;
    articleId: number;
    planId: number;
    partId: number;
    partSku: string;
    locationId: number;
    contractId: number;
  };
  b: { siteId: number; engineerId: number };
}

type NotFoundCode = Extract<ErrorCode, `${string}_NOT_FOUND`>;

/**
 * What a caller of another tenant must see: a specific *_NOT_FOUND, a list without any of A's rows,
 * or ('own') an answer about the caller's own tenant, which cannot touch A at all.
 */
type Outcome = NotFoundCode | 'list' | 'own';

type Entry =
  | { public: string }
  | {
      role: Role;
      path: (ids: Ids) => string | string[];
      body?: (ids: Ids) => object;
      /** A multipart file instead of a JSON body (imports). */
      file?: (ids: Ids) => { name: string; content: string };
      expect: Outcome;
    };

const PUBLIC_REPORTER = 'reporter endpoint: no staff token, reached by an unguessable code or token';

/** Every route the app serves. A route missing here (or listed here but gone) fails the matrix. */
const MATRIX: Record<string, Entry> = {
  'GET /healthz': { public: 'liveness probe' },
  'GET /readyz': { public: 'readiness probe' },
  'GET /api/openapi.json': { public: 'the API description: no tenant data' },
  'GET /api/docs': { public: 'the API description as a page: no tenant data' },
  'GET /metrics': { public: 'Prometheus scrape: process-wide, no tenant data' },
  'POST /api/auth/login': { public: 'sign-in; the tenant is named in the body' },
  'GET /api/public/assets/:code': { public: PUBLIC_REPORTER },
  'POST /api/public/uploads': { public: PUBLIC_REPORTER },
  'GET /api/public/uploads/:id': { public: PUBLIC_REPORTER },
  'POST /api/public/tickets': { public: PUBLIC_REPORTER },
  'GET /api/public/tickets/:trackingToken': { public: PUBLIC_REPORTER },
  'POST /api/public/tickets/:trackingToken/confirm': { public: PUBLIC_REPORTER },
  'POST /api/public/tickets/:trackingToken/reopen': { public: PUBLIC_REPORTER },
  'POST /api/public/tickets/:trackingToken/rating': { public: PUBLIC_REPORTER },
  'POST /api/public/tickets/:trackingToken/urge': { public: PUBLIC_REPORTER },

  'GET /api/engineer/jobs': {
    role: 'engineer',
    expect: 'list',
    path: () => ['offered', 'active', 'done'].map((s) => `/api/engineer/jobs?status=${s}`),
  },
  'GET /api/engineer/jobs/:number': { role: 'engineer', path: ({ a }) => `/api/engineer/jobs/${a.offered}`, expect: 'JOB_NOT_FOUND' },
  'POST /api/engineer/jobs/:number/accept': {
    role: 'engineer',
    path: ({ a }) => `/api/engineer/jobs/${a.offered}/accept`,
    expect: 'JOB_NOT_FOUND',
  },
  'POST /api/engineer/jobs/:number/decline': {
    role: 'engineer',
    path: ({ a }) => `/api/engineer/jobs/${a.offered}/decline`,
    body: () => ({ reason: '太远' }),
    expect: 'JOB_NOT_FOUND',
  },
  'POST /api/engineer/jobs/:number/travel': {
    role: 'engineer',
    path: ({ a }) => `/api/engineer/jobs/${a.accepted}/travel`,
    expect: 'JOB_NOT_FOUND',
  },
  'POST /api/engineer/jobs/:number/arrive': {
    role: 'engineer',
    path: ({ a }) => `/api/engineer/jobs/${a.accepted}/arrive`,
    expect: 'JOB_NOT_FOUND',
  },
  'POST /api/engineer/jobs/:number/wait-customer': {
    role: 'engineer',
    path: ({ a }) => `/api/engineer/jobs/${a.accepted}/wait-customer`,
    expect: 'JOB_NOT_FOUND',
  },
  'POST /api/engineer/jobs/:number/resume': {
    role: 'engineer',
    path: ({ a }) => `/api/engineer/jobs/${a.accepted}/resume`,
    expect: 'JOB_NOT_FOUND',
  },
  'POST /api/engineer/jobs/:number/resolve': {
    role: 'engineer',
    path: ({ a }) => `/api/engineer/jobs/${a.accepted}/resolve`,
    body: () => ({ notes: '已修好' }),
    expect: 'JOB_NOT_FOUND',
  },

  'GET /api/tickets': {
    role: 'dispatcher',
    expect: 'list',
    // A cursor only names a position: with one past every ticket of A, B still sees its own list only.
    path: () => [
      '/api/tickets',
      '/api/tickets?pageSize=100&status=offered,accepted',
      `/api/tickets?cursor=${encodeListCursor({ createdAt: new Date('2099-12-31T00:00:00Z'), id: 2_147_483_647 })}`,
    ],
  },
  // B's stream carries B's changes only (proved change by change in desk-stream.test.ts); here: it opens, on B's own.
  'GET /api/tickets/stream': { role: 'dispatcher', path: () => '/api/tickets/stream', expect: 'own' },
  'POST /api/tickets/stream-ticket': { role: 'dispatcher', path: () => '/api/tickets/stream-ticket', expect: 'own' },
  'GET /api/tickets/desk': {
    role: 'dispatcher',
    expect: 'list',
    path: () => [
      '/api/tickets/desk',
      '/api/tickets/desk?group=in_progress',
      '/api/tickets/desk?group=offered&q=TA',
      '/api/tickets/desk?group=closed&cursor=h4102444800000.2147483647',
    ],
  },
  'GET /api/tickets/export': {
    role: 'dispatcher',
    path: () => ['/api/tickets/export?format=csv', '/api/tickets/export?format=csv&q=TA'],
    expect: 'own',
  },
  'GET /api/tickets/:number/engineers': {
    role: 'dispatcher',
    path: ({ a }) => `/api/tickets/${a.offered}/engineers`,
    expect: 'TICKET_NOT_FOUND',
  },
  'POST /api/tickets/:number/urgency': {
    role: 'dispatcher',
    path: ({ a }) => `/api/tickets/${a.accepted}/urgency`,
    body: () => ({ urgency: 'low' }),
    expect: 'TICKET_NOT_FOUND',
  },
  'POST /api/tickets/:number/notes': {
    role: 'admin',
    path: ({ a }) => `/api/tickets/${a.accepted}/notes`,
    body: () => ({ text: '备注' }),
    expect: 'TICKET_NOT_FOUND',
  },
  'POST /api/tickets/:number/redispatch': {
    role: 'dispatcher',
    path: ({ a }) => `/api/tickets/${a.offered}/redispatch`,
    body: () => ({}),
    expect: 'TICKET_NOT_FOUND',
  },
  'GET /api/tickets/:number': { role: 'dispatcher', path: ({ a }) => `/api/tickets/${a.accepted}`, expect: 'TICKET_NOT_FOUND' },
  'POST /api/tickets/:number/assign': {
    role: 'dispatcher',
    path: ({ a }) => `/api/tickets/${a.offered}/assign`,
    body: ({ b }) => ({ engineerId: b.engineerId }),
    expect: 'TICKET_NOT_FOUND',
  },
  'POST /api/tickets/:number/cancel': {
    role: 'admin',
    path: ({ a }) => `/api/tickets/${a.accepted}/cancel`,
    body: () => ({ reason: '重复报修' }),
    expect: 'TICKET_NOT_FOUND',
  },

  'GET /api/sites': { role: 'dispatcher', path: () => '/api/sites', expect: 'list' },
  'GET /api/sites/:id': { role: 'dispatcher', path: ({ a }) => `/api/sites/${a.siteId}`, expect: 'SITE_NOT_FOUND' },
  'POST /api/sites': { role: 'admin', path: () => '/api/sites', body: () => ({ name: 'B 的新站点' }), expect: 'own' },
  'PATCH /api/sites/:id': {
    role: 'dispatcher',
    path: ({ a }) => `/api/sites/${a.siteId}`,
    body: () => ({ name: '改名' }),
    expect: 'SITE_NOT_FOUND',
  },
  'DELETE /api/sites/:id': { role: 'admin', path: ({ a }) => `/api/sites/${a.siteId}`, expect: 'SITE_NOT_FOUND' },

  'GET /api/assets': { role: 'dispatcher', path: ({ a }) => ['/api/assets', `/api/assets?q=${a.assetCode}`], expect: 'list' },
  'GET /api/assets/:id': { role: 'dispatcher', path: ({ a }) => `/api/assets/${a.assetId}`, expect: 'ASSET_NOT_FOUND' },
  'POST /api/assets': {
    role: 'admin',
    path: () => '/api/assets',
    body: ({ a }) => ({ siteId: a.siteId, name: '放进别人站点' }),
    expect: 'SITE_NOT_FOUND',
  },
  'PATCH /api/assets/:id': {
    role: 'admin',
    path: ({ a }) => `/api/assets/${a.assetId}`,
    body: ({ b }) => ({ siteId: b.siteId, name: '搬走' }),
    expect: 'ASSET_NOT_FOUND',
  },
  'DELETE /api/assets/:id': { role: 'dispatcher', path: ({ a }) => `/api/assets/${a.assetId}`, expect: 'ASSET_NOT_FOUND' },

  'GET /api/engineers': { role: 'dispatcher', path: () => '/api/engineers', expect: 'list' },
  'GET /api/engineers/:id': { role: 'dispatcher', path: ({ a }) => `/api/engineers/${a.engineerId}`, expect: 'ENGINEER_NOT_FOUND' },
  'POST /api/engineers': {
    role: 'admin',
    path: () => '/api/engineers',
    body: ({ a }) => ({ username: 'b-eng', name: 'B 工程师', password: 'secret-pass', siteIds: [a.siteId] }),
    expect: 'SITE_NOT_FOUND',
  },
  'PATCH /api/engineers/:id': {
    role: 'admin',
    path: ({ a }) => `/api/engineers/${a.engineerId}`,
    body: () => ({ onDuty: false, password: 'hijacked' }),
    expect: 'ENGINEER_NOT_FOUND',
  },
  'GET /api/engineers/:id/shifts': {
    role: 'dispatcher',
    path: ({ a }) => `/api/engineers/${a.engineerId}/shifts`,
    expect: 'ENGINEER_NOT_FOUND',
  },
  'PUT /api/engineers/:id/shifts': {
    role: 'admin',
    path: ({ a }) => `/api/engineers/${a.engineerId}/shifts`,
    body: () => ({ week: null, dutyOverride: 'off' }),
    expect: 'ENGINEER_NOT_FOUND',
  },
  'DELETE /api/engineers/:id': { role: 'admin', path: ({ a }) => `/api/engineers/${a.engineerId}`, expect: 'ENGINEER_NOT_FOUND' },

  'GET /api/assets/import/template': { role: 'dispatcher', path: () => '/api/assets/import/template?format=csv', expect: 'own' },
  'POST /api/assets/import': {
    role: 'admin',
    path: () => '/api/assets/import?mode=preview',
    expect: 'own',
    // Naming A's site by id must read as an unknown site of B's, never reach A.
    file: ({ a }) => ({ name: 'assets.csv', content: `name,site,serial\nB 的设备,${a.siteId},SN-B-1\n` }),
  },
  'GET /api/assets/export': {
    role: 'dispatcher',
    path: () => ['/api/assets/export?format=csv', '/api/assets/export?format=xlsx'],
    expect: 'own',
  },
  'GET /api/assets/:id/tickets': { role: 'dispatcher', path: ({ a }) => `/api/assets/${a.assetId}/tickets`, expect: 'ASSET_NOT_FOUND' },
  'GET /api/assets/:id/qr.svg': { role: 'dispatcher', path: ({ a }) => `/api/assets/${a.assetId}/qr.svg`, expect: 'ASSET_NOT_FOUND' },
  'POST /api/labels': {
    role: 'dispatcher',
    path: () => '/api/labels',
    body: ({ a }) => ({ layout: 'a4-3x8', assetCodes: [a.assetCode] }),
    expect: 'ASSET_NOT_FOUND',
  },
  'GET /api/settings': { role: 'dispatcher', path: () => '/api/settings', expect: 'own' },
  'PATCH /api/settings': {
    role: 'admin',
    path: () => '/api/settings',
    body: () => ({ offerTimeoutSeconds: 999, timezone: 'UTC' }),
    expect: 'own',
  },

  // WeChat: sign-in and reporter sessions are keyed by openid, not by tenant; staff endpoints are tenant-scoped.
  'POST /api/auth/wechat': { public: 'sign-in with WeChat; the openid names the person, their binding the tenant' },
  'POST /api/auth/wechat/bind': { public: 'binding by a single-use invite token, which names the tenant' },
  'POST /api/dev/wechat/login-code': { public: 'dev sign-in for H5 against the local WeChat stand-in only' },
  'POST /api/dev/wechat/phone-code': { public: 'dev phone code for H5 against the local WeChat stand-in only' },
  'GET /api/public/me/tickets': { public: "reporter session by WeChat openid: the reporter's own requests" },
  'POST /api/public/me/phone': { public: 'reporter session by WeChat openid' },
  'GET /api/public/me/subscriptions': { public: "reporter session by WeChat openid; template ids of an asset's tenant" },
  'POST /api/public/me/subscriptions': { public: 'reporter session by WeChat openid' },
  'GET /api/staff/wechat': { role: 'dispatcher', path: () => '/api/staff/wechat', expect: 'list' },
  'POST /api/staff/:id/wechat-invite': {
    role: 'admin',
    path: ({ a }) => `/api/staff/${a.engineerId}/wechat-invite`,
    body: () => ({}),
    expect: 'STAFF_NOT_FOUND',
  },
  'DELETE /api/staff/:id/wechat': { role: 'admin', path: ({ a }) => `/api/staff/${a.engineerId}/wechat`, expect: 'STAFF_NOT_FOUND' },
  'GET /api/staff': { role: 'admin', path: () => '/api/staff', expect: 'list' },
  // B may reuse A's usernames: the new account is B's own, A's engineer is untouched.
  'POST /api/staff': {
    role: 'admin',
    path: () => '/api/staff',
    body: ({ a }) => ({ role: 'engineer', username: 'b-staff', name: 'B 工程师', password: 'secret-pass', siteIds: [a.siteId] }),
    expect: 'SITE_NOT_FOUND',
  },
  'PATCH /api/staff/:id': {
    role: 'admin',
    path: ({ a }) => `/api/staff/${a.engineerId}`,
    body: () => ({ role: 'admin', onDuty: false }),
    expect: 'STAFF_NOT_FOUND',
  },
  'POST /api/staff/:id/disable': { role: 'admin', path: ({ a }) => `/api/staff/${a.engineerId}/disable`, expect: 'STAFF_NOT_FOUND' },
  'POST /api/staff/:id/enable': { role: 'admin', path: ({ a }) => `/api/staff/${a.engineerId}/enable`, expect: 'STAFF_NOT_FOUND' },
  'POST /api/staff/:id/password': {
    role: 'admin',
    path: ({ a }) => `/api/staff/${a.engineerId}/password`,
    body: () => ({ password: 'hijacked' }),
    expect: 'STAFF_NOT_FOUND',
  },
  'GET /api/me/wechat': { role: 'engineer', path: () => '/api/me/wechat', expect: 'own' },
  'POST /api/me/wechat/subscriptions': {
    role: 'engineer',
    path: () => '/api/me/wechat/subscriptions',
    body: () => ({ results: { 'tmpl-b-job-offered': 'accept' } }),
    expect: 'own',
  },
  'GET /api/settings/wechat': { role: 'dispatcher', path: () => '/api/settings/wechat', expect: 'own' },
  'PUT /api/settings/wechat': { role: 'admin', path: () => '/api/settings/wechat', body: () => ({ templates: [] }), expect: 'own' },
  // A site of A's named by B reads as a site B does not have; without siteId, B's own calendar.
  'GET /api/settings/business-hours': {
    role: 'dispatcher',
    path: ({ a }) => `/api/settings/business-hours?siteId=${a.siteId}`,
    expect: 'SITE_NOT_FOUND',
  },
  'PUT /api/settings/business-hours': {
    role: 'admin',
    path: ({ a }) => `/api/settings/business-hours?siteId=${a.siteId}`,
    expect: 'SITE_NOT_FOUND',
    body: () => ({ timezone: 'UTC', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: 'none' }),
  },
  'GET /api/settings/sla': { role: 'dispatcher', path: () => '/api/settings/sla', expect: 'own' },
  'GET /api/settings/api-keys': { role: 'admin', path: () => '/api/settings/api-keys', expect: 'list' },
  'POST /api/settings/api-keys': { role: 'admin', path: () => '/api/settings/api-keys', body: () => ({ name: 'B 的集成' }), expect: 'own' },
  'POST /api/settings/api-keys/:id/revoke': {
    role: 'admin',
    path: ({ a }) => `/api/settings/api-keys/${a.apiKeyId}/revoke`,
    expect: 'API_KEY_NOT_FOUND',
  },
  'PUT /api/settings/sla': {
    role: 'admin',
    path: () => '/api/settings/sla',
    expect: 'SITE_NOT_FOUND',
    body: ({ a }) => ({ targets: [{ urgency: 'high', siteId: a.siteId, responseMinutes: 30, resolutionMinutes: 240 }] }),
  },
  'GET /api/sla/at-risk': { role: 'dispatcher', path: () => ['/api/sla/at-risk', '/api/sla/at-risk?withinMinutes=1440'], expect: 'list' },
  'POST /api/pm/plans': {
    role: 'admin',
    path: () => '/api/pm/plans',
    expect: 'ASSET_NOT_FOUND',
    body: ({ a }) => ({
      name: 'B 计划',
      target: { assetIds: [a.assetId] },
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      startsOn: '2026-01-05',
      basedOn: 'schedule',
      leadDays: 3,
      holidayPolicy: 'ignore',
      checklist: [],
    }),
  },
  'GET /api/pm/plans': { role: 'engineer', path: () => '/api/pm/plans', expect: 'list' },
  'GET /api/pm/plans/:id': { role: 'engineer', path: ({ a }) => `/api/pm/plans/${a.planId}`, expect: 'PM_PLAN_NOT_FOUND' },
  'PATCH /api/pm/plans/:id': {
    role: 'dispatcher',
    path: ({ a }) => `/api/pm/plans/${a.planId}`,
    body: () => ({ name: '改名', active: false }),
    expect: 'PM_PLAN_NOT_FOUND',
  },
  // A's plan covers A's asset: B's calendar and compliance hold B's own plans only.
  'GET /api/pm/occurrences': {
    role: 'dispatcher',
    expect: 'list',
    path: () => {
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      return `/api/pm/occurrences?from=${day(-7)}&to=${day(60)}`;
    },
  },
  // A's repair ticket number: not a visit of B's (nor one B can see).
  'GET /api/pm/visits/:number': { role: 'engineer', path: ({ a }) => `/api/pm/visits/${a.accepted}`, expect: 'TICKET_NOT_FOUND' },
  // A's plan and site named as filters: B's overdue list holds B's own visits only.
  'GET /api/pm/overdue': {
    role: 'dispatcher',
    path: ({ a }) => ['/api/pm/overdue', `/api/pm/overdue?planId=${a.planId}&siteId=${a.siteId}`],
    expect: 'list',
  },
  'GET /api/pm/compliance': {
    role: 'admin',
    expect: 'own',
    path: () => {
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      return `/api/pm/compliance?from=${day(-30)}&to=${day(1)}`;
    },
  },
  // Figures of the caller's own tenant: A's tickets (filed today) never count, whatever A's ids B names.
  'GET /api/reports/kpis': {
    role: 'dispatcher',
    expect: 'own',
    path: ({ a }) => {
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      const period = `/api/reports/kpis?from=${day(-30)}&to=${day(1)}`;
      return [
        `${period}&groupBy=site`,
        `${period}&siteId=${a.siteId}&groupBy=engineer`,
        `${period}&engineerId=${a.engineerId}&groupBy=day`,
      ];
    },
  },
  'GET /api/reports/kpis/export': {
    role: 'dispatcher',
    expect: 'own',
    path: ({ a }) => {
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      return [
        `/api/reports/kpis/export?from=${day(-30)}&to=${day(1)}`,
        `/api/reports/kpis/export?from=${day(-30)}&to=${day(1)}&siteId=${a.siteId}`,
      ];
    },
  },
  'GET /api/tickets/:number/notifications': {
    role: 'dispatcher',
    path: ({ a }) => `/api/tickets/${a.accepted}/notifications`,
    expect: 'TICKET_NOT_FOUND',
  },

  'POST /api/billing/quote': { public: 'price calculator: published plan codes only, no tenant data' },
  'POST /api/public/signup': { public: 'creates a new tenant; touches no existing one' },
  'GET /api/public/plans': { public: "the operator's published catalog, the same for every tenant: no tenant data" },
  'GET /api/public/tickets/:trackingToken/report.pdf': { public: PUBLIC_REPORTER },
  'GET /api/tickets/:number/report.pdf': {
    role: 'dispatcher',
    path: ({ a }) => `/api/tickets/${a.accepted}/report.pdf`,
    expect: 'TICKET_NOT_FOUND',
  },
  // The caller's own subscription only: B has none, so both say so, and neither can name A.
  'GET /api/billing/subscription': { role: 'admin', path: () => '/api/billing/subscription', expect: 'SUBSCRIPTION_NOT_FOUND' },
  'GET /api/billing/preview': {
    role: 'admin',
    path: () => ['/api/billing/preview', '/api/billing/preview?at=2026-01-01'],
    expect: 'SUBSCRIPTION_NOT_FOUND',
  },
  'POST /api/billing/change-plan': {
    role: 'admin',
    path: () => ['/api/billing/change-plan?preview=true', '/api/billing/change-plan'],
    body: () => ({ plan: 'pro-month', seats: 9 }),
    expect: 'SUBSCRIPTION_NOT_FOUND',
  },
  'GET /api/billing/invoices': { role: 'admin', path: () => '/api/billing/invoices', expect: 'list' },
  'GET /api/billing/invoices/:id/pdf': { role: 'admin', path: () => '/api/billing/invoices/1/pdf', expect: 'INVOICE_NOT_FOUND' },
  ...Object.fromEntries(
    [
      'GET /api/operator/plans',
      'POST /api/operator/plans',
      'POST /api/operator/plans/:id/publish',
      'POST /api/operator/plans/:id/archive',
      'GET /api/operator/tenants',
      'POST /api/operator/tenants',
      'GET /api/operator/tenants/:id/subscription',
      'PATCH /api/operator/tenants/:id/subscription',
      'GET /api/operator/tenants/:id/usage',
      'GET /api/operator/summary',
      'GET /api/operator/invoices',
      'POST /api/operator/invoices/finalize',
      'POST /api/operator/invoices/:id/pay',
      'POST /api/operator/invoices/:id/void',
      'POST /api/operator/invoices/:id/refund',
    ].map((k) => [k, { public: 'operator only (OPERATOR_TOKEN, across tenants by design); no tenant token reaches it (role matrix)' }]),
  ),
  'GET /api/public/assets/:code/suggestions': { public: PUBLIC_REPORTER },
  'GET /api/public/kb/articles/:id': { public: 'a public, published article by id: what any reporter may read' },
  'POST /api/public/kb/events': { public: PUBLIC_REPORTER },
  'GET /api/kb/articles': {
    role: 'engineer',
    expect: 'list',
    path: () => ['/api/kb/articles', '/api/kb/articles?q=卡纸', '/api/kb/articles?q=卡纸&model=KFR-35&category=空调&status=published'],
  },
  'POST /api/kb/articles': {
    role: 'admin',
    path: () => '/api/kb/articles',
    body: () => ({ title: 'B 的文章', body: '卡纸' }),
    expect: 'own',
  },
  'POST /api/kb/articles/from-ticket/:number': {
    role: 'dispatcher',
    path: ({ a }) => `/api/kb/articles/from-ticket/${a.accepted}`,
    expect: 'TICKET_NOT_FOUND',
  },
  'GET /api/kb/articles/:id': { role: 'dispatcher', path: ({ a }) => `/api/kb/articles/${a.articleId}`, expect: 'KB_ARTICLE_NOT_FOUND' },
  'PATCH /api/kb/articles/:id': {
    role: 'admin',
    path: ({ a }) => `/api/kb/articles/${a.articleId}`,
    body: () => ({ title: '改掉', status: 'archived' }),
    expect: 'KB_ARTICLE_NOT_FOUND',
  },
  'POST /api/kb/preview': { role: 'admin', path: () => '/api/kb/preview', body: () => ({ body: '**卡纸**' }), expect: 'own' },
  'GET /api/kb/synonyms': { role: 'dispatcher', path: () => '/api/kb/synonyms', expect: 'own' },
  'PUT /api/kb/synonyms': { role: 'admin', path: () => '/api/kb/synonyms', body: () => ({ groups: [['卡纸', '夹纸']] }), expect: 'own' },
  'GET /api/kb/deflection': {
    role: 'dispatcher',
    expect: 'own',
    path: () => {
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      return `/api/kb/deflection?from=${day(-30)}&to=${day(1)}`;
    },
  },
  'GET /api/parts': {
    role: 'dispatcher',
    path: ({ a }) => ['/api/parts', `/api/parts?q=${a.partSku}`, `/api/parts?cursor=p0`],
    expect: 'list',
  },
  // B may use A's SKU: the part is B's own, A's is untouched.
  'POST /api/parts': {
    role: 'admin',
    path: () => '/api/parts',
    body: ({ a }) => ({ sku: a.partSku, name: 'B 的配件', unit: '个', cost: 1, price: 2, minStock: 0 }),
    expect: 'own',
  },
  'GET /api/parts/export': {
    role: 'dispatcher',
    path: () => ['/api/parts/export?format=csv', '/api/parts/export?format=xlsx'],
    expect: 'own',
  },
  // A's SKU in B's sheet is a new part of B's: A's part is untouched.
  'POST /api/parts/import': {
    role: 'admin',
    path: () => ['/api/parts/import?mode=preview', '/api/parts/import?mode=commit'],
    expect: 'own',
    file: ({ a }) => ({ name: 'parts.csv', content: `sku,name,unit,cost,price,minStock\n${a.partSku},B 的配件,个,1.00,2.50,0\n` }),
  },
  'GET /api/parts/:id': { role: 'dispatcher', path: ({ a }) => `/api/parts/${a.partId}`, expect: 'PART_NOT_FOUND' },
  'PATCH /api/parts/:id': {
    role: 'admin',
    path: ({ a }) => `/api/parts/${a.partId}`,
    body: () => ({ price: 1, minStock: 99 }),
    expect: 'PART_NOT_FOUND',
  },
  'GET /api/parts/:id/stock': { role: 'engineer', path: ({ a }) => `/api/parts/${a.partId}/stock`, expect: 'PART_NOT_FOUND' },
  'GET /api/stock/locations': { role: 'dispatcher', path: () => '/api/stock/locations', expect: 'list' },
  'GET /api/stock/locations/:id/movements': {
    role: 'dispatcher',
    path: ({ a }) => [
      `/api/stock/locations/${a.locationId}/movements`,
      `/api/stock/locations/${a.locationId}/movements?partId=${a.partId}`,
    ],
    expect: 'LOCATION_NOT_FOUND',
  },
  'GET /api/stock/locations/:id/balances': {
    role: 'dispatcher',
    path: ({ a }) => [`/api/stock/locations/${a.locationId}/balances`, `/api/stock/locations/${a.locationId}/balances?q=${a.partSku}`],
    expect: 'LOCATION_NOT_FOUND',
  },
  'POST /api/stock/movements': {
    role: 'dispatcher',
    path: () => '/api/stock/movements',
    body: ({ a }) => ({ partId: a.partId, locationId: a.locationId, kind: 'adjust', quantity: -1 }),
    expect: 'PART_NOT_FOUND',
  },
  'GET /api/stock/low': { role: 'dispatcher', path: () => '/api/stock/low', expect: 'list' },
  'GET /api/contracts': {
    role: 'dispatcher',
    expect: 'list',
    path: ({ a }) => ['/api/contracts', `/api/contracts?assetId=${a.assetId}`, `/api/contracts?siteId=${a.siteId}&active=true`],
  },
  'POST /api/contracts': {
    role: 'admin',
    path: () => '/api/contracts',
    expect: 'ASSET_NOT_FOUND',
    body: ({ a }) => ({ number: 'B-1', assetId: a.assetId, coverage: 'both', startsOn: '2026-01-01', endsOn: '2099-12-31' }),
  },
  'GET /api/contracts/:id': { role: 'dispatcher', path: ({ a }) => `/api/contracts/${a.contractId}`, expect: 'CONTRACT_NOT_FOUND' },
  'PATCH /api/contracts/:id': {
    role: 'admin',
    path: ({ a }) => `/api/contracts/${a.contractId}`,
    body: ({ b }) => ({ siteId: b.siteId }),
    expect: 'CONTRACT_NOT_FOUND',
  },
  'DELETE /api/contracts/:id': { role: 'admin', path: ({ a }) => `/api/contracts/${a.contractId}`, expect: 'CONTRACT_NOT_FOUND' },
  'POST /api/engineer/jobs/:number/quote': {
    role: 'engineer',
    path: ({ a }) => `/api/engineer/jobs/${a.accepted}/quote`,
    body: () => ({ labourMinutes: 30, lines: [] }),
    expect: 'JOB_NOT_FOUND',
  },
  'POST /api/tickets/:number/quote': {
    role: 'dispatcher',
    path: ({ a }) => `/api/tickets/${a.accepted}/quote`,
    body: () => ({ labourMinutes: 30, lines: [] }),
    expect: 'TICKET_NOT_FOUND',
  },
  'GET /api/quotes': {
    role: 'dispatcher',
    path: () => ['/api/quotes', '/api/quotes?state=pending', '/api/quotes?state=accepted'],
    expect: 'list',
  },
  'GET /api/settings/labour': { role: 'dispatcher', path: () => '/api/settings/labour', expect: 'own' },
  'PUT /api/settings/labour': {
    role: 'admin',
    path: () => '/api/settings/labour',
    body: () => ({ labourRatePerHour: 12_000, calloutFee: 5_000, quoteRequired: true }),
    expect: 'own',
  },
  'POST /api/public/tickets/:trackingToken/quote/accept': { public: PUBLIC_REPORTER },
  'POST /api/public/tickets/:trackingToken/quote/reject': { public: PUBLIC_REPORTER },
  // Last: it ends the caller's own tokens (B's engineer), and names nothing of A's.
  'POST /api/auth/logout': { role: 'engineer', path: () => '/api/auth/logout', expect: 'own' },
};

function servedRoutes(sys: TestSystem): string[] {
  return buildRouters(sys.deps).flatMap((router) =>
    router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path)}`)),
  );
}

describe.each(DRIVERS)('tenant isolation on %s', (driver) => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem(driver);
  });
  afterAll(async () => {
    await sys.stop();
  });

  it('has a matrix entry for every route the app serves, and none for a route it no longer serves', () => {
    const served = servedRoutes(sys);
    expect(new Set(served).size).toBe(served.length);
    expect({ unlisted: served.filter((k) => !(k in MATRIX)), gone: Object.keys(MATRIX).filter((k) => !served.includes(k)) }).toEqual({
      unlisted: [],
      gone: [],
    });
  });

  it("answers 404 to every staff endpoint called with another tenant's token, and changes nothing", async () => {
    const { deps, http } = sys;
    const marker = `TA${randomBytes(4).toString('hex')}`;

    // Tenant A: named sites, an asset, an engineer, one ticket accepted and one still offered.
    const a = await makeTenant(deps, { dispatchMode: 'auto', offerTimeoutSeconds: 600 });
    for (const [i, siteId] of a.siteIds.entries()) {
      await http
        .patch(`/api/sites/${siteId}`)
        .set(auth(a.admin.token))
        .send({ name: `${marker} 站点 ${i}` })
        .expect(200);
    }
    const created = await http
      .post('/api/assets')
      .set(auth(a.dispatcher.token))
      .send({ siteId: a.siteIds[0], name: `${marker} 空调`, category: '空调' })
      .expect(201);
    const asset = (created.body as { asset: AssetView }).asset;
    const engineer = await makeUser(deps, a.id, 'engineer', { name: `${marker} 工程师`, skills: ['空调'] });
    const kbArticle = await http
      .post('/api/kb/articles')
      .set(auth(a.dispatcher.token))
      .send({ title: `${marker} 卡纸`, body: `${marker} 卡纸 处理`, categories: ['空调'], status: 'published', visibility: 'internal' })
      .expect(201);
    const report = (n: number) => ({ assetCode: asset.code, description: `${marker} 故障 ${n}`, contactPhone: '13800138000' });
    const first = await fileTicket(http, `matrix-${marker}-1`, report(1));
    await waitForOffer(http, engineer.token, first.number);
    await http.post(`/api/engineer/jobs/${first.number}/accept`).set(auth(engineer.token)).expect(200);
    const second = await fileTicket(http, `matrix-${marker}-2`, report(2));
    await waitForOffer(http, engineer.token, second.number);
    const plan = await http
      .post('/api/pm/plans')
      .set(auth(a.admin.token))
      .send({
        name: `${marker} 保养`,
        target: { assetIds: [asset.id] },
        rrule: 'FREQ=DAILY',
        startsOn: '2026-01-01',
        basedOn: 'schedule',
        leadDays: 0,
        holidayPolicy: 'ignore',
        checklist: [{ label: `${marker} 检查`, kind: 'check', required: true }],
      })
      .expect(201);

    const apiKeyId = (
      (
        await http
          .post('/api/settings/api-keys')
          .set(auth(a.admin.token))
          .send({ name: `${marker} 集成` })
          .expect(201)
      ).body as { apiKey: { id: number } }
    ).apiKey.id;

    // A's part (its name carries the marker), stocked in A's first store, and low (at its minimum) so A's low list is not empty.
    const part = (
      await http
        .post('/api/parts')
        .set(auth(a.admin.token))
        .send({ sku: 'CAP-MATRIX', name: `${marker} 电容`, unit: '个', cost: 100, price: 300, minStock: 5 })
        .expect(201)
    ).body.part as { id: number; sku: string };
    const aLocations = (await http.get('/api/stock/locations').set(auth(a.dispatcher.token)).expect(200)).body.items as Array<{
      id: number;
      kind: string;
    }>;
    const aStore = aLocations.find((l) => l.kind === 'store') as { id: number };
    await http
      .post('/api/stock/movements')
      .set(auth(a.dispatcher.token))
      .send({ partId: part.id, locationId: aStore.id, kind: 'receive', quantity: 3 })
      .expect(201);

    const contract = (
      await http
        .post('/api/contracts')
        .set(auth(a.admin.token))
        .send({ number: `${marker}-C`, assetId: asset.id, coverage: 'both', startsOn: '2026-01-01', endsOn: '2099-12-31' })
        .expect(201)
    ).body.contract as { id: number };

    // Tenant B: no tickets of its own, so A's ticket numbers name nothing in B.
    const b = await makeTenant(deps, { dispatchMode: 'manual', offerTimeoutSeconds: 120 });
    const bEngineer = await makeUser(deps, b.id, 'engineer');
    const tokens: Record<Role, string> = { admin: b.admin.token, dispatcher: b.dispatcher.token, engineer: bEngineer.token };
    const ids: Ids = {
      a: {
        siteId: a.siteIds[0],
        assetId: asset.id,
        assetCode: asset.code,
        engineerId: engineer.id,
        offered: second.number,
        accepted: first.number,
        apiKeyId,
        articleId: (kbArticle.body as { article: { id: number } }).article.id,
        planId: (plan.body as { plan: { id: number } }).plan.id,
        partId: part.id,
        partSku: part.sku,
        locationId: aStore.id,
        contractId: contract.id,
      },
      b: { siteId: b.siteIds[0], engineerId: bEngineer.id },
    };

    const before = await snapshotTenant(deps, a.id);
    expect(before.tickets.map((t) => t.status)).toEqual(['accepted', 'offered']);
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(MATRIX)) {
      if ('public' in entry) continue;
      const method = key.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
      const paths = entry.path(ids);
      for (const url of Array.isArray(paths) ? paths : [paths]) {
        if (key === 'GET /api/tickets/stream') {
          const s = await openSse(sys.baseUrl, url, auth(tokens[entry.role]));
          s.close();
          if (s.status !== 200) problems.push(`${key}: expected 200 on B's own stream, got ${s.status}`);
          continue;
        }
        const req = http[method](url).set(auth(tokens[entry.role]));
        const body = entry.body?.(ids);
        const file = entry.file?.(ids);
        const res = file ? await req.attach('file', Buffer.from(file.content), file.name) : body ? await req.send(body) : await req;
        // Echoing what the caller itself sent (e.g. which of its codes were not found) is not a leak.
        const sent = `${url} ${JSON.stringify(body ?? {})} ${file?.content ?? ''}`;
        const text = JSON.stringify(res.body) + (res.text ?? '');
        const shown = text.slice(0, 300);
        const error = errorOf(res.body);
        const got = `${res.status} ${error?.code ?? ''}`.trim();
        if (text.includes(marker) || (text.includes(asset.code) && !sent.includes(asset.code)))
          problems.push(`${key} (${url}) leaks tenant A's data: ${shown}`);
        if (entry.expect === 'list') {
          const items = (res.body as { items?: unknown }).items;
          if (res.status !== 200 || !Array.isArray(items)) problems.push(`${key} (${url}): expected a 200 list, got ${got}`);
        } else if (entry.expect === 'own') {
          if (res.status < 200 || res.status > 299) problems.push(`${key} (${url}): expected 2xx on B's own data, got ${got}`);
        } else if (got !== `404 ${entry.expect}`) {
          problems.push(`${key} (${url}): expected 404 ${entry.expect} in the error shape, got ${got} ${shown}`);
        }
      }
    }
    expect(problems).toEqual([]);

    expect(await snapshotTenant(deps, a.id)).toEqual(before);
    // B's own write endpoints did act on B, and only on B.
    expect(await deps.db.ds.getRepository(Tenant).findOneByOrFail({ id: b.id })).toMatchObject({ offerTimeoutSeconds: 999 });
  });
});
