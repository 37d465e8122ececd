import type { Database } from '../../db/database';
import { rawInstant } from '../../lib/time';
import type { Clock } from '../../lib/clock';
import { KbArticle } from './kb.entity';
import { encodeToken } from './kb.segment';
import { excerptOf } from './kb.render';
import { scopeTier, type AssetScope, type RankCandidate } from './kb.rank';

/** A public, published article as the suggestion index holds it: scope lists, what is shown, its tokens' counts. */
export interface IndexedArticle extends RankCandidate {
  title: string;
  excerpt: string;
}

interface TenantIndex {
  articles: Array<Omit<IndexedArticle, 'relevance'> & { length: number }>;
  /** Encoded token → [article index, term frequency]. */
  postings: Map<string, Array<[number, number]>>;
  averageLength: number;
}

interface Entry {
  /** The newest `updatedAt` of the tenant's articles (any status) when the index was built, in ms. */
  stamp: number;
  builtAt: number;
  index: TenantIndex;
}

/** An index built within this long of its stamp may have missed a write of the same millisecond: it is rebuilt. */
const SETTLE_MS = 1_000;
const MAX_TENANTS = 200;
/** BM25's usual constants. */
const K1 = 1.2;
const B = 0.75;

/**
 * The reporters' suggestions, answered from memory: per tenant, an inverted index of its public, published
 * articles built from their stored search column (jieba's tokens, kb.segment.ts), scored with BM25 per query
 * group (a query word or any of its synonyms). Each request reads the tenant's newest `updatedAt` (one index
 * probe); a write anywhere (any process) moves it, and the index is rebuilt on the next request. Per system,
 * on Deps; at most MAX_TENANTS tenants kept, the least recently used dropped.
 */
export class KbPublicIndex {
  private readonly entries = new Map<number, Entry>();
  /** Indexes built so far (tests and the bench read it). */
  builds = 0;

  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  private async stampOf(tenantId: number): Promise<number> {
    const rows = await this.deps.db.ds
      .getRepository(KbArticle)
      .createQueryBuilder('a')
      .select('MAX(a.updatedAt)', 'm')
      .where('a.tenantId = :tenantId', { tenantId })
      .getRawMany<{ m: Date | string | null }>();
    const m = rows[0]?.m;
    return m ? rawInstant(m).getTime() : 0;
  }

  private async build(tenantId: number): Promise<TenantIndex> {
    const rows = await this.deps.db.ds.getRepository(KbArticle).find({
      where: { tenantId, status: 'published', visibility: 'public' },
      select: { id: true, title: true, body: true, models: true, categories: true, searchText: true },
    });
    const postings = new Map<string, Array<[number, number]>>();
    let total = 0;
    const articles = rows.map((r, i) => {
      const counts = new Map<string, number>();
      const tokens = r.searchText.split(' ').filter((t) => t.length > 0);
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, n] of counts) {
        const list = postings.get(t) ?? [];
        list.push([i, n]);
        postings.set(t, list);
      }
      total += tokens.length;
      return { id: r.id, title: r.title, excerpt: excerptOf(r.body), models: r.models, categories: r.categories, length: tokens.length };
    });
    return { articles, postings, averageLength: articles.length ? total / articles.length : 0 };
  }

  private async indexOf(tenantId: number): Promise<TenantIndex> {
    const stamp = await this.stampOf(tenantId);
    const had = this.entries.get(tenantId);
    if (had && had.stamp === stamp && had.builtAt - stamp >= SETTLE_MS) {
      this.entries.delete(tenantId);
      this.entries.set(tenantId, had); // most recently used last
      return had.index;
    }
    const builtAt = this.deps.clock.now().getTime();
    const index = await this.build(tenantId);
    this.builds += 1;
    this.entries.delete(tenantId);
    this.entries.set(tenantId, { stamp, builtAt, index });
    if (this.entries.size > MAX_TENANTS) this.entries.delete(this.entries.keys().next().value as number);
    return index;
  }

  /**
   * The suggestions for an asset: every public article matching any token of the query groups, ordered as
   * `rankSuggestions` orders them (the asset's model, its category, general, the rest; then relevance; then the
   * newer), the first `limit` kept. Relevance: for each group, the best BM25 term of its alternatives (a synonym is
   * worth its word, not more), summed over the groups. Scores live in a typed array; only the kept few are objects.
   */
  async suggest(tenantId: number, groups: string[][], asset: AssetScope, limit: number): Promise<IndexedArticle[]> {
    if (groups.length === 0 || limit <= 0) return [];
    const index = await this.indexOf(tenantId);
    const n = index.articles.length;
    if (n === 0) return [];
    const scores = new Float64Array(n);
    const best = new Float64Array(n);
    const touched: number[] = [];
    for (const group of groups) {
      const inGroup: number[] = [];
      for (const token of new Set(group.map(encodeToken))) {
        const list = index.postings.get(token);
        if (!list) continue;
        const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
        for (const [i, tf] of list) {
          const len = index.articles[i].length;
          const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / (index.averageLength || 1)));
          if (best[i] === 0) inGroup.push(i);
          if (s > best[i]) best[i] = s;
        }
      }
      for (const i of inGroup) {
        if (scores[i] === 0) touched.push(i);
        scores[i] += best[i];
        best[i] = 0;
      }
    }
    // The first `limit` by (tier, score, id), without sorting every match.
    const kept: Array<{ i: number; tier: number }> = [];
    const before = (a: { i: number; tier: number }, b: { i: number; tier: number }) =>
      a.tier - b.tier || scores[a.i] - scores[b.i] || index.articles[a.i].id - index.articles[b.i].id;
    for (const i of touched) {
      const c = { i, tier: scopeTier(index.articles[i], asset) };
      if (kept.length < limit) {
        kept.push(c);
        kept.sort((x, y) => before(y, x));
      } else if (before(c, kept[kept.length - 1]) > 0) {
        kept[kept.length - 1] = c;
        kept.sort((x, y) => before(y, x));
      }
    }
    return kept.map(({ i }) => {
      const { length: _length, ...a } = index.articles[i];
      return { ...a, relevance: scores[i] };
    });
  }
}
