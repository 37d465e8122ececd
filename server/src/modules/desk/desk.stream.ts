import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type Koa from 'koa';
import type { StreamTicketResponse } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { requireStaff, type StaffState } from '../auth/auth.middleware';
import { can } from '../auth/auth.policy';
import { User } from '../auth/user.entity';
import type { DeskEvent } from './desk.bus';

/** How long a stream ticket may wait to be used; it names one user of one tenant and works once. */
export const STREAM_TICKET_SECONDS = 60;
const ticketKey = (ticket: string) => `desk:st:${ticket}`;

/** `?ticket=` (EventSource cannot send headers) or else the staff bearer token, either way for `tickets:read`. */
function streamAuth(deps: Deps): Koa.Middleware<StaffState> {
  const byHeader = requireStaff(deps, 'tickets:read');
  return async (ctx, next) => {
    const ticket = typeof ctx.query.ticket === 'string' ? ctx.query.ticket : null;
    if (ticket === null) return byHeader(ctx, next);
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(ticket)) throw new AppError('TOKEN_INVALID');
    const held = await deps.kv.get(ticketKey(ticket));
    // Taking it is a compare-and-delete: of two connections with one ticket, only one gets in.
    if (held === null || !(await deps.kv.delIfEquals(ticketKey(ticket), held))) throw new AppError('TOKEN_INVALID');
    const [userId, tenantId] = held.split(':').map(Number);
    const user = await deps.db.ds.getRepository(User).findOneBy({ id: userId, tenantId, active: true });
    if (!user) throw new AppError('TOKEN_INVALID');
    if (!can(user.role, 'tickets:read')) throw new AppError('FORBIDDEN', { permission: 'tickets:read' });
    ctx.state.actor = { type: user.role, userId: user.id, tenantId: user.tenantId, name: user.name };
    await next();
  };
}

const frame = (e: DeskEvent) => `id: ${e.id}\nevent: ticket\ndata: ${JSON.stringify(e.data)}\n\n`;

/** The desk's live queue: committed ticket changes of the caller's tenant as Server-Sent Events. */
export function deskStreamRoutes(deps: Deps): Router<StaffState> {
  const router = new Router<StaffState>({ prefix: '/api/tickets' });
  router.post('/stream-ticket', requireStaff(deps, 'tickets:read'), async (ctx) => {
    const ticket = randomBytes(24).toString('base64url');
    const { userId, tenantId } = ctx.state.actor;
    await deps.kv.set(ticketKey(ticket), `${userId}:${tenantId}`, STREAM_TICKET_SECONDS);
    const body: StreamTicketResponse = { ticket, expiresInSeconds: STREAM_TICKET_SECONDS };
    ctx.body = body;
  });

  router.get('/stream', streamAuth(deps), (ctx) => {
    const { tenantId } = ctx.state.actor;
    const bus = deps.ticketBus;
    // No socket timeout, no Nagle delay: an event goes out the moment it is written.
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.req.socket.setKeepAlive(true);
    (ctx as { compress?: boolean }).compress = false; // koa-compress, if ever mounted, must not hold events back
    // Koa steps aside (it would pipe a body stream and report every client hang-up as an error): we write the response.
    ctx.status = 200;
    ctx.respond = false;
    const out = ctx.res;
    out.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no', // nginx: do not buffer this response
      Connection: 'keep-alive',
    });
    out.flushHeaders();

    const lastId = ctx.get('last-event-id') || (typeof ctx.query.lastEventId === 'string' ? ctx.query.lastEventId : '');
    out.write(`retry: 3000\n: connected\n\n`);
    if (lastId) {
      const missed = bus.since(tenantId, lastId);
      // Too far behind (or another deployment's id): the client reloads its lists instead of trusting a gap.
      if (missed === null) out.write(`event: resync\ndata: {}\n\n`);
      else for (const e of missed) out.write(frame(e));
    }
    let open = true;
    const cleanup = () => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      unsubscribe();
      if (!out.writableEnded) out.end();
    };
    const unsubscribe = bus.subscribe(tenantId, (e) => out.write(frame(e)), cleanup);
    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), bus.heartbeatMs);
    heartbeat.unref();
    out.on('close', cleanup);
  });
  return router;
}
