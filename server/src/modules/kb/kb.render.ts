import MarkdownIt from 'markdown-it';

/**
 * Article Markdown to HTML. `html: false` escapes any raw HTML in the source (so <script>, <img onerror> and the
 * like come out as text); markdown-it's own link validator refuses javascript:, vbscript:, file: and non-image
 * data: URLs. One renderer per system would be equal to this one: it is configuration only, no state.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true });

export function renderMarkdown(body: string): string {
  return md.render(body);
}

/** A plain-text excerpt of at most `max` characters for suggestion lists. */
export function excerptOf(body: string, max = 120): string {
  const text = body
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_#>~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
