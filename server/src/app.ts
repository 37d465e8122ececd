import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Deps } from './deps';
import { errorHandler } from './middleware/errors';
import { requestLog } from './middleware/request-log';
import { requestGuards } from './middleware/request-guards';
import { corsAllowList, securityHeaders } from './middleware/security-headers';
import { serveH5 } from './web/h5';
import { lookupPublicAssetJson } from './modules/intake/scan.service';
import { publicAssetRoutes } from './modules/intake/scan.routes';
import { authRoutes, sessionRoutes } from './modules/auth/auth.routes';
import { assetRoutes, siteRoutes } from './modules/assets/assets.routes';
import { assetConsoleRoutes } from './modules/assets/assets.console.routes';
import { engineerRoutes } from './modules/engineers/engineers.routes';
import { staffRoutes } from './modules/engineers/staff.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { uploadRoutes } from './modules/uploads/uploads.routes';
import { publicTicketRoutes } from './modules/intake/public.routes';
import { engineerJobRoutes } from './modules/work/work.routes';
import { dispatcherTicketRoutes } from './modules/desk/dispatcher.routes';
import { deskStreamRoutes } from './modules/desk/desk.stream';
import { deskRoutes } from './modules/desk/desk.routes';
import { labelRoutes } from './modules/labels/labels.routes';
import { staffWechatRoutes, wechatAuthRoutes } from './modules/signin/wechat-auth.routes';
import { devWechatRoutes } from './modules/auth/wechat-dev.routes';
import { reporterRoutes } from './modules/reporters/reporters.routes';
import { notificationRoutes } from './modules/notifications/notifications.routes';
import { reportRoutes } from './modules/reports/reports.routes';
import { httpMetrics, metricsRoutes } from './metrics/metrics.http';
import { slaSettingsRoutes } from './modules/sla/sla.routes';
import { slaDeskRoutes } from './modules/desk/at-risk.routes';
import { assetTicketRoutes } from './modules/desk/asset-tickets.routes';
import { billingRoutes } from './modules/billing/billing.routes';
import { operatorRoutes } from './modules/billing/operator.routes';
import { signupRoutes } from './modules/billing/signup.routes';
import { apiKeyRoutes } from './modules/auth/api-keys.routes';
import { openApiRoutes } from './openapi/openapi.routes';
import { publicReportRoutes, staffReportRoutes } from './modules/service-report/report.routes';
import { kbRoutes, publicKbRoutes } from './modules/kb/kb.routes';
import { pmRoutes } from './modules/pm/pm.routes';
import { partRoutes, stockRoutes } from './modules/parts-api/parts.routes';
import { contractRoutes } from './modules/parts-api/contracts.routes';
import {
  dispatcherQuoteRoutes,
  engineerQuoteRoutes,
  labourSettingsRoutes,
  publicQuoteRoutes,
  quoteQueueRoutes,
} from './modules/parts-api/quotes.routes';

function opsRoutes(deps: Deps): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const [database, queue, cache] = await Promise.all([deps.db.ping(), deps.queue.ping(), deps.kv.ping()]);
    const ready = database && queue && cache;
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready', checks: { database, queue, cache } };
  });
  return router;
}

/** Every router the app serves; the tenant and role matrices enumerate this list. */
export function buildRouters(deps: Deps): Router[] {
  return [
    opsRoutes(deps),
    metricsRoutes(deps),
    openApiRoutes(),
    authRoutes(deps),
    publicKbRoutes(deps),
    publicAssetRoutes(deps),
    uploadRoutes(deps),
    publicReportRoutes(deps),
    publicTicketRoutes(deps),
    engineerJobRoutes(deps) as unknown as Router,
    // Before dispatcherTicketRoutes: its '/:number' must not see '/stream' (nor the desk's other fixed paths).
    deskStreamRoutes(deps) as unknown as Router,
    deskRoutes(deps) as unknown as Router,
    staffReportRoutes(deps) as unknown as Router,
    dispatcherTicketRoutes(deps) as unknown as Router,
    siteRoutes(deps) as unknown as Router,
    // Before assetRoutes: its PATCH/DELETE '/:id' must not see '/import' or '/export'.
    assetTicketRoutes(deps) as unknown as Router,
    assetConsoleRoutes(deps) as unknown as Router,
    assetRoutes(deps) as unknown as Router,
    engineerRoutes(deps) as unknown as Router,
    apiKeyRoutes(deps) as unknown as Router,
    settingsRoutes(deps) as unknown as Router,
    labelRoutes(deps) as unknown as Router,
    wechatAuthRoutes(deps),
    devWechatRoutes(deps),
    reporterRoutes(deps) as unknown as Router,
    staffWechatRoutes(deps) as unknown as Router,
    staffRoutes(deps) as unknown as Router,
    notificationRoutes(deps) as unknown as Router,
    reportRoutes(deps) as unknown as Router,
    slaSettingsRoutes(deps) as unknown as Router,
    slaDeskRoutes(deps) as unknown as Router,
    pmRoutes(deps) as unknown as Router,
    billingRoutes(deps) as unknown as Router,
    kbRoutes(deps) as unknown as Router,
    operatorRoutes(deps),
    signupRoutes(deps),
    partRoutes(deps) as unknown as Router,
    stockRoutes(deps) as unknown as Router,
    contractRoutes(deps) as unknown as Router,
    engineerQuoteRoutes(deps) as unknown as Router,
    dispatcherQuoteRoutes(deps) as unknown as Router,
    quoteQueueRoutes(deps) as unknown as Router,
    labourSettingsRoutes(deps) as unknown as Router,
    publicQuoteRoutes(deps),
    // Last: signing out ends the caller's tokens, so the matrices reach it after every other route.
    sessionRoutes(deps) as unknown as Router,
  ];
}

/** Builds the Koa app without listening, so tests drive it in-process. */
export function createApp(deps: Deps): Koa {
  const app = new Koa({ proxy: deps.config.trustProxy });
  // Errors Koa sees outside the middleware chain (a streamed body failing after the status went out) go to the
  // service's log, not to console.error; a client that hung up mid-response is routine, logged at debug.
  app.on('error', (err: unknown, ctx?: Koa.Context) => {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
    const message = err instanceof Error ? err.message : String(err);
    const gone = code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || message === 'Premature close';
    const fields = { err: message, code: code || undefined, path: ctx?.path };
    if (gone) deps.log.debug(fields, 'client closed the connection mid-response');
    else deps.log.error(fields, 'response failed after it started');
  });
  app.use(httpMetrics(deps.metrics));
  app.use(requestLog(deps.log));
  app.use(securityHeaders());
  app.use(errorHandler(deps.log));
  app.use(requestGuards());
  app.use(corsAllowList(deps.config.corsOrigins));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }));
  for (const router of buildRouters(deps)) app.use(router.routes()).use(router.allowedMethods());
  // A printed QR's /r/<code> arrives with the device named and its scan answer embedded (web/h5.ts).
  app.use(serveH5(deps.config.h5Dir, (code) => lookupPublicAssetJson(deps, code).catch(() => null)));
  return app;
}
