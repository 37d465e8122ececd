import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type {
  KbArticleInput,
  KbArticleListQuery,
  KbArticlePage,
  KbArticleSummary,
  KbArticleUpdate,
  KbArticleView,
  KbSynonyms,
  KbSynonymsResponse,
} from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/time';
import type { StaffActor } from '../auth/actor';
import { Ticket } from '../tickets/ticket.entity';
import { Upload } from '../uploads/upload.entity';
import { KbArticle, KbSynonymSet } from './kb.entity';
import { syncSearchIndex } from './kb.fts';
import { excerptOf, renderMarkdown } from './kb.render';
import { searchArticles } from './kb.search';
import { searchColumn } from './kb.segment';
import { expandQuery, normaliseSynonyms, type SynonymGroups } from './kb.synonyms';
import { rankSuggestions } from './kb.rank';

/** The search column is TEXT on MariaDB (65,535 bytes): whole tokens beyond that are left out (title tokens come first). */
const SEARCH_MAX_CHARS = 65_000;

export function boundedSearchColumn(title: string, body: string): string {
  const full = searchColumn(title, body);
  if (full.length <= SEARCH_MAX_CHARS) return full;
  const cut = full.lastIndexOf(' ', SEARCH_MAX_CHARS);
  return full.slice(0, cut > 0 ? cut : SEARCH_MAX_CHARS);
}

