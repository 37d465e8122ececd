import { z } from 'zod';

/** Bidi embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they make stored text display reversed. */
const isBidiControl = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/**
 * True when the text has no NUL, no bidi override or isolate, and no lone UTF-16 surrogate (which no
 * encoder can write). A loop rather than a lookbehind regex: older mini-program JS engines lack lookbehind.
 */
export function isCleanText(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 0 || isBidiControl(c)) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Every free-text input field starts here: a string refused when it carries NUL, bidi controls or broken characters. */
export const text = () => z.string().refine(isCleanText, { message: 'contains a NUL, a bidi control character or a broken character' });
