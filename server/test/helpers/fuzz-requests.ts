import fc from 'fast-check';
import type { z } from 'zod';
import type { Role } from '@baoxiu/shared';
import { asText, fromSchema, hostileJson, hostileString, hostileValue, mutated, type Hints } from './fuzz-values';
import { multipart, type RawRequest } from './raw-http';
import { JPEG_BYTES, PNG_BYTES, WEBP_BYTES } from './factories';
import type { HttpMethod } from './routes';

export interface ParamSpec {
  schema: z.ZodType;
  /** Values that name real rows (ids, codes, tokens of the seeded tenants). */
  known: readonly string[];
  /** Values never sent, known or generated: the accounts whose tokens the calls carry, on routes that end sessions. */
  avoid?: readonly string[];
}

/** How one route is called: who by, and the shared schemas its params, query and body come from. */
export interface FuzzEntry {
  /** Roles whose token the well-formed calls carry; 'reporter' = a WeChat reporter session; 'operator' = OPERATOR_TOKEN; null = no token. */
  as: Role[] | 'reporter' | 'operator' | null;
  params?: Record<string, ParamSpec>;
  query?: z.ZodType;
  /** A JSON body schema, or a multipart upload of a photo ('image'), an asset sheet ('sheet') or a parts sheet ('partSheet'). */
  body?: z.ZodType | 'image' | 'sheet' | 'partSheet';
  idempotencyKey?: boolean;
  /** Share of the requests relative to the other routes (slow paths such as scrypt get fewer). */
  weight?: number;
}

/** Tokens of every kind a caller may present. */
export interface AuthPool {
  own: Record<Role, string>;
  otherTenant: Record<Role, string>;
  expired: string;
  forged: string;
  removedUser: string;
  reporter: string;
  operator: string;
}

/** What the sheet generator needs to write rows that can import. */
export interface SheetContext {
  siteNames: string[];
  xlsxTemplate: Buffer;
}

/** Node refuses to send control characters in headers; everything else a client could send is kept. */
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').slice(0, 4000);

function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return Buffer.from(s, 'utf8').toString('hex'); // lone surrogates cannot be percent-encoded
  }
}

const RAW_SEGMENTS = [
  '..',
  '.',
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%2F',
  'a%2Fb',
  '..%2F..%2Fetc%2Fpasswd',
  '%C0%AE%C0%AE',
  '%uD800',
  '%252e',
  ';',
  ',',
  '*',
];

function paramArb(spec: ParamSpec | undefined): fc.Arbitrary<string> {
  const avoid = new Set(spec?.avoid ?? []);
  const allowed = (v: string) => !avoid.has(v);
  const choices: Array<fc.WeightedArbitrary<string>> = [
    { weight: 2, arbitrary: hostileString.filter((s) => s.length < 2_000 && allowed(s)).map(safeEncode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  ];
  if (spec) choices.push({ weight: 2, arbitrary: fromSchema(spec.schema).map(asText).filter(allowed).map(safeEncode) });
  const known = spec?.known.filter(allowed) ?? [];
  if (known.length > 0) choices.push({ weight: 5, arbitrary: fc.constantFrom(...known).map(safeEncode) });
  return fc.oneof(...choices);
}

function toQuery(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return asText(value) ? `?${safeEncode(asText(value))}` : '';
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) qs.append(headerSafe(k).slice(0, 200), asText(item).slice(0, 1_000));
  }
  // Node answers a request line over 16 KiB itself (431); the app's own answers are what is under test.
  const text = qs
    .toString()
    .slice(0, 6_000)
    .replace(/%[0-9A-F]?$/i, '');
  return text ? `?${text}` : '';
}

const RAW_QUERY = ['', '', '', '&%zz=%E0', '&&&=&', '&a[b]=1&a[c]=2', '&status=offered&status=done', '&page=1&page=2', '&__proto__=x'];

function queryArb(schema: z.ZodType | undefined, hints: Hints): fc.Arbitrary<string> {
  const junk = fc.dictionary(
    hostileString.filter((s) => s.length < 100),
    hostileValue,
    { maxKeys: 3 },
  );
  const shaped = schema
    ? fc.oneof(
        { weight: 4, arbitrary: fromSchema(schema, hints) },
        { weight: 2, arbitrary: mutated(schema, hints) },
        { weight: 1, arbitrary: junk },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: junk });
  return fc.tuple(shaped, fc.constantFrom(...RAW_QUERY)).map(([v, raw]) => {
    const q = toQuery(v);
    return raw && q ? `${q}${raw}` : raw ? `?${raw.slice(1)}` : q;
  });
}

interface Body {
  contentType?: string;
  data: Buffer | string;
}

