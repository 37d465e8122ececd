/** What the suggestion ranking knows of an article: its scope lists and how well its text matched the query. */
export interface RankCandidate {
  id: number;
  models: readonly string[];
  categories: readonly string[];
  /** Text relevance from the full-text index (MariaDB MATCH score, or negated FTS5 bm25): higher is better. */
  relevance: number;
}

/** Where the scanned asset sits: its model and category (either may be unknown). */
export interface AssetScope {
  model: string | null;
  category: string | null;
}

/**
 * Scope tier of an article for an asset: 2 = written for the asset's model, 1 = for its category,
 * 0 = general (no model or category given), -1 = written for other models/categories only.
 */
export function scopeTier(c: Pick<RankCandidate, 'models' | 'categories'>, asset: AssetScope): number {
  const model = asset.model?.toLowerCase() ?? null;
  const category = asset.category?.toLowerCase() ?? null;
  if (model !== null && c.models.some((m) => m.toLowerCase() === model)) return 2;
  if (category !== null && c.categories.some((k) => k.toLowerCase() === category)) return 1;
  if (c.models.length === 0 && c.categories.length === 0) return 0;
  return -1;
}

/**
 * Suggestions in order: scope tier first (the asset's model, then its category, then general, then the rest),
 * then text relevance, then the newer article (higher id). An air-conditioner article thus never comes before a
 * printer article for a printer, however well its text matched.
 */
export function rankSuggestions<T extends RankCandidate>(candidates: readonly T[], asset: AssetScope, limit: number): T[] {
  return candidates
    .map((c) => ({ c, tier: scopeTier(c, asset) }))
    .sort((a, b) => b.tier - a.tier || b.c.relevance - a.c.relevance || b.c.id - a.c.id)
    .slice(0, limit)
    .map((x) => x.c);
}
