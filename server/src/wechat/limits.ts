/**
 * WeChat's limits on subscription-message values, by the type prefix of the template key (thing1,
 * time2 …). A value breaking them makes the whole send fail (47003), so values are cut before sending.
 */
const chars = (s: string) => [...s];

function cut(value: string, max: number): string {
  const c = chars(value);
  return c.length <= max ? value : `${c.slice(0, max - 1).join('')}…`;
}

const FIT: Record<string, (v: string) => string> = {
  thing: (v) => cut(v, 20),
  name: (v) => (/^[A-Za-z ]+$/.test(v) ? v.slice(0, 20) : chars(v).slice(0, 10).join('')),
  phrase: (v) => chars(v.replace(/\d/g, '')).slice(0, 5).join(''),
  symbol: (v) => chars(v).slice(0, 5).join(''),
  car_number: (v) => chars(v).slice(0, 8).join(''),
  character_string: (v) => v.replace(/[^\w.-]/g, '').slice(0, 32),
  number: (v) => v.replace(/[^\d.]/g, '').slice(0, 32),
  letter: (v) => v.replace(/[^A-Za-z]/g, '').slice(0, 32),
  phone_number: (v) => v.replace(/[^\d+\- ]/g, '').slice(0, 17),
};

/** The type of a template key: `thing` for `thing12`, `character_string` for `character_string3`. */
export function keyType(key: string): string | null {
  return /^([a-z_]+?)\d+$/.exec(key)?.[1] ?? null;
}

/** The value as WeChat accepts it for this key; never empty, since WeChat refuses empty values. */
export function fitValue(key: string, value: string): string {
  const fit = FIT[keyType(key) ?? ''];
  return (fit ? fit(value.trim()) : value.trim()) || '-';
}
