import Router from '@koa/router';
import {
  AssetCodeSchema,
  IdParamSchema,
  KbArticleInputSchema,
  KbArticleListQuerySchema,
  KbArticleUpdateSchema,
  KbDeflectionQuerySchema,
  KbEventSchema,
  KbPreviewSchema,
  KbSuggestionQuerySchema,
  KbSynonymsSchema,
  TicketNumberSchema,
} from '@baoxiu/shared';
import type Koa from 'koa';
import { z } from 'zod';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { byIp, rateLimit } from '../../middleware/rate-limit';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { moduleGuard } from '../../middleware/module-guard';
import { createArticle, draftFromTicket, getArticle, getSynonyms, listArticles, putSynonyms, updateArticle } from './kb.service';
import { publicArticle, recordEvent, suggestionsFor } from './kb.public';
import { deflectionReport } from './kb.deflection';
import { renderMarkdown } from './kb.render';

/** Staff: articles, synonyms, deflection KPIs. Every route needs the 'kb' module in the tenant's plan. */
export function kbRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/kb' });
  const kb = moduleGuard(deps, 'kb');
  const read = [requireStaff(deps, 'kb:read'), kb];
  const write = [requireStaff(deps, 'kb:write'), kb];
  router.get('/articles', ...read, async (ctx) => {
    ctx.body = await listArticles(deps, ctx.state.actor, parse(KbArticleListQuerySchema, ctx.query));
  });
  router.post('/articles', ...write, async (ctx) => {
    ctx.status = 201;
    ctx.body = { article: await createArticle(deps, ctx.state.actor, parse(KbArticleInputSchema, ctx.request.body)) };
  });
  router.post('/articles/from-ticket/:number', requireStaff(deps, 'kb:draft'), kb, async (ctx) => {
    const { number } = parse(z.object({ number: TicketNumberSchema }), ctx.params);
    ctx.status = 201;
    ctx.body = { article: await draftFromTicket(deps, ctx.state.actor, number) };
  });
  router.get('/articles/:id', ...read, async (ctx) => {
    ctx.body = { article: await getArticle(deps, ctx.state.actor, parse(IdParamSchema, ctx.params).id) };
  });
  router.patch('/articles/:id', ...write, async (ctx) => {
    const { id } = parse(IdParamSchema, ctx.params);
    ctx.body = { article: await updateArticle(deps, ctx.state.actor, id, parse(KbArticleUpdateSchema, ctx.request.body)) };
  });
  router.post('/preview', ...write, async (ctx) => {
    ctx.body = { html: renderMarkdown(parse(KbPreviewSchema, ctx.request.body).body) };
  });
  router.get('/synonyms', ...write, async (ctx) => {
    ctx.body = await getSynonyms(deps, ctx.state.actor.tenantId);
  });
  router.put('/synonyms', ...write, async (ctx) => {
    ctx.body = await putSynonyms(deps, ctx.state.actor.tenantId, parse(KbSynonymsSchema, ctx.request.body));
  });
  router.get('/deflection', requireStaff(deps, 'reports:read'), kb, async (ctx) => {
    ctx.body = await deflectionReport(deps, ctx.state.actor.tenantId, parse(KbDeflectionQuerySchema, ctx.query));
  });
  return router;
}

/** The reporter's device as the event body names it; unparsable bodies are left to validation (and counted per IP). */
function byDevice(ctx: Koa.Context): string | null {
  const body: unknown = ctx.request.body;
  const id = typeof body === 'object' && body !== null ? (body as { deviceId?: unknown }).deviceId : undefined;
  return typeof id === 'string' ? id.slice(0, 64) : null;
}

/** Reporter side, no account: suggestions under the form, the article, and what the device did with them. */
export function publicKbRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/api/public' });
  const limit = deps.config.rateLimits.kbEventsPerDevice;
  const perDevice = rateLimit(deps, { name: 'kb-events-device', limit, windowSeconds: 60, key: byDevice });
  // A script inventing a new device id per request still meets the per-IP rule (five devices' worth).
  const perIp = rateLimit(deps, { name: 'kb-events-ip', limit: limit * 5, windowSeconds: 60, key: byIp });
  const suggestPerIp = rateLimit(deps, {
    name: 'kb-suggest-ip',
    limit: deps.config.rateLimits.kbSuggestionsPerIp,
    windowSeconds: 60,
    key: byIp,
  });
  router.get('/assets/:code/suggestions', suggestPerIp, async (ctx) => {
    const code = parse(AssetCodeSchema, ctx.params.code);
    ctx.body = await suggestionsFor(deps, code, parse(KbSuggestionQuerySchema, ctx.query).q);
  });
  router.get('/kb/articles/:id', async (ctx) => {
    ctx.body = await publicArticle(deps, parse(IdParamSchema, ctx.params).id);
  });
  router.post('/kb/events', perIp, perDevice, async (ctx) => {
    ctx.status = 201;
    ctx.body = await recordEvent(deps, parse(KbEventSchema, ctx.request.body));
  });
  return router;
}
