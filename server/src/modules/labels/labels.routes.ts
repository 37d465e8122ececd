import { PassThrough } from 'node:stream';
import Router from '@koa/router';
import { LabelsRequestSchema } from '@baoxiu/shared';
import { parse } from '../../lib/validate';
import type { Deps } from '../../deps';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { selectLabels } from './labels.service';
import { withWxacodes } from './labels.wxacode';
import { renderLabelSheet } from './labels.pdf';

export function labelRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/labels' });
  router.post('/', requireStaff(deps, 'assets:read'), async (ctx) => {
    const input = parse(LabelsRequestSchema, ctx.request.body);
    const selected = await selectLabels(deps, ctx.state.actor.tenantId, input);
    const labels = input.code === 'wxacode' ? await withWxacodes(deps, selected) : selected;
    // Streamed: the renderer waits for the client to read, so 10,000 labels never sit in memory.
    const out = new PassThrough();
    ctx.type = 'application/pdf';
    ctx.attachment(`baoxiu-labels-${input.layout}.pdf`);
    ctx.set('X-Label-Count', String(labels.length));
    ctx.body = out;
    renderLabelSheet(labels, { layout: input.layout, baseUrl: deps.config.publicBaseUrl }, out).catch((err: unknown) => {
      deps.log.error({ err, requestId: ctx.state.requestId }, 'label sheet failed mid-stream');
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });
  return router;
}
