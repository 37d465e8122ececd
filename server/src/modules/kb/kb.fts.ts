import type { EntityManager } from 'typeorm';

/**
 * SQLite only: an FTS5 table beside kb_articles, rowid = article id, holding the same encoded tokens as
 * kb_articles.searchText (MariaDB indexes that column with FULLTEXT instead). Created after the schema sync;
 * written by the article service in the article's own transaction.
 */
export const KB_SQLITE_DDL = ['CREATE VIRTUAL TABLE IF NOT EXISTS kb_articles_fts USING fts5(searchText)'];

/** Keeps the FTS5 mirror equal to the article's search column (a no-op on MariaDB, whose index follows the row). */
export async function syncSearchIndex(em: EntityManager, kind: 'sqlite' | 'mysql', articleId: number, searchText: string): Promise<void> {
  if (kind !== 'sqlite') return;
  await em.query('DELETE FROM kb_articles_fts WHERE rowid = ?', [articleId]);
  await em.query('INSERT INTO kb_articles_fts (rowid, searchText) VALUES (?, ?)', [articleId, searchText]);
}
