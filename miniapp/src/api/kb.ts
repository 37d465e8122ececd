import { z } from 'zod';
import {
  KbArticlePageSchema,
  KbArticleResponseSchema,
  KbSuggestionsResponseSchema,
  PublicKbArticleResponseSchema,
  type KbArticlePage,
  type KbArticleView,
  type KbEventType,
  type KbSuggestion,
  type PublicKbArticleResponse,
} from '@baoxiu/shared';
import { apiUrl, request } from './request';

export type { KbArticlePage, KbArticleView, KbSuggestion, PublicKbArticleResponse };

/** The reporter's side of the knowledge base (no account); the console's is in kb-console.ts. */

/** GET /api/public/assets/:code/suggestions?q= — public articles for what the reporter typed, this device's model first. */
export async function getSuggestions(code: string, q: string): Promise<KbSuggestion[]> {
  const res = await request({
    method: 'GET',
    path: `/api/public/assets/${encodeURIComponent(code)}/suggestions`,
    query: { q },
    schema: KbSuggestionsResponseSchema,
    silent: true,
  });
  return res.articles;
}

/** GET /api/public/kb/articles/:id — the article as safe HTML. */
export function getPublicArticle(id: number): Promise<PublicKbArticleResponse> {
  return request({ method: 'GET', path: `/api/public/kb/articles/${id}`, schema: PublicKbArticleResponseSchema, silent: true });
}

/** POST /api/public/kb/events — fire and forget: counting must never get in the reporter's way. */
export function sendKbEvent(type: KbEventType, deviceId: string, assetCode: string, articleId?: number): void {
  void request({
    method: 'POST',
    path: '/api/public/kb/events',
    data: { type, deviceId, assetCode, ...(articleId ? { articleId } : {}) },
    schema: z.unknown(),
    silent: true,
  }).catch(() => undefined);
}

/**
 * The same event while the page goes away (H5: the tab closes or navigates off): the browser delivers a beacon after
 * the page is gone, where a normal request would be cancelled. False when the platform has no beacon.
 */
export function beaconKbEvent(type: KbEventType, deviceId: string, assetCode: string, articleId?: number): boolean {
  const nav = typeof navigator !== 'undefined' ? (navigator as Navigator & { sendBeacon?: Navigator['sendBeacon'] }) : undefined;
  if (!nav?.sendBeacon || typeof Blob === 'undefined') return false;
  const body = JSON.stringify({ type, deviceId, assetCode, ...(articleId ? { articleId } : {}) });
  try {
    return nav.sendBeacon(apiUrl('/api/public/kb/events'), new Blob([body], { type: 'application/json' }));
  } catch {
    return false; // e.g. a JSON beacon to another origin, which browsers refuse
  }
}

// ------------------------------------------------------------------ engineer (staff token, weapp and H5)

/** GET /api/kb/articles?q&category — published articles (internal too), the job's category first. */
export function searchKbForJob(q: string, category: string | null): Promise<KbArticlePage> {
  return request({
    method: 'GET',
    path: '/api/kb/articles',
    query: { q, category: category ?? undefined, pageSize: 10 },
    schema: KbArticlePageSchema,
    auth: true,
    silent: true,
  });
}

/** GET /api/kb/articles/:id */
export async function readKbArticle(id: number): Promise<KbArticleView> {
  return (await request({ method: 'GET', path: `/api/kb/articles/${id}`, schema: KbArticleResponseSchema, auth: true, silent: true }))
    .article;
}

/** POST /api/kb/articles/from-ticket/:number — "turn this fix into an article": a draft for the desk to review. */
export async function draftFromJob(number: string): Promise<KbArticleView> {
  return (
    await request({
      method: 'POST',
      path: `/api/kb/articles/from-ticket/${encodeURIComponent(number)}`,
      schema: KbArticleResponseSchema,
      auth: true,
      silent: true,
    })
  ).article;
}
