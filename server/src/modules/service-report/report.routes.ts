import Router from '@koa/router';
import { TicketNumberSchema, TrackingParamSchema } from '@baoxiu/shared';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { parse } from '../../lib/validate';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { publicServiceReport, staffServiceReport, type ReportFile } from './report.service';

const send = (
  ctx: { type: string; body: unknown; attachment: (name: string) => void; set: (k: string, v: string) => void },
  file: ReportFile,
) => {
  ctx.type = 'application/pdf';
  ctx.attachment(file.filename);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = file.body;
};

/** The service report (服务报告) as a PDF: for the tenant's staff, and for the reporter from their tracking link. */
export function staffReportRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>();
  router.get('/api/tickets/:number/report.pdf', requireStaff(deps, 'tickets:read'), async (ctx) => {
    const { number } = parse(z.object({ number: TicketNumberSchema }), ctx.params);
    send(ctx, await staffServiceReport(deps, ctx.state.actor.tenantId, number));
  });
  return router;
}

export function publicReportRoutes(deps: Deps): Router {
  const router = new Router();
  router.get('/api/public/tickets/:trackingToken/report.pdf', async (ctx) => {
    const { trackingToken } = parse(TrackingParamSchema, ctx.params);
    send(ctx, await publicServiceReport(deps, trackingToken));
  });
  return router;
}
