import fc from 'fast-check';
import type { z } from 'zod';

/** zod 4 keeps each schema's definition on `_zod.def`; only the fields read here are typed. */
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  format?: string;
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Values a field may take instead of a generated one: real ids, codes, tokens of the seeded tenants. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

// ---------------------------------------------------------------- hostile values

const SQLISH = [
  "' OR '1'='1",
  "'; DROP TABLE tickets; --",
  '" OR ""="',
  '1 UNION SELECT password FROM users',
  "1'; SELECT SLEEP(5); --",
  '%',
  '_',
  '\\',
  "\\'",
  '`id`',
];
const TRAVERSAL = [
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//',
  '/etc/passwd\u0000.png',
  '..',
  '.',
  '~root',
];
const ODD = [
  '',
  ' ',
  '\u0000',
  '\t\r\n',
  '\u202Eevil',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '💥🔧👨‍👩‍👧',
  '𠀀𩸽',
  'Ω≈ç√∫˜µ',
  'ｆｕｌｌ　ｗｉｄｔｈ',
  'العربية',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  'true',
  '-1',
  '0',
  '1e309',
  '0x10',
  '9'.repeat(400),
  'BX-99999999-999999',
  'bx-20240101-0001',
];
/** Long enough to break every max length, a MySQL TEXT (64 KiB) and a VARCHAR index; the 1 MB body limit stays the guard above. */
const LONG = ['x'.repeat(2_001), '界'.repeat(5_000), 'y'.repeat(70_000), '😀'.repeat(40_000)];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SQLISH, ...TRAVERSAL, ...ODD) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1.5,
    -2_147_483_648,
    2_147_483_647,
    2_147_483_648,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 63),
    1e308,
    -1e308,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON: wrong types, nulls, nested arrays and objects, keys like __proto__. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, [], {}, [null], JSON.parse('{"__proto__":{"admin":true}}') as unknown, {
    constructor: { prototype: { x: 1 } },
  }),
  hostileString,
  hostileNumber,
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

/** A hostile stand-in for one field: any type, but also a valid type with a value out of range. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, hostileJson);

// ---------------------------------------------------------------- values generated from schemas

function bounds(def: Def) {
  let min: number | undefined;
  let max: number | undefined;
  let pattern: RegExp | undefined;
  let format = def.format;
  let int = false;
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    if (c.check === 'min_length') min = c.minimum;
    if (c.check === 'max_length') max = c.maximum;
    if (c.check === 'greater_than' && c.value !== undefined) min = c.inclusive ? c.value : c.value + (int ? 1 : Number.EPSILON);
    if (c.check === 'less_than' && c.value !== undefined) max = c.inclusive ? c.value : c.value - (int ? 1 : Number.EPSILON);
    if (c.check === 'number_format') int = true;
    if (c.check === 'string_format' && c.format === 'regex') pattern = c.pattern;
    else if (c.check === 'string_format') format = c.format;
  }
  return { min, max, pattern, format, int };
}

function stringArb(def: Def): fc.Arbitrary<string> {
  const { min = 0, max, pattern, format } = bounds(def);
  if (format === 'date')
    return fc
      .date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (format === 'datetime')
    return fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= min && (max === undefined || s.length <= max));
  const cap = Math.min(max ?? 40, 40);
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', 'Z', '7', ' ', '-'),
      fc.constantFrom('空', '调', '😀'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    minLength: min,
    maxLength: Math.max(cap, min),
  });
  // Exactly the maximum, in characters that are 3 and 4 bytes in UTF-8: the database column must hold it.
  const full = max === undefined ? [] : [fc.constantFrom('界'.repeat(max), '😀'.repeat(Math.floor(max / 2)))];
  return fc.oneof({ weight: 5, arbitrary: text }, ...full.map((arbitrary) => ({ weight: 1, arbitrary })));
}

function numberArb(def: Def): fc.Arbitrary<number> {
  const { min, max, int } = bounds(def);
  if (!int) return fc.double({ min: min ?? -1e9, max: max ?? 1e9, noNaN: true });
  const lo = Math.ceil(min ?? -1_000_000);
  const hi = Math.floor(max ?? 1_000_000);
  return fc.oneof(fc.integer({ min: lo, max: Math.min(hi, lo + 30) }), fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi));
}

/** The type a pipe receives at its very beginning, to know whether its output can stand in for its input. */
function inputType(schema: z.ZodType): string {
  const def = defOf(schema);
  return def.type === 'pipe' && def.in ? inputType(def.in) : def.type;
}

const isOptional = (schema: z.ZodType) => ['optional', 'default'].includes(defOf(schema).type);

/**
 * Values a schema should accept (best effort: refinements are not known), with `hints` for named
 * fields mixed in so services see ids and codes that exist.
 */
export function fromSchema(schema: z.ZodType, hints: Hints = {}, name?: string): fc.Arbitrary<unknown> {
  const generated = generate(schema, hints);
  const hint = name === undefined ? undefined : hints[name];
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: generated }) : generated;
}

function generate(schema: z.ZodType, hints: Hints): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArb(def);
    case 'number':
      return numberArb(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
    case 'default':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return generate(def.innerType as z.ZodType, hints);
    case 'nullable':
      return fc.option(generate(def.innerType as z.ZodType, hints), { nil: null, freq: 6 });
    case 'array': {
      const { min = 0, max } = bounds(def);
      return fc.array(generate(def.element as z.ZodType, hints), { minLength: min, maxLength: Math.min(max ?? 5, Math.max(min, 5)) });
    }
    case 'object': {
      const shape = def.shape ?? {};
      const model = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, fromSchema(s, hints, k)]));
      return fc.record(model, { requiredKeys: Object.keys(shape).filter((k) => !isOptional(shape[k])) });
    }
    case 'record':
      return fc.dictionary(generate(def.keyType as z.ZodType, hints) as fc.Arbitrary<string>, generate(def.valueType as z.ZodType, hints), {
        maxKeys: 4,
      });
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => generate(o, hints)));
    case 'pipe': {
      const out = def.out as z.ZodType;
      const outType = defOf(out).type;
      // A transform's output cannot be sent; a string pipe whose output is again a string (or a list split from it) can.
      if (outType === 'transform' || inputType(def.in as z.ZodType) !== 'string') return generate(def.in as z.ZodType, hints);
      if (outType === 'array') return (generate(out, hints) as fc.Arbitrary<unknown[]>).map((a) => a.join(','));
      return outType === 'string' ? generate(out, hints) : generate(def.in as z.ZodType, hints);
    }
    default:
      return hostileValue;
  }
}

/** A valid object with one field replaced by a hostile value, removed, or joined by an unknown key. */
export function mutated(schema: z.ZodType, hints: Hints = {}): fc.Arbitrary<unknown> {
  const shape = defOf(schema).shape;
  if (!shape || Object.keys(shape).length === 0) return hostileJson;
  return fc
    .tuple(
      fromSchema(schema, hints),
      fc.constantFrom(...Object.keys(shape), '__proto__', 'extra'),
      hostileValue,
      fc.constantFrom('replace', 'drop'),
    )
    .map(([valid, key, value, how]) => {
      const out: Record<string, unknown> = { ...(valid as Record<string, unknown>) };
      if (how === 'drop') delete out[key];
      else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      return out;
    });
}

/** Query strings and path segments are text: numbers and booleans are sent as their string form. */
export const asText = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
