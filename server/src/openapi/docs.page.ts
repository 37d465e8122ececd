import { TAGS } from './catalog';

type Json = Record<string, unknown>;

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A schema in one line: a component's name, `T[]`, an object's keys, or the type. */
function brief(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return '';
  const s = schema as Json;
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop() ?? '';
  if (s.type === 'array') return `${brief(s.items)}[]`;
  if (s.properties && typeof s.properties === 'object') {
    const required = new Set((s.required as string[] | undefined) ?? []);
    return `{ ${Object.entries(s.properties as Json)
      .map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${brief(v) || 'any'}`)
      .join(', ')} }`;
  }
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(s.anyOf)) return s.anyOf.map(brief).join(' | ');
  return typeof s.type === 'string' ? s.type : '';
}

/**
 * `/api/docs`: the OpenAPI document as a page a person reads — every operation by tag with its access, parameters,
 * body and answers, and the components' names linking to `/api/openapi.json`. No script (the CSP allows none).
 */
export function renderDocsPage(doc: Json): string {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags as string[])[0];
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map(
          (p) =>
            `<li><code>${esc(String(p.name))}</code> <span class="in">${esc(String(p.in))}${p.required ? ', required' : ''}</span> ${esc(brief(p.schema))}</li>`,
        )
        .join('');
      const body = op.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
      const bodyText = body
        ? Object.entries(body.content)
            .map(([m, c]) => `<code>${esc(m)}</code> ${esc(brief(c.schema))}`)
            .join('<br>')
        : '';
      const replies = Object.entries(
        op.responses as Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>,
      )
        .map(
          ([status, r]) =>
            `<li><b>${esc(status)}</b> ${esc(r.description)}${
              r.content
                ? ` — ${Object.entries(r.content)
                    .map(([m, c]) => `<code>${esc(m)}</code> ${esc(brief(c.schema))}`)
                    .join(', ')}`
                : ''
            }</li>`,
        )
        .join('');
      const roles = op['x-roles'] as string[] | undefined;
      const html = `<section class="op" id="${esc(String(op.operationId))}">
  <h3><span class="m m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
  <p>${esc(String(op.summary))}</p>${op.description ? `<p class="d">${esc(String(op.description))}</p>` : ''}
  <p class="acc">${esc(String(op['x-access']))}${roles ? ` — ${esc(roles.join(', '))}` : ''}</p>
  ${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}${bodyText ? `<h4>Body</h4><p>${bodyText}</p>` : ''}
  <h4>Answers</h4><ul>${replies}</ul>
</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const info = doc.info as { title: string; version: string; description: string };
  const nav = Object.entries(TAGS)
    .filter(([t]) => byTag.has(t))
    .map(([t, d]) => `<li><a href="#tag-${t}">${esc(d)}</a> (${byTag.get(t)?.length ?? 0})</li>`)
    .join('');
  const sections = Object.entries(TAGS)
    .filter(([t]) => byTag.has(t))
    .map(([t, d]) => `<h2 id="tag-${t}">${esc(d)}</h2>${(byTag.get(t) ?? []).join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Noto Sans CJK SC",sans-serif;margin:0;color:#1f2329;background:#f7f8fa}
main{max-width:1000px;margin:0 auto;padding:24px}header{background:#1f2a37;color:#fff;padding:24px}header a{color:#9ecbff}
.op{background:#fff;border:1px solid #e5e6eb;border-radius:8px;padding:12px 16px;margin:12px 0}
h3{margin:0;font-size:16px}h4{margin:8px 0 2px;font-size:13px;color:#4e5969}ul{margin:0;padding-left:20px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}.in,.acc,.d{color:#4e5969}
.m{display:inline-block;min-width:56px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:1px 4px}
.m-get{background:#0958d9}.m-post{background:#237804}.m-put{background:#874d00}.m-patch{background:#5b2bb5}.m-delete{background:#a8071a}
</style></head>
<body><header><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1)</p></header>
<main><nav><ul>${nav}</ul></nav>
${sections}
</main></body></html>`;
}
