import jwt from 'jsonwebtoken';
import { hmacKey } from './hmac-key';
import type Koa from 'koa';
import { API_KEY_PREFIX, type Role } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { User } from './user.entity';
import { can, type Permission } from './auth.policy';
import { actorOfApiKey } from './api-keys.service';

import type { StaffActor } from './actor';

export type { StaffActor } from './actor';

export interface StaffState {
  actor: StaffActor;
  requestId?: string;
}

interface TokenClaims {
  sub: string;
  tid: number;
  role: Role;
  /** The user's token version at signing; absent in tokens older than the column (version 0). */
  tv?: number;
}

const TOKEN_TTL = '12h';

export function signStaffToken(secret: string, user: User): string {
  return jwt.sign({ tid: user.tenantId, role: user.role, tv: user.tokenVersion ?? 0 }, hmacKey(secret), {
    subject: String(user.id),
    expiresIn: TOKEN_TTL,
    algorithm: 'HS256',
  });
}

function readClaims(secret: string, token: string): TokenClaims {
  try {
    const claims = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'] });
    if (typeof claims === 'string' || typeof claims.sub !== 'string' || typeof claims.tid !== 'number') {
      throw new AppError('TOKEN_INVALID');
    }
    return claims as TokenClaims;
  } catch {
    throw new AppError('TOKEN_INVALID');
  }
}

/**
 * Verifies the bearer token, reloads the user (a removed account loses access at once), checks the token
 * version (signed out, password changed, WeChat unlinked) and the grant. The user row is read on every
 * request anyway, so the version check costs nothing more and holds across processes with no cache.
 * A `bxk_…` bearer is an integration's API key instead (api-keys.service.ts).
 */
export function requireStaff(deps: Deps, permission: Permission): Koa.Middleware<StaffState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw new AppError('UNAUTHENTICATED');
    const token = match[1].trim();
    if (token.startsWith(API_KEY_PREFIX)) {
      // An integration's key: the `api` plan module, a dispatcher's permissions, one metered API call.
      const actor = await actorOfApiKey(deps, token);
      await deps.requireModule(actor.tenantId, 'api');
      if (!can(actor.type, permission)) throw new AppError('FORBIDDEN', { permission });
      deps.apiCalls.add(actor.tenantId);
      ctx.state.actor = actor;
      await next();
      return;
    }
    const claims = readClaims(deps.jwtSecret, token);
    const user = await deps.db.ds.getRepository(User).findOneBy({ id: Number(claims.sub), tenantId: claims.tid, active: true });
    if (!user || user.tokenVersion !== (claims.tv ?? 0)) throw new AppError('TOKEN_INVALID');
    if (!can(user.role, permission)) throw new AppError('FORBIDDEN', { permission });
    ctx.state.actor = { type: user.role, userId: user.id, tenantId: user.tenantId, name: user.name };
    await next();
  };
}
