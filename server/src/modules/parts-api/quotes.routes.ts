import Router from '@koa/router';
import {
  LabourSettingsSchema,
  QuoteAnswerSchema,
  QuoteInputSchema,
  QuoteListQuerySchema,
  TicketNumberSchema,
  TrackingParamSchema,
  type QuoteInput,
  type QuoteQueuePage,
  type QuoteResponse,
} from '@baoxiu/shared';
import { z } from 'zod';
import { AppError, illegalTransition } from '../../lib/errors';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { moduleGuard } from '../../middleware/module-guard';
import { Offer } from '../dispatch/offer.entity';
import { findReporterTicket, findTicketByNumber, recordEvent } from '../tickets/ticket.transitions';
import type { Ticket } from '../tickets/ticket.entity';
import { actorOf, type StaffActor } from '../auth/actor';
import { holdsJob, seesJob } from '../tickets/tickets.policy';
import { answerQuote, createQuote, labourSettingsOf, putLabourSettings } from '../parts/quotes.service';
import type { EntityManager } from 'typeorm';
import { listQuoteQueue } from './quote-queue';
import type { Permission } from '../auth/auth.policy';

/** Quotes are written while the engineer holds the job and has not yet resolved it. */
const QUOTABLE = new Set(['accepted', 'en_route', 'on_site', 'waiting_customer']);

/** The statuses a dispatcher may quote in: the ticket is open and not yet resolved. */
const DISPATCHER_QUOTABLE = new Set(['new', 'offered', 'accepted', 'en_route', 'on_site', 'waiting_customer', 'reopened']);

/**
 * A new quote version and its `quoted` event in one transaction: the event's fan-out tells the reporter in WeChat
 * ("报价待确认", kind quote_pending) after the commit.
 */
export async function sendQuote(
  em: EntityManager,
  ticket: Ticket,
  actor: StaffActor,
  input: QuoteInput,
  now: Date,
): Promise<QuoteResponse> {
  const quote = await createQuote(em, { tenantId: actor.tenantId, ticket, actorId: actor.userId, now }, input);
  await recordEvent(em, ticket, {
    type: 'quoted',
    from: ticket.status,
    to: ticket.status,
    actor: actorOf(actor),
    at: now,
    note: `v${quote.version} ¥${(quote.total / 100).toFixed(2)}`,
  });
  return { quote };
}

/**
 * Who may quote a ticket, and in which states: the permission the route asks for, the error a ticket out of reach
 * is reported as, and the check on the ticket itself (inside the quote's transaction).
 */
interface QuotePolicy {
  prefix: string;
  permission: Permission;
  notFound: 'JOB_NOT_FOUND' | 'TICKET_NOT_FOUND';
  authorize: (em: EntityManager, ticket: Ticket, actor: StaffActor) => Promise<void>;
}

/** `POST <prefix>/:number/quote`: one handler for the engineer's and the dispatcher's quotes, the policy passed in. */
function quoteRoutes(deps: Deps, policy: QuotePolicy): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: policy.prefix });
  router.post('/:number/quote', requireStaff(deps, policy.permission), moduleGuard(deps, 'parts'), async (ctx) => {
    const { number } = parse(z.object({ number: TicketNumberSchema }), ctx.params);
    const input = parse(QuoteInputSchema, ctx.request.body);
    const actor = ctx.state.actor;
    const body: QuoteResponse = await deps.db.transaction(async (em) => {
      const ticket = await findTicketByNumber(em, actor.tenantId, number, policy.notFound);
      await policy.authorize(em, ticket, actor);
      return sendQuote(em, ticket, actor, input, deps.clock.now());
    });
    ctx.status = 201;
    ctx.body = body;
  });
  return router;
}

/** The engineer's quote for a chargeable job they hold (module `parts`). */
export function engineerQuoteRoutes(deps: Deps): Router<StaffState> {
  return quoteRoutes(deps, {
    prefix: '/api/engineer/jobs',
    permission: 'jobs:work',
    notFound: 'JOB_NOT_FOUND',
    authorize: async (em, ticket, actor) => {
      const offer = await em.findOne(Offer, { where: { ticketId: ticket.id, engineerId: actor.userId }, order: { id: 'DESC' } });
      if (!seesJob(ticket, offer, actor.userId)) throw new AppError('JOB_NOT_FOUND', { number: ticket.number });
      if (!holdsJob(ticket, actor.userId) || !QUOTABLE.has(ticket.status)) throw illegalTransition('quote', ticket.status);
    },
  });
}

/** The dispatcher's quote (or a revised version after a rejection) from the console's ticket page: same versioning as the engineer's. */
export function dispatcherQuoteRoutes(deps: Deps): Router<StaffState> {
  return quoteRoutes(deps, {
    prefix: '/api/tickets',
    permission: 'tickets:dispatch',
    notFound: 'TICKET_NOT_FOUND',
    authorize: (_em, ticket) => {
      if (!DISPATCHER_QUOTABLE.has(ticket.status)) throw illegalTransition('quote', ticket.status);
      return Promise.resolve();
    },
  });
}

/** `GET /api/quotes?state=pending`: the quotes awaiting the reporters' answers, for the console's list. */
export function quoteQueueRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/quotes' });
  router.get('/', requireStaff(deps, 'tickets:dispatch'), moduleGuard(deps, 'parts'), async (ctx) => {
    const body: QuoteQueuePage = await listQuoteQueue(deps.db.ds.manager, ctx.state.actor.tenantId, parse(QuoteListQuerySchema, ctx.query));
    ctx.body = body;
  });
  return router;
}

/** The tenant's labour rate, call-out fee and whether chargeable work needs an accepted quote. */
export function labourSettingsRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/settings' });
  router.get('/labour', requireStaff(deps, 'settings:read'), moduleGuard(deps, 'parts'), async (ctx) => {
    ctx.body = { settings: await labourSettingsOf(deps.db.ds.manager, ctx.state.actor.tenantId) };
  });
  router.put('/labour', requireStaff(deps, 'settings:write'), moduleGuard(deps, 'parts'), async (ctx) => {
    const input = parse(LabourSettingsSchema, ctx.request.body);
    const tenantId = ctx.state.actor.tenantId;
    ctx.body = { settings: await deps.db.transaction((em) => putLabourSettings(em, tenantId, input, deps.clock.now())) };
  });
  return router;
}

/** The reporter's answer to the latest quote, on their own tracking link (a follow link is read-only: 403). */
export function publicQuoteRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/public/tickets' });
  for (const [path, answer] of [
    ['accept', 'accepted'],
    ['reject', 'rejected'],
  ] as const) {
    router.post(`/:trackingToken/quote/${path}`, async (ctx) => {
      const { trackingToken } = parse(TrackingParamSchema, ctx.params);
      const { version } = parse(QuoteAnswerSchema, ctx.request.body);
      const body: QuoteResponse = await deps.db.transaction(async (em) => {
        const ticket = await findReporterTicket(em, trackingToken, deps.jwtSecret);
        return { quote: await answerQuote(em, ticket.id, version, answer, deps.clock.now()) };
      });
      ctx.body = body;
    });
  }
  return router;
}