const DEEP_ARRAY = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`;
const RAW_JSON = [
  '{"a":',
  'null',
  '',
  ' ',
  'not json',
  '{"a":1}{"b":2}',
  '\u0000',
  DEEP_ARRAY,
  DEEP_OBJECT,
  `{"description":${DEEP_ARRAY}}`,
  '{"description":"\\ud800"}',
  '1e999',
  '"a string"',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  `{"description":"${'x'.repeat(1_100_000)}"}`,
];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'multipart/form-data',
  'application/xml',
  '',
];

const json = (value: unknown): Body => ({ contentType: 'application/json', data: JSON.stringify(value) ?? 'null' });
const rawBody: fc.Arbitrary<Body> = fc.oneof(
  fc.constantFrom(...RAW_JSON).map((data) => ({ contentType: 'application/json', data })),
  fc
    .tuple(fc.constantFrom(...OTHER_TYPES), fc.jsonValue({ maxDepth: 2 }))
    .map(([contentType, v]) => ({ contentType, data: JSON.stringify(v) ?? '' })),
);

const FILE_NAMES = [
  'a.png',
  'photo.jpg',
  '../../../../etc/passwd',
  '..\\..\\boot.ini',
  'x.png\u0000.exe',
  '照片 😀.jpg',
  'a"b.png',
  'a\r\nX-Evil: 1.png',
  '',
];

function filePart(field: fc.Arbitrary<string>, names: fc.Arbitrary<string>, data: fc.Arbitrary<Buffer>) {
  const type = fc.constantFrom('image/png', 'image/jpeg', 'application/octet-stream', 'text/csv', 'text/html', undefined);
  return fc.record({ field, filename: names, type, data });
}

function multipartArb(parts: fc.Arbitrary<Parameters<typeof multipart>[0]>): fc.Arbitrary<Body> {
  const broken = fc.tuple(parts, fc.nat({ max: 400 })).map(([p, cut]) => {
    const m = multipart(p);
    return { contentType: m.contentType, data: m.body.subarray(0, Math.min(cut, m.body.length)) };
  });
  const whole = parts.map((p) => {
    const m = multipart(p);
    return { contentType: m.contentType, data: m.body };
  });
  const noBoundary = parts.map((p) => ({ contentType: 'multipart/form-data', data: multipart(p).body }));
  return fc.oneof(
    { weight: 8, arbitrary: whole },
    { weight: 1, arbitrary: broken },
    { weight: 1, arbitrary: noBoundary },
    { weight: 1, arbitrary: rawBody },
  );
}

function imageBody(): fc.Arbitrary<Body> {
  const bytes = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(PNG_BYTES, JPEG_BYTES, WEBP_BYTES) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        Buffer.alloc(0),
        Buffer.concat([JPEG_BYTES, Buffer.alloc(8_000, 7)]),
        Buffer.from('%PDF-1.4 not an image'),
      ),
    },
  );
  const field = fc.oneof(
    { weight: 6, arbitrary: fc.constant('file') },
    { weight: 1, arbitrary: hostileString.filter((s) => s.length < 100) },
  );
  const one = filePart(field, fc.constantFrom(...FILE_NAMES), bytes);
  return multipartArb(
    fc.oneof(
      { weight: 6, arbitrary: fc.array(one, { minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.array(one, { maxLength: 3 }) },
    ),
  );
}

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

function sheetBody(ctx: SheetContext): fc.Arbitrary<Body> {
  const header = fc.oneof(
    { weight: 3, arbitrary: fc.constant(['名称', '站点', '型号', '类别', '保修截止']) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.oneof(
          fc.constantFrom('名称', '站点', '序列号', '外部编号', 'name', 'site', '设备编码', ''),
          hostileString.filter((s) => s.length < 80),
        ),
        { maxLength: 6 },
      ),
    },
  );
  const cell = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ctx.siteNames, 'AC-1', '空调', '2025-12-31', '2099-02-30', '') },
    { weight: 2, arbitrary: hostileString },
  );
  const csv = fc
    .tuple(header, fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }))
    .map(([h, rows]) => [h, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n'));
  const corrupt = fc.tuple(fc.nat({ max: ctx.xlsxTemplate.length - 1 }), fc.nat({ max: 255 })).map(([at, byte]) => {
    const copy = Buffer.from(ctx.xlsxTemplate);
    copy[at] = byte;
    return copy;
  });
  const file = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(
        csv.map((s) => Buffer.from(s, 'utf8')),
        fc.constantFrom('assets.csv', 'assets.xlsx', 'a.txt'),
      ),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constant(ctx.xlsxTemplate), fc.constantFrom('assets.xlsx', 'assets.csv')) },
    { weight: 1, arbitrary: fc.tuple(corrupt, fc.constant('assets.xlsx')) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.uint8Array({ maxLength: 500 }).map((a) => Buffer.from(a)),
        fc.constantFrom('x.xlsx', 'x.csv', '../x.csv'),
      ),
    },
  );
  const part = fc
    .tuple(
      fc.oneof({ weight: 8, arbitrary: fc.constant('file') }, { weight: 1, arbitrary: fc.constant('sheet') }),
      file,
      fc.constantFrom('text/csv', 'application/octet-stream', undefined),
    )
    .map(([field, [data, filename], type]) => ({ field, filename, type, data }));
  return multipartArb(fc.array(part, { minLength: 1, maxLength: 1 }));
}

/** A parts sheet (SKU, name, unit, cost and price in yuan …), mostly importable, sometimes hostile or not a sheet at all. */
function partSheetBody(): fc.Arbitrary<Body> {
  const header = fc.oneof(
    { weight: 3, arbitrary: fc.constant(['sku', 'name', 'unit', 'cost', 'price', 'minStock']) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.oneof(
          fc.constantFrom('sku', '编号', 'name', '名称', 'price', ''),
          hostileString.filter((s) => s.length < 80),
        ),
        { maxLength: 6 },
      ),
    },
  );
  const row = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.tuple(
        fc.constantFrom('FZ-0', 'FZ-9', 'NEW-1'),
        fc.constantFrom('电容', '风扇'),
        fc.constant('个'),
        fc.constantFrom('1.5', '12', '0.99'),
        fc.constantFrom('3', '38.00'),
        fc.constantFrom('0', '2'),
      ),
    },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom('', '-1', '1.234', '99999999999'), hostileString), { maxLength: 6 }) },
  );
  const csv = fc
    .tuple(header, fc.array(row, { minLength: 1, maxLength: 4 }))
    .map(([h, rows]) => Buffer.from([h, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n'), 'utf8'));
  const file = fc.oneof(
    { weight: 5, arbitrary: csv },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
  );
  return multipartArb(
    fc.array(
      file.map((data) => ({ field: 'file', filename: 'parts.csv', type: 'text/csv', data })),
      { minLength: 1, maxLength: 1 },
    ),
  );
}

function bodyArb(entry: FuzzEntry, hints: Hints, sheet: SheetContext): fc.Arbitrary<Body | undefined> {
  if (entry.body === 'image') return imageBody();
  if (entry.body === 'sheet') return sheetBody(sheet);
  if (entry.body === 'partSheet') return partSheetBody();
  if (!entry.body)
    return fc.oneof(
      { weight: 5, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: hostileJson.map(json) },
      { weight: 1, arbitrary: rawBody },
    );
  return fc.oneof(
    { weight: 5, arbitrary: fromSchema(entry.body, hints).map(json) },
    { weight: 3, arbitrary: mutated(entry.body, hints).map(json) },
    { weight: 1, arbitrary: hostileJson.map(json) },
    { weight: 1, arbitrary: rawBody },
  );
}

function authArb(entry: FuzzEntry, pool: AuthPool): fc.Arbitrary<string | undefined> {
  const bearer = (t: string) => `Bearer ${t}`;
  const right =
    entry.as === 'reporter'
      ? fc.constant(bearer(pool.reporter))
      : entry.as === 'operator'
        ? fc.constant(bearer(pool.operator))
        : entry.as
          ? fc.constantFrom(...entry.as.map((r) => bearer(pool.own[r])))
          : fc.constant(undefined);
  const other = fc.constantFrom(
    ...Object.values(pool.own).map(bearer),
    ...Object.values(pool.otherTenant).map(bearer),
    bearer(pool.expired),
    bearer(pool.forged),
    bearer(pool.removedUser),
    bearer(pool.reporter),
    'Bearer',
    'Bearer ',
    'Basic YWRtaW46eA==',
    'Bearer a.b.c',
    'bearer  x',
    bearer('A'.repeat(4_000)),
  );
  return fc.oneof(
    { weight: 8, arbitrary: right },
    { weight: 2, arbitrary: other },
    { weight: 1, arbitrary: hostileString.map((s) => bearer(headerSafe(s))) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const idemKeyArb = fc.oneof(
  { weight: 5, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fc.constantFrom('fuzz-key-0001', 'fuzz-key-0002', 'fuzz-key-0003') },
  { weight: 1, arbitrary: hostileString.map(headerSafe) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const langArb = fc.constantFrom(undefined, 'en', 'zh-CN', 'en-US,en;q=0.9', 'fr;q=0.1', '*', ';;;,,,', 'x'.repeat(500));

/** Requests for one route: well-formed ones from its schemas, mixed with hostile params, bodies, headers and tokens. */
export function requestArb(
  route: { method: HttpMethod; path: string },
  entry: FuzzEntry,
  ctx: { hints: Hints; auth: AuthPool; sheet: SheetContext },
): fc.Arbitrary<RawRequest> {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const params = fc.tuple(...names.map((n) => paramArb(entry.params?.[n])));
  return fc
    .record({
      params: names.length ? params : fc.constant([] as string[]),
      query: queryArb(entry.query, ctx.hints),
      body: bodyArb(entry, ctx.hints, ctx.sheet),
      auth: authArb(entry, ctx.auth),
      key: entry.idempotencyKey ? idemKeyArb : fc.constant(undefined),
      lang: langArb,
    })
    .map(({ params: values, query, body, auth, key, lang }) => {
      let i = 0;
      const path = route.path.replace(/:(\w+)/g, () => values[i++] ?? '') + query;
      const headers: Record<string, string> = {};
      if (auth !== undefined) headers.authorization = auth;
      if (key !== undefined) headers['idempotency-key'] = key;
      if (lang !== undefined) headers['accept-language'] = lang;
      if (body?.contentType) headers['content-type'] = body.contentType;
      return { method: route.method, path, headers, body: body?.data };
    });
}
