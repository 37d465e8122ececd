import jwt from 'jsonwebtoken';
import { hmacKey } from '../auth/hmac-key';
import type Koa from 'koa';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { Reporter } from './reporter.entity';

export interface ReporterState {
  reporter: Reporter;
}

// The audience keeps reporter and staff tokens apart: neither is accepted where the other is expected.
const AUDIENCE = 'reporter';
const TOKEN_TTL = '30d';

export function signReporterToken(secret: string, reporter: Reporter): string {
  return jwt.sign({}, hmacKey(secret), { subject: String(reporter.id), audience: AUDIENCE, expiresIn: TOKEN_TTL, algorithm: 'HS256' });
}

function bearer(ctx: Koa.Context): string | null {
  return /^Bearer\s+(.+)$/i.exec(ctx.get('authorization'))?.[1]?.trim() ?? null;
}

async function verify(deps: Deps, token: string): Promise<Reporter | null> {
  let sub: string | undefined;
  try {
    const claims = jwt.verify(token, hmacKey(deps.jwtSecret), { algorithms: ['HS256'], audience: AUDIENCE });
    sub = typeof claims === 'string' ? undefined : claims.sub;
  } catch {
    return null;
  }
  if (!sub || !/^\d+$/.test(sub)) return null;
  return deps.db.ds.getRepository(Reporter).findOneBy({ id: Number(sub) });
}

/** A reporter signed in with WeChat; 401 otherwise. */
export function requireReporter(deps: Deps): Koa.Middleware<ReporterState> {
  return async (ctx, next) => {
    const token = bearer(ctx);
    if (!token) throw new AppError('UNAUTHENTICATED');
    const reporter = await verify(deps, token);
    if (!reporter) throw new AppError('TOKEN_INVALID');
    ctx.state.reporter = reporter;
    await next();
  };
}

/**
 * The signed-in reporter on an anonymous endpoint (intake), or null. A stale or foreign token is
 * ignored rather than refused: filing a repair must never fail over sign-in.
 */
export async function optionalReporter(deps: Deps, ctx: Koa.Context): Promise<Reporter | null> {
  const token = bearer(ctx);
  return token ? verify(deps, token) : null;
}
