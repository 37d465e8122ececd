/**
 * WeChat's limits on subscription-message values, by the type prefix of the template key (thing1,
 * time2 …). A value breaking them makes the whole send fail (47003), so values are cut before sending.
 */
const chars = (s: string) => [...s];

function cut(value: string, max: number): string {
  const c = chars(value);
  return c.length <= max ? value : `${c.slice(0, max - 1).join('')}…`;
}

// Control characters (a line break in a description) are refused in every value.
// eslint-disable-next-line no-control-regex -- the pattern matches the control characters it removes
const flat = (v: string) => v.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
const HAN = /\p{Script=Han}/u;
const NOT_SYMBOL = /[\p{Script=Han}\p{L}\p{N}\s]/gu;

/** Each type's value cut and filtered to what WeChat accepts, with a fallback that is itself valid. */
// eslint-disable-next-line no-control-regex -- the pattern matches the control characters it drops
const CONTROL = /[\u0000-\u001f\u007f]/;

const FIT: Record<string, (v: string) => string> = {
  thing: (v) => cut(flat(v), 20) || '-',
  // ≤ 10 Chinese characters (a mix counts as Chinese), or ≤ 20 letters and symbols without digits.
  name: (v) => {
    const s = flat(v).replace(/\d/g, '').trim();
    return (HAN.test(s) ? chars(s).slice(0, 10).join('').trim() : s.slice(0, 20).trim()) || '-';
  },
  // Chinese characters only, at most five.
  phrase: (v) =>
    chars(v)
      .filter((c) => HAN.test(c))
      .slice(0, 5)
      .join('') || '无',
  symbol: (v) =>
    chars(v.replace(NOT_SYMBOL, ''))
      .filter((c) => !CONTROL.test(c))
      .slice(0, 5)
      .join('') || '-',
  character_string: (v) => v.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-',
  number: (v) =>
    /^\d+(\.\d+)?/
      .exec(v.replace(/[^\d.]/g, ''))?.[0]
      .slice(0, 32)
      .replace(/\.$/, '') || '0',
  letter: (v) => v.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'NA',
  phone_number: (v) =>
    v
      .replace(/[^\d+\-() ]/g, '')
      .trim()
      .slice(0, 17)
      .trim() || '-',
};

/** The type of a template key: `thing` for `thing12`, `character_string` for `character_string3`. */
export function keyType(key: string): string | null {
  return /^([a-z_]+?)\d+$/.exec(key)?.[1] ?? null;
}

/** The value as WeChat accepts it for this key; never empty, since WeChat refuses empty values. */
export function fitValue(key: string, value: string): string {
  const fit = FIT[keyType(key) ?? ''];
  return fit ? fit(value.trim()) : flat(value) || '-';
}
