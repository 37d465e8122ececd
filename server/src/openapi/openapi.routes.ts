import Router from '@koa/router';
import { API_VERSION, buildOpenApi } from './document';
import { renderDocsPage } from './docs.page';

/** The API's own description: `/api/openapi.json` (OpenAPI 3.1) and `/api/docs` (the same, as a page). Public. */
export function openApiRoutes(): Router {
  const router = new Router();
  // Built on first use, once per system (it depends on nothing that changes while the process runs).
  let doc: Record<string, unknown> | null = null;
  let page: string | null = null;
  const documented = () => (doc ??= buildOpenApi(API_VERSION));
  router.get('/api/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = documented();
  });
  router.get('/api/docs', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page ??= renderDocsPage(documented());
  });
  return router;
}
