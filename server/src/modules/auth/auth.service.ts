import type { LoginInput, LoginResponse } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { Tenant } from '../tenants/tenant.entity';
import { User } from './user.entity';
import { hashPassword, verifyPassword } from './password';
import { signStaffToken } from './auth.middleware';

// Verifying against a dummy hash keeps unknown users as slow as wrong passwords.
let dummyHash: Promise<string> | null = null;

export async function login(deps: Deps, input: LoginInput): Promise<LoginResponse> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneBy({ slug: input.tenant.toLowerCase() });
  const user = tenant
    ? await deps.db.ds.getRepository(User).findOneBy({ tenantId: tenant.id, username: input.username, active: true })
    : null;
  dummyHash ??= hashPassword('not-a-password');
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
  return { token: signStaffToken(deps.jwtSecret, user), user: { id: user.id, name: user.name, role: user.role } };
}
