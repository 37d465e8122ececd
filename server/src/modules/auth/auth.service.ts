import type { EntityManager } from 'typeorm';
import type { LoginInput, LoginResponse } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { Tenant } from '../tenants/tenant.entity';
import { User } from './user.entity';
import { hashPassword, needsRehash, scryptCost, verifyPassword } from './password';
import { signStaffToken } from './auth.middleware';
import { guardSignIn, withHashSlot } from './login-guard';

// Verifying against a dummy hash keeps unknown users as slow as wrong passwords (one per configured cost).
const dummyHashes = new Map<number, Promise<string>>();

function dummyHash(log2N: number): Promise<string> {
  let h = dummyHashes.get(log2N);
  if (!h) {
    h = hashPassword('not-a-password', scryptCost(log2N));
    dummyHashes.set(log2N, h);
  }
  return h;
}

/** Password sign-in, behind the lockout and the hashing cap; a hash made at a lower cost is upgraded. */
export async function login(deps: Deps, input: LoginInput, ip: string): Promise<LoginResponse> {
  const subjects = { ip, account: { tenant: input.tenant, username: input.username } };
  return guardSignIn(deps, subjects, async () => {
    const tenant = await deps.db.ds.getRepository(Tenant).findOneBy({ slug: input.tenant.toLowerCase() });
    const user = tenant
      ? await deps.db.ds.getRepository(User).findOneBy({ tenantId: tenant.id, username: input.username, active: true })
      : null;
    const stored = user?.passwordHash ?? (await dummyHash(deps.config.passwordLog2N));
    const ok = await withHashSlot(deps, ip, () => verifyPassword(input.password, stored));
    if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
    const wanted = scryptCost(deps.config.passwordLog2N);
    if (needsRehash(user.passwordHash, wanted)) {
      const upgraded = await withHashSlot(deps, ip, () => hashPassword(input.password, wanted));
      // Only over the hash just checked: a password changed meanwhile is not overwritten.
      await deps.db.ds
        .createQueryBuilder()
        .update(User)
        .set({ passwordHash: upgraded })
        .where('id = :id AND passwordHash = :old', { id: user.id, old: user.passwordHash })
        .execute();
    }
    return { token: signStaffToken(deps.jwtSecret, user), user: { id: user.id, name: user.name, role: user.role } };
  });
}

/** Sign-out: every token issued to this account so far stops working. */
export async function logout(deps: Deps, actor: { userId: number; tenantId: number }): Promise<void> {
  await bumpTokenVersion(deps.db.ds.manager, actor.tenantId, actor.userId);
}

/** Invalidates every token of the user (password change, WeChat unlink, disable, role change, sign-out). */
export async function bumpTokenVersion(em: EntityManager, tenantId: number, userId: number): Promise<void> {
  await em
    .createQueryBuilder()
    .update(User)
    .set({ tokenVersion: () => 'tokenVersion + 1' })
    .where('id = :userId AND tenantId = :tenantId', { userId, tenantId })
    .execute();
}
