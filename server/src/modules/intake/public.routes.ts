import Router from '@koa/router';
import { CreateTicketSchema, RatingSchema, ReopenSchema, TrackingParamSchema } from '@baoxiu/shared';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { byAssetCode, byIp, rateLimit } from '../../middleware/rate-limit';
import { optionalReporter } from '../reporters/reporter.session';
import { createTicket } from './intake.service';
import { confirmFix, rateTicket, reopenTicket, trackTicket, urgeTicket } from './tracking.service';

const IdempotencyKeySchema = z
  .string()
  .trim()
  .min(8)
  .max(100)
  .regex(/^[\w.:-]+$/);

export function publicTicketRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/public/tickets' });
  const { ticketsPerIp, ticketsPerAsset } = deps.config.rateLimits;
  const perIp = rateLimit(deps, { name: 'tickets-ip', limit: ticketsPerIp, windowSeconds: 60, key: byIp });
  // Only stored tickets count per asset: invalid requests with a sticker's code must not block its repairs.
  const perAsset = rateLimit(deps, {
    name: 'tickets-asset',
    limit: ticketsPerAsset,
    windowSeconds: 3600,
    key: byAssetCode,
    countSuccessOnly: true,
  });
  router.post('/', perIp, perAsset, async (ctx) => {
    const header = ctx.get('idempotency-key') || ctx.get('x-request-id');
    if (!header) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
    const key = parse(IdempotencyKeySchema, header);
    const input = parse(CreateTicketSchema, ctx.request.body);
    const reporter = await optionalReporter(deps, ctx);
    ctx.status = 201;
    ctx.body = await createTicket(deps, input, key, reporter?.openid ?? null);
  });
  router.get('/:trackingToken', async (ctx) => {
    ctx.body = await trackTicket(deps, parse(TrackingParamSchema, ctx.params).trackingToken);
  });
  router.post('/:trackingToken/confirm', async (ctx) => {
    ctx.body = await confirmFix(deps, parse(TrackingParamSchema, ctx.params).trackingToken);
  });
  router.post('/:trackingToken/reopen', async (ctx) => {
    const { trackingToken } = parse(TrackingParamSchema, ctx.params);
    ctx.body = await reopenTicket(deps, trackingToken, parse(ReopenSchema, ctx.request.body));
  });
  router.post('/:trackingToken/urge', async (ctx) => {
    ctx.body = await urgeTicket(deps, parse(TrackingParamSchema, ctx.params).trackingToken);
  });
  router.post('/:trackingToken/rating', async (ctx) => {
    const { trackingToken } = parse(TrackingParamSchema, ctx.params);
    ctx.body = await rateTicket(deps, trackingToken, parse(RatingSchema, ctx.request.body));
  });
  return router;
}
