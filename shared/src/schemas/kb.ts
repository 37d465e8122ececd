import { z } from 'zod';
import { text } from './text';
import { AssetCodeSchema, DateOnlySchema, IdSchema, PaginationQuerySchema } from './common';

export const KB_STATUSES = ['draft', 'published', 'archived'] as const;
export const KbStatusSchema = z.enum(KB_STATUSES);
export type KbStatus = z.infer<typeof KbStatusSchema>;
export const KB_VISIBILITIES = ['public', 'internal'] as const;
export const KbVisibilitySchema = z.enum(KB_VISIBILITIES);
export type KbVisibility = z.infer<typeof KbVisibilitySchema>;

/** Longest article body: characters, and UTF-8 bytes (a MariaDB TEXT column holds 65,535). */
export const KB_BODY_MAX = 20_000;
export const KB_BODY_MAX_BYTES = 60_000;

/** UTF-8 length without TextEncoder (older mini-program engines lack it). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}
const bodyText = () =>
  text()
    .max(KB_BODY_MAX)
    .refine((s) => utf8Length(s) <= KB_BODY_MAX_BYTES, `at most ${KB_BODY_MAX_BYTES} bytes`);

const word = (max: number) => text().trim().min(1).max(max);
const list = (max: number) => z.array(word(max)).max(20);

/** `POST /api/kb/articles`: Markdown body (rendered with raw HTML escaped); scope lists match asset model/category. */
export const KbArticleInputSchema = z.object({
  title: word(200),
  body: bodyText().default(''),
  categories: list(50).default([]),
  models: list(100).default([]),
  tags: list(30).default([]),
  status: KbStatusSchema.default('draft'),
  visibility: KbVisibilitySchema.default('internal'),
});
export type KbArticleInput = z.infer<typeof KbArticleInputSchema>;

/** `PATCH /api/kb/articles/:id`: any field; `version` (optional) refuses a stale edit with 409 CONFLICT. */
export const KbArticleUpdateSchema = z.object({
  title: word(200).optional(),
  body: bodyText().optional(),
  categories: list(50).optional(),
  models: list(100).optional(),
  tags: list(30).optional(),
  status: KbStatusSchema.optional(),
  visibility: KbVisibilitySchema.optional(),
  version: z.number().int().positive().optional(),
});
export type KbArticleUpdate = z.infer<typeof KbArticleUpdateSchema>;

/** `GET /api/kb/articles`: search text, filters, a numbered page (newest first without `q`, best match first with it). */
export const KbArticleListQuerySchema = PaginationQuerySchema.extend({
  q: text().trim().max(200).optional(),
  status: KbStatusSchema.optional(),
  visibility: KbVisibilitySchema.optional(),
  /** Scope the search to an asset model first (an engineer on a job), like the public suggestions. */
  model: text().trim().min(1).max(100).optional(),
  category: text().trim().min(1).max(50).optional(),
});
export type KbArticleListQuery = z.infer<typeof KbArticleListQuerySchema>;

export const KbArticleViewSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  /** The body rendered to safe HTML (raw HTML escaped, unsafe links refused). */
  html: z.string(),
  categories: z.array(z.string()),
  models: z.array(z.string()),
  tags: z.array(z.string()),
  status: KbStatusSchema,
  visibility: KbVisibilitySchema,
  authorId: z.number().int().nullable(),
  sourceTicket: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KbArticleView = z.infer<typeof KbArticleViewSchema>;
export const KbArticleResponseSchema = z.object({ article: KbArticleViewSchema });
export type KbArticleResponse = z.infer<typeof KbArticleResponseSchema>;

