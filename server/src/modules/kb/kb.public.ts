import type { KbEventInput, KbSuggestionsResponse, PublicKbArticleResponse } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/time';
import { Asset } from '../assets/asset.entity';
import { KbArticle, KbEvent } from './kb.entity';
import { renderMarkdown } from './kb.render';
import { expandQuery } from './kb.synonyms';
import { synonymsOf } from './kb.service';

/** At most this many suggestions under the reporter's description. */
export const SUGGESTION_LIMIT = 5;

async function assetByCode(deps: Deps, code: string): Promise<Asset> {
  const asset = await deps.db.ds.getRepository(Asset).findOne({
    where: { code },
    select: { id: true, tenantId: true, model: true, category: true },
  });
  if (!asset) throw new AppError('ASSET_NOT_FOUND');
  return asset;
}

/** The tenant's plan has the knowledge base (unmanaged tenants and BILLING=off: yes). */
async function hasKb(deps: Deps, tenantId: number): Promise<boolean> {
  try {
    await deps.requireModule(tenantId, 'kb');
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'MODULE_NOT_IN_PLAN') return false;
    throw err;
  }
}

/**
 * Public, published articles of the asset's tenant matching what the reporter typed: the asset's model first,
 * then its category, then general articles (then any other), each tier by relevance.
 */
export async function suggestionsFor(deps: Deps, code: string, q: string): Promise<KbSuggestionsResponse> {
  const asset = await assetByCode(deps, code);
  // A tenant whose plan lost the module shows its reporters nothing (the form works as before).
  if (q.trim() === '' || !(await hasKb(deps, asset.tenantId))) return { articles: [] };
  const groups = expandQuery(q, await synonymsOf(deps, asset.tenantId));
  // Every matching article is ranked (kb.index.ts answers from memory): the asset's scope first, then relevance.
  const shown = await deps.kbIndex.suggest(asset.tenantId, groups, { model: asset.model, category: asset.category }, SUGGESTION_LIMIT);
  return { articles: shown.map((a) => ({ id: a.id, title: a.title, excerpt: a.excerpt })) };
}

/** A public, published article; anything else (draft, internal, archived, missing) is the same 404. */
export async function publicArticle(deps: Deps, id: number): Promise<PublicKbArticleResponse> {
  const a = await deps.db.ds.getRepository(KbArticle).findOneBy({ id, status: 'published', visibility: 'public' });
  if (!a || !(await hasKb(deps, a.tenantId))) throw new AppError('KB_ARTICLE_NOT_FOUND');
  return { article: { id: a.id, title: a.title, html: renderMarkdown(a.body), updatedAt: iso(a.updatedAt) } };
}

/** Records what a reporter's device did; an article named must be one the public may see, in the asset's tenant. */
export async function recordEvent(deps: Deps, input: KbEventInput): Promise<{ event: { id: number; type: string; at: string } }> {
  const asset = await assetByCode(deps, input.assetCode);
  const at = deps.clock.now();
  return deps.db.transaction(async (em) => {
    if (input.articleId !== undefined) {
      const article = await em.getRepository(KbArticle).findOneBy({
        id: input.articleId,
        tenantId: asset.tenantId,
        status: 'published',
        visibility: 'public',
      });
      if (!article) throw new AppError('KB_ARTICLE_NOT_FOUND');
    }
    const repo = em.getRepository(KbEvent);
    const saved = await repo.save(
      repo.create({
        tenantId: asset.tenantId,
        assetId: asset.id,
        category: asset.category,
        articleId: input.articleId ?? null,
        deviceId: input.deviceId,
        type: input.type,
        at,
      }),
    );
    return { event: { id: saved.id, type: saved.type, at: iso(saved.at) } };
  });
}
