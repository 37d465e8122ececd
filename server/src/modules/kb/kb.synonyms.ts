import { encodeToken, tokenize } from './kb.segment';

/** A tenant's synonym groups, e.g. [['卡纸', '夹纸']]: any word of a group finds articles with any other. */
export type SynonymGroups = readonly (readonly string[])[];

/**
 * The query as OR-groups of tokens: each query token with the tokens of every synonym group it belongs to.
 * A group word that segments into several tokens (e.g. 空调漏水) contributes all of them.
 */
export function expandQuery(query: string, groups: SynonymGroups): string[][] {
  const index = new Map<string, Set<string>>();
  for (const group of groups) {
    const tokens = new Set(group.flatMap((word) => tokenize(word)));
    for (const word of group) {
      for (const t of tokenize(word)) {
        const set = index.get(t) ?? new Set<string>();
        for (const other of tokens) set.add(other);
        index.set(t, set);
      }
    }
  }
  return tokenize(query).map((t) => [...new Set([t, ...(index.get(t) ?? [])])]);
}

/** MariaDB MATCH … AGAINST (… IN BOOLEAN MODE) text: any token of any group matches; more matches rank higher. */
export function mariadbAgainst(groups: string[][]): string {
  return groups.flat().map(encodeToken).join(' ');
}

/** SQLite FTS5 MATCH text: the encoded tokens OR-ed, each quoted (the hex form never needs escaping). */
export function fts5Match(groups: string[][]): string {
  return groups
    .flat()
    .map((t) => `"${encodeToken(t)}"`)
    .join(' OR ');
}

/** Normalises a synonyms setting: words trimmed, empty words and groups of fewer than two distinct words dropped. */
export function normaliseSynonyms(groups: SynonymGroups): string[][] {
  return groups.map((g) => [...new Set(g.map((w) => w.trim()).filter((w) => w.length > 0))]).filter((g) => g.length >= 2);
}
