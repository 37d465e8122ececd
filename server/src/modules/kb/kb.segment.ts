import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese-aware tokens for the KB search column.
 *
 * jieba's search mode cuts "打印机又卡纸了" into 打印 / 印机 / 打印机 / 又 / 卡纸 / 了, so a query for 卡纸 or
 * 打印机 meets the article. Tokens are lower-cased; punctuation and whitespace are dropped.
 *
 * The dictionary is a constant: one lazily built segmenter serves every system in the process (like the label
 * fonts), it holds no per-tenant or per-system state.
 */
let segmenter: Jieba | undefined;
function jieba(): Jieba {
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
/** Longest token kept (characters): longer runs (hashes, URLs) are cut so the encoded form fits MariaDB's limit. */
export const MAX_TOKEN_CHARS = 20;

/** Distinct search tokens of `text`, in first-seen order. */
export function tokenize(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of jieba().cutForSearch(text.normalize('NFKC'), true)) {
    const token = raw.trim().toLowerCase();
    if (token.length === 0 || !WORDLIKE.test(token)) continue;
    seen.add([...token].slice(0, MAX_TOKEN_CHARS).join(''));
  }
  return [...seen];
}

/**
 * A token as stored in the search column: `k` + hex of its UTF-8 bytes. MariaDB's InnoDB FULLTEXT parser drops
 * words under innodb_ft_min_token_size (3) and stop words, so a bare 卡纸 (2 characters) would never be indexed;
 * the hex form is ASCII, at least 3 characters and never a stop word. SQLite FTS5 gets the same column, so both
 * drivers find exactly the same articles. 20 characters of up to 4 bytes give at most 161 characters; InnoDB's
 * innodb_ft_max_token_size is 84, so tokens are capped in bytes below.
 */
export function encodeToken(token: string): string {
  let bytes = Buffer.from(token, 'utf8');
  if (bytes.length > 41) {
    // Cut on a character boundary: drop whole characters until the UTF-8 form fits (1 + 82 hex digits <= 84).
    const chars = [...token];
    while (Buffer.byteLength(chars.join(''), 'utf8') > 41) chars.pop();
    bytes = Buffer.from(chars.join(''), 'utf8');
  }
  return `k${bytes.toString('hex')}`;
}

/** Inverse of encodeToken (tests and debugging). */
export function decodeToken(encoded: string): string {
  return Buffer.from(encoded.slice(1), 'hex').toString('utf8');
}

/** The search column of an article: the encoded tokens of its title and body, space-separated. */
export function searchColumn(title: string, body: string): string {
  const tokens = new Set([...tokenize(title), ...tokenize(stripMarkdown(body))]);
  return [...tokens].map(encodeToken).join(' ');
}

/** Markdown punctuation and link targets out of the way before segmentation (the text stays). */
export function stripMarkdown(body: string): string {
  return body
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_#>~|-]+/g, ' ');
}
