import { z } from 'zod';
import {
  CreateTenantSchema, CreateTicketResponseSchema, CreateTicketSchema, DevCodeResponseSchema, DevLoginCodeSchema, DevPhoneCodeSchema,
  LoginResponseSchema, LoginSchema, MyTicketPageSchema, OkResponseSchema, PaginationQuerySchema, PhoneCodeSchema, PhoneResponseSchema,
  PublicAssetResponseSchema, PublicPlanListSchema, QuoteRequestSchema, QuoteSchema, RatingSchema, ReopenSchema, ReporterSubscriptionQuerySchema,
  SubscriptionResultsSchema, SubscriptionStatusSchema, TrackedTicketResponseSchema, UploadResponseSchema, WechatBindSchema, WechatSignInSchema,
  WechatStaffSessionResponseSchema,
} from '@baoxiu/shared';
import { created, file, noContent, ok, type Catalog } from './types';

const IDEMPOTENCY = { name: 'Idempotency-Key', required: true, description: 'One key per repair the reporter means to file: a retry with the same key and body answers the same ticket' };

export const PUBLIC_CATALOG: Catalog = {
  'GET /healthz': { summary: 'Liveness: the process answers', tag: 'ops', access: 'public', replies: [ok(z.object({ status: z.literal('ok') }))] },
  'GET /readyz': {
    summary: 'Readiness: database, queue and cache reachable', tag: 'ops', access: 'public',
    replies: [ok(z.object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.unknown()) })), { status: 503, description: 'Not ready (same body)' }],
  },
  'GET /api/openapi.json': { summary: 'This document (OpenAPI 3.1)', tag: 'ops', access: 'public', replies: [{ status: 200, description: 'The OpenAPI document', media: 'application/json' }] },
  'GET /api/docs': { summary: 'This document as a page to read', tag: 'ops', access: 'public', replies: [file('text/html', 'The reference')] },
  'GET /metrics': { summary: 'Prometheus metrics (METRICS_TOKEN bearer; 404 when unset)', tag: 'ops', access: 'metrics', replies: [file('text/plain', 'Prometheus text exposition')] },

  'POST /api/auth/login': { summary: 'Staff sign-in with tenant, username and password', tag: 'auth', access: 'public', body: LoginSchema, replies: [ok(LoginResponseSchema)] },
  'POST /api/auth/logout': { summary: 'Sign out: every token of the caller stops working', tag: 'auth', access: 'session:self', replies: [noContent] },
  'POST /api/auth/wechat': { summary: 'Sign in with a WeChat login code (staff bound to WeChat, or a reporter session)', tag: 'auth', access: 'public', body: WechatSignInSchema, replies: [ok(WechatStaffSessionResponseSchema)] },
  'POST /api/auth/wechat/bind': { summary: 'Bind WeChat to a staff account with a single-use invite', tag: 'auth', access: 'public', body: WechatBindSchema, replies: [ok(WechatStaffSessionResponseSchema)] },
  'POST /api/dev/wechat/login-code': { summary: 'Development only: a login code from the local WeChat stand-in (H5)', tag: 'auth', access: 'public', body: DevLoginCodeSchema, replies: [ok(DevCodeResponseSchema)] },
  'POST /api/dev/wechat/phone-code': { summary: 'Development only: a phone code from the local WeChat stand-in (H5)', tag: 'auth', access: 'public', body: DevPhoneCodeSchema, replies: [ok(DevCodeResponseSchema)] },

  'GET /api/public/assets/:code': { summary: 'The scanned asset: name, site, open repair, what the reporter may do', tag: 'reporter', access: 'public', replies: [ok(PublicAssetResponseSchema)] },
  'POST /api/public/uploads': { summary: 'Upload a photo (JPEG, PNG or WebP, re-encoded; rate limited per IP)', tag: 'reporter', access: 'public', file: 'file', replies: [created(UploadResponseSchema)] },
  'GET /api/public/uploads/:id': { summary: 'A photo', tag: 'reporter', access: 'public', replies: [file(['image/jpeg', 'image/png', 'image/webp'], 'The image')] },
  'POST /api/public/tickets': {
    summary: 'File a repair for a scanned asset (no account)', tag: 'reporter', access: 'public', body: CreateTicketSchema, headers: [IDEMPOTENCY],
    replies: [created(CreateTicketResponseSchema), ok(CreateTicketResponseSchema, 'The same request again (same Idempotency-Key and body): the ticket it made')],
  },
  'GET /api/public/tickets/:trackingToken': { summary: 'Track a repair by its tracking token', tag: 'reporter', access: 'public', replies: [ok(TrackedTicketResponseSchema)] },
  'POST /api/public/tickets/:trackingToken/confirm': { summary: 'Confirm the repair is done (closes it)', tag: 'reporter', access: 'public', replies: [ok(TrackedTicketResponseSchema)] },
  'POST /api/public/tickets/:trackingToken/reopen': { summary: 'Not fixed: reopen with a reason', tag: 'reporter', access: 'public', body: ReopenSchema, replies: [ok(TrackedTicketResponseSchema)] },
  'POST /api/public/tickets/:trackingToken/rating': { summary: 'Rate the repair (1–5 stars and a comment)', tag: 'reporter', access: 'public', body: RatingSchema, replies: [ok(TrackedTicketResponseSchema)] },
  'GET /api/public/tickets/:trackingToken/report.pdf': {
    summary: "The service report of the reporter's repair (a follow link: 403)", tag: 'reporter', access: 'public', replies: [file('application/pdf', 'The report')],
  },
  'POST /api/public/tickets/:trackingToken/urge': {
    summary: 'Urge (催单): at most once per 30 minutes', tag: 'reporter', access: 'public',
    replies: [ok(TrackedTicketResponseSchema), { status: 429, description: 'Too soon: Retry-After says when (URGE_TOO_SOON)' }],
  },

  'GET /api/public/me/tickets': { summary: "The signed-in reporter's requests on every device", tag: 'reporter-session', access: 'reporter', query: PaginationQuerySchema, replies: [ok(MyTicketPageSchema)] },
  'POST /api/public/me/phone': { summary: "Save the reporter's phone from WeChat's phone code", tag: 'reporter-session', access: 'reporter', body: PhoneCodeSchema, replies: [ok(PhoneResponseSchema)] },
  'GET /api/public/me/subscriptions': { summary: "The reporter's WeChat message credits for an asset's tenant", tag: 'reporter-session', access: 'reporter', query: ReporterSubscriptionQuerySchema, replies: [ok(SubscriptionStatusSchema)] },
  'POST /api/public/me/subscriptions': { summary: 'Record the answers of a WeChat subscription prompt', tag: 'reporter-session', access: 'reporter', body: SubscriptionResultsSchema, replies: [ok(OkResponseSchema)] },

  'GET /api/public/plans': { summary: 'The published plans with their first-period prices', tag: 'billing', access: 'public', replies: [ok(PublicPlanListSchema)] },
  'POST /api/public/signup': { summary: 'Sign a new company up: tenant, admin and a trial of the plan (rate limited)', tag: 'billing', access: 'public', body: CreateTenantSchema, replies: [{ status: 201, description: 'The tenant, its admin and its subscription' }] },
  'POST /api/billing/quote': {
    summary: 'Price calculator for a published plan (an inline plan document needs the operator token)', tag: 'billing', access: 'public', body: QuoteRequestSchema,
    replies: [ok(z.object({ quote: QuoteSchema }))],
  },
};
