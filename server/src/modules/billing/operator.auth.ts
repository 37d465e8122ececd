import { timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';

const bearer = (ctx: Koa.Context): string | null => /^Bearer\s+(.+)$/i.exec(ctx.get('authorization'))?.[1].trim() ?? null;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether the request carries the operator's bearer secret (a tenant's staff token never is it). */
export const isOperator = (deps: Deps, ctx: Koa.Context): boolean => {
  const token = bearer(ctx);
  return token !== null && sameSecret(token, deps.operatorToken);
};

/** Guards /api/operator: no token → 401 UNAUTHENTICATED; any other token (a tenant's included) → 401 TOKEN_INVALID. */
export function requireOperator(deps: Deps): Koa.Middleware {
  return async (ctx, next) => {
    if (bearer(ctx) === null) throw new AppError('UNAUTHENTICATED');
    if (!isOperator(deps, ctx)) throw new AppError('TOKEN_INVALID');
    await next();
  };
}
