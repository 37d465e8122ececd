import {
  KbPreviewResponseSchema,
  KbArticlePageSchema,
  KbArticleResponseSchema,
  KbDeflectionResponseSchema,
  KbSynonymsResponseSchema,
  type KbArticleInput,
  type KbArticlePage,
  type KbArticleUpdate,
  type KbArticleView,
  type KbDeflectionResponse,
  type KbStatus,
  type KbSynonymsResponse,
  type KbVisibility,
} from '@baoxiu/shared';
import { request } from './request';
import { CONSOLE_CALL } from './console';

export type { KbArticlePage, KbArticleView, KbDeflectionResponse, KbSynonymsResponse };

export interface KbListFilter {
  q?: string;
  status?: KbStatus;
  visibility?: KbVisibility;
  page?: number;
  pageSize?: number;
}

/** GET /api/kb/articles */
export function listKbArticles(filter: KbListFilter): Promise<KbArticlePage> {
  return request({ method: 'GET', path: '/api/kb/articles', query: { ...filter }, schema: KbArticlePageSchema, ...CONSOLE_CALL });
}

/** GET /api/kb/articles/:id */
export async function getKbArticle(id: number): Promise<KbArticleView> {
  return (await request({ method: 'GET', path: `/api/kb/articles/${id}`, schema: KbArticleResponseSchema, ...CONSOLE_CALL })).article;
}

/** POST /api/kb/articles */
export async function createKbArticle(body: Partial<KbArticleInput> & { title: string }): Promise<KbArticleView> {
  return (
    await request({ method: 'POST', path: '/api/kb/articles', data: body, schema: KbArticleResponseSchema, ...CONSOLE_CALL, silent: true })
  ).article;
}

/** PATCH /api/kb/articles/:id (with the version read, so a colleague's edit is not overwritten). */
export async function updateKbArticle(id: number, patch: KbArticleUpdate): Promise<KbArticleView> {
  return (
    await request({
      method: 'PATCH',
      path: `/api/kb/articles/${id}`,
      data: patch,
      schema: KbArticleResponseSchema,
      ...CONSOLE_CALL,
      silent: true,
    })
  ).article;
}

/** GET /api/kb/synonyms */
export function getKbSynonyms(): Promise<KbSynonymsResponse> {
  return request({ method: 'GET', path: '/api/kb/synonyms', schema: KbSynonymsResponseSchema, ...CONSOLE_CALL });
}

/** PUT /api/kb/synonyms */
export function putKbSynonyms(groups: string[][]): Promise<KbSynonymsResponse> {
  return request({ method: 'PUT', path: '/api/kb/synonyms', data: { groups }, schema: KbSynonymsResponseSchema, ...CONSOLE_CALL });
}

/** GET /api/kb/deflection */
export function getKbDeflection(from: string, to: string): Promise<KbDeflectionResponse> {
  return request({ method: 'GET', path: '/api/kb/deflection', query: { from, to }, schema: KbDeflectionResponseSchema, ...CONSOLE_CALL });
}

/** POST /api/kb/preview — the editor's Markdown through the server's safe renderer (what reporters will see). */
export async function previewKb(body: string): Promise<string> {
  return (await request({ method: 'POST', path: '/api/kb/preview', data: { body }, schema: KbPreviewResponseSchema, ...CONSOLE_CALL }))
    .html;
}
