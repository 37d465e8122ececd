import { z } from 'zod';
import {
  KbArticleInputSchema,
  KbArticleListQuerySchema,
  KbArticlePageSchema,
  KbArticleResponseSchema,
  KbArticleUpdateSchema,
  KbDeflectionQuerySchema,
  KbDeflectionResponseSchema,
  KbEventSchema,
  KbPreviewResponseSchema,
  KbPreviewSchema,
  KbSuggestionQuerySchema,
  KbSuggestionsResponseSchema,
  KbSynonymsResponseSchema,
  KbSynonymsSchema,
  PublicKbArticleResponseSchema,
} from '@baoxiu/shared';
import { created, ok, type Catalog } from './types';

export const KB_CATALOG: Catalog = {
  'GET /api/public/assets/:code/suggestions': {
    summary:
      "Articles that may answer what the reporter is typing, the scanned asset's model and category first (public, published; rate limited)",
    tag: 'kb',
    access: 'public',
    query: KbSuggestionQuerySchema,
    replies: [ok(KbSuggestionsResponseSchema)],
  },
  'GET /api/public/kb/articles/:id': {
    summary: 'A public, published article, rendered safely',
    tag: 'kb',
    access: 'public',
    replies: [ok(PublicKbArticleResponseSchema)],
  },
  'POST /api/public/kb/events': {
    summary:
      'A self-service event of a device: suggestion_shown, article_opened, resolved_click, submitted_anyway, abandoned (rate limited)',
    tag: 'kb',
    access: 'public',
    body: KbEventSchema,
    replies: [created(z.object({ event: z.object({ id: z.number(), type: z.string(), at: z.string() }) }))],
  },
  'GET /api/kb/articles': {
    summary: 'Articles with search, status and visibility filters, paged (plan module `kb`)',
    tag: 'kb',
    access: 'kb:read',
    query: KbArticleListQuerySchema,
    replies: [ok(KbArticlePageSchema)],
  },
  'POST /api/kb/articles': {
    summary: 'Write an article (Markdown; no raw HTML)',
    tag: 'kb',
    access: 'kb:write',
    body: KbArticleInputSchema,
    replies: [created(KbArticleResponseSchema)],
  },
  'POST /api/kb/articles/from-ticket/:number': {
    summary: "Turn a ticket's fix into a draft article",
    tag: 'kb',
    access: 'kb:draft',
    replies: [created(KbArticleResponseSchema)],
  },
  'GET /api/kb/articles/:id': { summary: 'One article', tag: 'kb', access: 'kb:read', replies: [ok(KbArticleResponseSchema)] },
  'PATCH /api/kb/articles/:id': {
    summary: 'Edit, publish or archive an article (409 on a stale version)',
    tag: 'kb',
    access: 'kb:write',
    body: KbArticleUpdateSchema,
    replies: [ok(KbArticleResponseSchema)],
  },
  'POST /api/kb/preview': {
    summary: "The editor's preview: Markdown rendered as the reporter will see it",
    tag: 'kb',
    access: 'kb:write',
    body: KbPreviewSchema,
    replies: [ok(KbPreviewResponseSchema)],
  },
  'GET /api/kb/synonyms': {
    summary: "The tenant's synonym sets (e.g. 卡纸 ≈ 夹纸)",
    tag: 'kb',
    access: 'kb:write',
    replies: [ok(KbSynonymsResponseSchema)],
  },
  'PUT /api/kb/synonyms': {
    summary: 'Replace the synonym sets',
    tag: 'kb',
    access: 'kb:write',
    body: KbSynonymsSchema,
    replies: [ok(KbSynonymsResponseSchema)],
  },
  'GET /api/kb/deflection': {
    summary: 'Confirmed deflection per period, article and category; abandonment apart',
    tag: 'kb',
    access: 'reports:read',
    query: KbDeflectionQuerySchema,
    replies: [ok(KbDeflectionResponseSchema)],
  },
};