export const KbArticleSummarySchema = KbArticleViewSchema.omit({ body: true, html: true }).extend({ excerpt: z.string() });
export type KbArticleSummary = z.infer<typeof KbArticleSummarySchema>;
export const KbArticlePageSchema = z.object({
  items: z.array(KbArticleSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type KbArticlePage = z.infer<typeof KbArticlePageSchema>;

/** `POST /api/kb/preview`: the editor's Markdown rendered by the same safe renderer the reporter sees. */
export const KbPreviewSchema = z.object({ body: bodyText() });
export const KbPreviewResponseSchema = z.object({ html: z.string() });

/** `PUT /api/kb/synonyms`: groups of words that find each other (卡纸 ≈ 夹纸), replaced whole. */
export const KbSynonymsSchema = z.object({
  groups: z.array(z.array(word(30)).min(1).max(20)).max(500),
});
export type KbSynonyms = z.infer<typeof KbSynonymsSchema>;
export const KbSynonymsResponseSchema = z.object({ groups: z.array(z.array(z.string())), version: z.number().int() });
export type KbSynonymsResponse = z.infer<typeof KbSynonymsResponseSchema>;

/** `GET /api/public/assets/:code/suggestions?q=` */
export const KbSuggestionQuerySchema = z.object({ q: text().trim().max(200).default('') });
export const KbSuggestionSchema = z.object({ id: z.number().int(), title: z.string(), excerpt: z.string() });
export type KbSuggestion = z.infer<typeof KbSuggestionSchema>;
export const KbSuggestionsResponseSchema = z.object({ articles: z.array(KbSuggestionSchema) });
export type KbSuggestionsResponse = z.infer<typeof KbSuggestionsResponseSchema>;

/** `GET /api/public/kb/articles/:id`: a public, published article, rendered. */
export const PublicKbArticleSchema = z.object({ id: z.number().int(), title: z.string(), html: z.string(), updatedAt: z.string() });
export const PublicKbArticleResponseSchema = z.object({ article: PublicKbArticleSchema });
export type PublicKbArticleResponse = z.infer<typeof PublicKbArticleResponseSchema>;

/** A reporter's device: a random id the form keeps in local storage (no account needed). */
export const DeviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid device id');

export const KB_EVENT_TYPES = ['suggestion_shown', 'article_opened', 'resolved_click', 'submitted_anyway', 'abandoned'] as const;
export const KbEventTypeSchema = z.enum(KB_EVENT_TYPES);
export type KbEventType = z.infer<typeof KbEventTypeSchema>;

/** `POST /api/public/kb/events`: article_opened and resolved_click name the article; the others may. */
export const KbEventSchema = z
  .object({
    type: KbEventTypeSchema,
    deviceId: DeviceIdSchema,
    assetCode: AssetCodeSchema,
    articleId: IdSchema.optional(),
  })
  .refine((e) => e.articleId !== undefined || (e.type !== 'article_opened' && e.type !== 'resolved_click'), {
    path: ['articleId'],
    message: 'article_opened and resolved_click name the article',
  });
export type KbEventInput = z.infer<typeof KbEventSchema>;

/** Hours after a resolved_click within which a ticket from the same device on the same asset undoes the deflection. */
export const KB_DEFLECTION_HOURS = 72;

/** `GET /api/kb/deflection?from&to` (the tenant's calendar days, both included, at most 366). */
export const KbDeflectionQuerySchema = z
  .object({ from: DateOnlySchema, to: DateOnlySchema })
  .refine((q) => q.from <= q.to, { path: ['to'], message: '`to` must not be before `from`' })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 366, { path: ['to'], message: 'a period covers at most 366 days' });
export type KbDeflectionQuery = z.infer<typeof KbDeflectionQuerySchema>;

/**
 * Figures of one group. rate = confirmed / (confirmed + reverted + submittedAnyway), null with no decided case.
 * pending: resolved clicks younger than 72 h with no ticket yet (neither side until settled); abandoned is
 * reported alone and never counts as deflection.
 */
export const KbDeflectionFiguresSchema = z.object({
  shown: z.number().int(),
  opened: z.number().int(),
  resolvedClicks: z.number().int(),
  confirmed: z.number().int(),
  pending: z.number().int(),
  reverted: z.number().int(),
  submittedAnyway: z.number().int(),
  abandoned: z.number().int(),
  rate: z.number().nullable(),
});
export type KbDeflectionFigures = z.infer<typeof KbDeflectionFiguresSchema>;
export const KbDeflectionResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: KbDeflectionFiguresSchema,
  byDay: z.array(KbDeflectionFiguresSchema.extend({ day: z.string() })),
  byArticle: z.array(KbDeflectionFiguresSchema.extend({ articleId: z.number().int(), title: z.string() })),
  byCategory: z.array(KbDeflectionFiguresSchema.extend({ category: z.string().nullable() })),
});
export type KbDeflectionResponse = z.infer<typeof KbDeflectionResponseSchema>;
