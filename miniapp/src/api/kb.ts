import { z } from 'zod';
import {
  KbSuggestionsResponseSchema, PublicKbArticleResponseSchema, type KbEventType, type KbSuggestion, type PublicKbArticleResponse,
} from '@baoxiu/shared';
import { request } from './request';

export type { KbSuggestion, PublicKbArticleResponse };

/** The reporter's side of the knowledge base (no account); the console's is in kb-console.ts. */

/** GET /api/public/assets/:code/suggestions?q= — public articles for what the reporter typed, this device's model first. */
export async function getSuggestions(code: string, q: string): Promise<KbSuggestion[]> {
  const res = await request({
    method: 'GET', path: `/api/public/assets/${encodeURIComponent(code)}/suggestions`, query: { q }, schema: KbSuggestionsResponseSchema, silent: true,
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
    method: 'POST', path: '/api/public/kb/events', data: { type, deviceId, assetCode, ...(articleId ? { articleId } : {}) },
    schema: z.unknown(), silent: true,
  }).catch(() => undefined);
}
