import { z } from 'zod';
import * as shared from '@baoxiu/shared';
import { ROLE_GRANTS, type Permission } from '../modules/auth/auth.policy';
import { CATALOG, TAGS, type Access, type RouteDoc } from './catalog';

type Json = Record<string, unknown>;

/** The contract's version (the root package.json's). */
export const API_VERSION = '0.1.0';
const COMPONENT = '#/components/schemas/';

/** Every zod schema the shared workspace exports, named as it is there (minus `Schema`): the document's components. */
function sharedRegistry(): { registry: z.core.$ZodRegistry<{ id: string }>; idOf: Map<z.ZodType, string> } {
  const registry = z.registry<{ id: string }>();
  const idOf = new Map<z.ZodType, string>();
  for (const [name, value] of Object.entries(shared).sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.endsWith('Schema') || !(value instanceof z.ZodType) || idOf.has(value)) continue;
    const id = name.slice(0, -'Schema'.length);
    registry.add(value, { id });
    idOf.set(value, id);
  }
  return { registry, idOf };
}

/** `#/$defs/X` (zod's local definitions) → `#/components/schemas/X`; `$schema` and `$id` dropped. */
function relink(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relink);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === '$schema' || k === '$id' || k === '$defs') continue;
    out[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, COMPONENT) : relink(v);
  }
  return out;
}

const PARAM_SCHEMAS: Record<string, z.ZodType> = {
  id: shared.IdSchema,
  number: shared.TicketNumberSchema,
  code: shared.AssetCodeSchema,
  trackingToken: shared.TrackingTokenSchema,
};

const SECURITY: Record<Exclude<Access, 'public'>, string> | Record<string, string> = {
  reporter: 'reporterSession',
  operator: 'operatorToken',
  metrics: 'metricsToken',
};

function securityOf(access: Access): Json[] {
  if (access === 'public') return [];
  if (access in SECURITY) return [{ [SECURITY[access]]: [] }];
  // An integration key has a dispatcher's permissions.
  const roles: readonly string[] = ROLE_GRANTS[access as Permission];
  return roles.includes('dispatcher') ? [{ staffToken: [] }, { apiKey: [] }] : [{ staffToken: [] }];
}

/** The OpenAPI 3.1 document of every route in the catalog, its schemas from the shared workspace. */
export function buildOpenApi(version: string): Json {
  const { registry, idOf } = sharedRegistry();
  const opts = { uri: (id: string) => `${COMPONENT}${id}`, unrepresentable: 'any' as const, io: 'output' as const };
  const components = relink((z.toJSONSchema(registry, opts) as { schemas: Json }).schemas) as Json;
  const output = (schema: z.ZodType): unknown => {
    const id = idOf.get(schema);
    return id ? { $ref: `${COMPONENT}${id}` } : relink(z.toJSONSchema(schema, { ...opts, metadata: registry }));
  };
  // Requests inline and in input form: defaults make a field optional, coercions accept strings.
  const input = (schema: z.ZodType): Json => relink(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' })) as Json;

  const paths: Record<string, Json> = {};
  for (const [key, doc] of Object.entries(CATALOG)) {
    const [method, path] = key.split(' ') as [string, string];
    const openPath = path.replace(/:(\w+)/g, '{$1}');
    (paths[openPath] ??= {})[method.toLowerCase()] = operation(doc, method, path, input, output);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Baoxiu API',
      version,
      description:
        'QR-code repair intake and field-service dispatch. Errors are `{ error: { code, message, details } }` with the codes of `ErrorCode`; money is an integer in minor units.',
    },
    servers: [{ url: '/' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A staff session from POST /api/auth/login' },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: "An integration key `bxk_…` (plan module `api`): a dispatcher's permissions",
        },
        reporterSession: { type: 'http', scheme: 'bearer', description: 'A reporter signed in with WeChat (POST /api/auth/wechat)' },
        operatorToken: { type: 'http', scheme: 'bearer', description: 'OPERATOR_TOKEN' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
      },
    },
  };
}

function operation(doc: RouteDoc, method: string, path: string, input: (s: z.ZodType) => Json, output: (s: z.ZodType) => unknown): Json {
  const parameters: Json[] = [...path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: input(PARAM_SCHEMAS[name] ?? z.string()),
  }));
  if (doc.query) {
    const q = input(doc.query) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {}))
      parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
  }
  for (const h of doc.headers ?? [])
    parameters.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: { type: 'string' } });
  const responses: Json = {};
  for (const r of doc.replies) {
    const media = r.schema ? ['application/json'] : r.media ? [r.media].flat() : [];
    responses[String(r.status)] = {
      description: r.description,
      ...(media.length ? { content: Object.fromEntries(media.map((m) => [m, r.schema ? { schema: output(r.schema) } : {}])) } : {}),
    };
  }
  responses.default = { description: 'An error (4xx/5xx)', content: { 'application/json': { schema: { $ref: `${COMPONENT}ErrorBody` } } } };
  const roles = doc.access in ROLE_GRANTS ? ROLE_GRANTS[doc.access as Permission] : null;
  return {
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [doc.tag],
    operationId: `${method.toLowerCase()}${path.replace(/^\/api/, '').replace(/[/:.-]+(\w)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    security: securityOf(doc.access),
    'x-access': doc.access,
    ...(roles ? { 'x-roles': roles } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: input(doc.body) } } } } : {}),
    ...(doc.file
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: { type: 'object', required: [doc.file], properties: { [doc.file]: { type: 'string', format: 'binary' } } },
              },
            },
          },
        }
      : {}),
    responses,
  };
}