export function presentArticle(a: KbArticle): KbArticleView {
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    html: renderMarkdown(a.body),
    categories: a.categories,
    models: a.models,
    tags: a.tags,
    status: a.status,
    visibility: a.visibility,
    authorId: a.authorId,
    sourceTicket: a.sourceTicket,
    version: a.version,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

function summarise(a: KbArticle): KbArticleSummary {
  const { body: _body, html: _html, ...rest } = presentArticle(a);
  return { ...rest, excerpt: excerptOf(a.body) };
}

const dedupe = (words: readonly string[]) => [...new Set(words)];

async function insertArticle(deps: Deps, em: EntityManager, row: Omit<KbArticle, 'id' | 'searchText'>): Promise<KbArticle> {
  const searchText = boundedSearchColumn(row.title, row.body);
  const saved = await em.getRepository(KbArticle).save(em.getRepository(KbArticle).create({ ...row, searchText }));
  await syncSearchIndex(em, deps.db.kind, saved.id, searchText);
  return saved;
}

export async function createArticle(deps: Deps, actor: StaffActor, input: KbArticleInput): Promise<KbArticleView> {
  const now = deps.clock.now();
  const saved = await deps.db.transaction((em) =>
    insertArticle(deps, em, {
      tenantId: actor.tenantId,
      title: input.title,
      body: input.body,
      categories: dedupe(input.categories),
      models: dedupe(input.models),
      tags: dedupe(input.tags),
      status: input.status,
      visibility: input.visibility,
      authorId: actor.userId,
      sourceTicket: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return presentArticle(saved);
}

/** Engineers see published articles only (public and internal); the desk sees every status. */
const seesDrafts = (actor: StaffActor) => actor.type !== 'engineer';

export async function getArticle(deps: Deps, actor: StaffActor, id: number): Promise<KbArticleView> {
  const a = await deps.db.ds.getRepository(KbArticle).findOneBy({ id, tenantId: actor.tenantId });
  if (!a || (!seesDrafts(actor) && a.status !== 'published')) throw new AppError('KB_ARTICLE_NOT_FOUND');
  return presentArticle(a);
}

export async function updateArticle(deps: Deps, actor: StaffActor, id: number, patch: KbArticleUpdate): Promise<KbArticleView> {
  const saved = await deps.db.transaction(async (em) => {
    const repo = em.getRepository(KbArticle);
    const a = await repo.findOne({
      where: { id, tenantId: actor.tenantId },
      lock: deps.db.kind === 'mysql' ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!a) throw new AppError('KB_ARTICLE_NOT_FOUND');
    if (patch.version !== undefined && patch.version !== a.version) throw new AppError('CONFLICT', { version: a.version });
    if (patch.title !== undefined) a.title = patch.title;
    if (patch.body !== undefined) a.body = patch.body;
    if (patch.categories !== undefined) a.categories = dedupe(patch.categories);
    if (patch.models !== undefined) a.models = dedupe(patch.models);
    if (patch.tags !== undefined) a.tags = dedupe(patch.tags);
    if (patch.status !== undefined) a.status = patch.status;
    if (patch.visibility !== undefined) a.visibility = patch.visibility;
    a.searchText = boundedSearchColumn(a.title, a.body);
    a.version += 1;
    a.updatedAt = deps.clock.now();
    await repo.save(a);
    await syncSearchIndex(em, deps.db.kind, a.id, a.searchText);
    return a;
  });
  return presentArticle(saved);
}

export async function synonymsOf(deps: Deps, tenantId: number, em?: EntityManager): Promise<SynonymGroups> {
  const row = await (em ?? deps.db.ds.manager).getRepository(KbSynonymSet).findOneBy({ tenantId });
  return row?.groups ?? [];
}

export async function getSynonyms(deps: Deps, tenantId: number): Promise<KbSynonymsResponse> {
  const row = await deps.db.ds.getRepository(KbSynonymSet).findOneBy({ tenantId });
  return { groups: row?.groups ?? [], version: row?.version ?? 0 };
}

export async function putSynonyms(deps: Deps, tenantId: number, input: KbSynonyms): Promise<KbSynonymsResponse> {
  const groups = normaliseSynonyms(input.groups);
  return deps.db.transaction(async (em) => {
    const repo = em.getRepository(KbSynonymSet);
    const existing = await repo.findOneBy({ tenantId });
    const version = (existing?.version ?? 0) + 1;
    await repo.save(repo.create({ tenantId, groups, version, updatedAt: deps.clock.now() }));
    return { groups, version };
  });
}

/** Staff list: newest first, or with `q` best match first (synonyms expanded); engineers get published articles only. */
export async function listArticles(deps: Deps, actor: StaffActor, q: KbArticleListQuery): Promise<KbArticlePage> {
  const status = seesDrafts(actor) ? q.status : 'published';
  if (!seesDrafts(actor) && q.status !== undefined && q.status !== 'published') {
    return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
  }
  const repo = deps.db.ds.getRepository(KbArticle);
  const skip = (q.page - 1) * q.pageSize;
  const text = q.q?.trim() ?? '';
  if (text === '') {
    const [rows, total] = await repo.findAndCount({
      where: { tenantId: actor.tenantId, ...(status ? { status } : {}), ...(q.visibility ? { visibility: q.visibility } : {}) },
      order: { updatedAt: 'DESC', id: 'DESC' },
      skip,
      take: q.pageSize,
    });
    return { items: rows.map(summarise), page: q.page, pageSize: q.pageSize, total };
  }
  const groups = expandQuery(text, await synonymsOf(deps, actor.tenantId));
  const filter = { tenantId: actor.tenantId, status, visibility: q.visibility };
  if (q.model !== undefined || q.category !== undefined) {
    // Scoped (an engineer on a job): the asset's model first, then its category, then general, then relevance.
    const { hits } = await searchArticles(deps.db.ds.manager, deps.db.kind, groups, filter, 500);
    const rows = await loadInOrder(
      deps,
      hits.map((h) => h.id),
    );
    const ranked = rankSuggestions(
      rows.map((a, i) => ({ id: a.id, models: a.models, categories: a.categories, relevance: hits[i].relevance, a })),
      { model: q.model ?? null, category: q.category ?? null },
      skip + q.pageSize,
    ).slice(skip);
    return { items: ranked.map((r) => summarise(r.a)), page: q.page, pageSize: q.pageSize, total: hits.length };
  }
  const { hits, total } = await searchArticles(deps.db.ds.manager, deps.db.kind, groups, filter, q.pageSize, skip);
  const rows = await loadInOrder(
    deps,
    hits.map((h) => h.id),
  );
  return { items: rows.map(summarise), page: q.page, pageSize: q.pageSize, total };
}

/** Articles by id, in the order of `ids` (ids a search just returned, all present). */
export async function loadInOrder(deps: Deps, ids: number[]): Promise<KbArticle[]> {
  if (ids.length === 0) return [];
  const rows = await deps.db.ds.getRepository(KbArticle).findBy({ id: In(ids) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * "Turn this fix into an article": a draft, internal article from a resolved ticket's notes and resolution photos.
 * An engineer may draft from a job they hold(held) only; the desk from any ticket of the tenant.
 */
export async function draftFromTicket(deps: Deps, actor: StaffActor, number: string): Promise<KbArticleView> {
  const ticket = await deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: actor.tenantId, number });
  if (!ticket || (actor.type === 'engineer' && ticket.engineerId !== actor.userId)) throw new AppError('TICKET_NOT_FOUND');
  const notes = ticket.resolutionNotes?.trim() ?? '';
  if (notes === '') throw new AppError('KB_NOTHING_TO_DRAFT');
  const photos = await deps.db.ds.getRepository(Upload).findBy({ ticketId: ticket.id, purpose: 'resolution' });
  const asset = await deps.db.ds.query<Array<{ model: string | null; category: string | null }>>(
    'SELECT model, category FROM assets WHERE id = ?',
    [ticket.assetId],
  );
  const model = asset[0]?.model ?? null;
  const category = ticket.category ?? asset[0]?.category ?? null;
  const title = [...ticket.description.replace(/\s+/g, ' ').trim()].slice(0, 60).join('') || ticket.number;
  const body = [
    '## 现象',
    '',
    ticket.description.trim(),
    '',
    '## 处理方法',
    '',
    notes,
    '',
    ...(photos.length > 0 ? ['## 照片', '', ...photos.map((p, i) => `![照片 ${i + 1}](/api/public/uploads/${p.publicId})`), ''] : []),
    `> 来自工单 ${ticket.number}`,
  ].join('\n');
  const now = deps.clock.now();
  const saved = await deps.db.transaction((em) =>
    insertArticle(deps, em, {
      tenantId: actor.tenantId,
      title,
      body,
      categories: category ? [category] : [],
      models: model ? [model] : [],
      tags: [],
      status: 'draft',
      visibility: 'internal',
      authorId: actor.userId,
      sourceTicket: ticket.number,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return presentArticle(saved);
}
