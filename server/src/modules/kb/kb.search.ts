import type { EntityManager } from 'typeorm';
import type { KbStatus, KbVisibility } from '@baoxiu/shared';
import { expandQuery, fts5Match, mariadbAgainst, type SynonymGroups } from './kb.synonyms';

export interface SearchFilter {
  tenantId: number;
  status?: KbStatus;
  visibility?: KbVisibility;
}

export interface SearchHit {
  id: number;
  /** Higher is better: MariaDB's MATCH score, or FTS5's bm25 negated. */
  relevance: number;
}

/** The query's token groups after synonym expansion; empty when the text has no searchable word. */
export function queryGroups(q: string, synonyms: SynonymGroups): string[][] {
  return expandQuery(q, synonyms);
}

function filterSql(f: SearchFilter): { sql: string; params: unknown[] } {
  const parts = ['a.tenantId = ?'];
  const params: unknown[] = [f.tenantId];
  if (f.status) {
    parts.push('a.status = ?');
    params.push(f.status);
  }
  if (f.visibility) {
    parts.push('a.visibility = ?');
    params.push(f.visibility);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * Articles of one tenant whose search column holds any token of the query (with synonyms), best match first,
 * then the newer. The same encoded tokens on both drivers, so both find the same articles.
 */
export async function searchArticles(
  em: EntityManager,
  kind: 'sqlite' | 'mysql',
  groups: string[][],
  f: SearchFilter,
  limit: number,
  offset = 0,
  withTotal = true,
): Promise<{ hits: SearchHit[]; total: number }> {
  if (groups.length === 0) return { hits: [], total: 0 };
  const where = filterSql(f);
  if (kind === 'mysql') {
    const against = mariadbAgainst(groups);
    const match = 'MATCH(a.searchText) AGAINST (? IN BOOLEAN MODE)';
    const rows = await em.query<Array<{ id: number | string; score: number | string }>>(
      `SELECT a.id AS id, ${match} AS score FROM kb_articles a WHERE ${where.sql} AND ${match} ORDER BY score DESC, a.id DESC LIMIT ? OFFSET ?`,
      [against, ...where.params, against, limit, offset],
    );
    const count = withTotal
      ? await em.query<Array<{ n: number | string }>>(`SELECT COUNT(*) AS n FROM kb_articles a WHERE ${where.sql} AND ${match}`, [
          ...where.params,
          against,
        ])
      : [{ n: rows.length }];
    return { hits: rows.map((r) => ({ id: Number(r.id), relevance: Number(r.score) })), total: Number(count[0]?.n ?? 0) };
  }
  const m = fts5Match(groups);
  const from = 'FROM kb_articles_fts JOIN kb_articles a ON a.id = kb_articles_fts.rowid';
  const rows = await em.query<Array<{ id: number; score: number }>>(
    `SELECT a.id AS id, -kb_articles_fts.rank AS score ${from} WHERE kb_articles_fts MATCH ? AND ${where.sql} ORDER BY kb_articles_fts.rank, a.id DESC LIMIT ? OFFSET ?`,
    [m, ...where.params, limit, offset],
  );
  const count = withTotal
    ? await em.query<Array<{ n: number }>>(`SELECT COUNT(*) AS n ${from} WHERE kb_articles_fts MATCH ? AND ${where.sql}`, [
        m,
        ...where.params,
      ])
    : [{ n: rows.length }];
  return { hits: rows.map((r) => ({ id: Number(r.id), relevance: Number(r.score) })), total: Number(count[0]?.n ?? 0) };
}
