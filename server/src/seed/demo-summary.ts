import type { Deps } from '../deps';
import { Asset } from '../modules/assets/asset.entity';
import { verifyPassword } from '../modules/auth/password';
import { User } from '../modules/auth/user.entity';
import { Tenant } from '../modules/tenants/tenant.entity';
import type { DemoSummary } from './demo';

/** On a restart: the demo tenant as it stands, so the start-up banner can be printed again (not only the first time). */
export async function existingDemo(deps: Deps): Promise<(Omit<DemoSummary, 'password'> & { password: string | null }) | null> {
  const em = deps.db.ds.manager;
  const tenant = await em.findOneBy(Tenant, { slug: 'demo' });
  if (!tenant) return null;
  const users = await em.find(User, { where: { tenantId: tenant.id, active: true }, order: { id: 'ASC' } });
  const assets = await em.find(Asset, { where: { tenantId: tenant.id }, order: { id: 'ASC' }, take: 20 });
  // The seed prints every fifth asset; the same ones again, if they still exist.
  const assetCodes = assets.filter((_, i) => i % 5 === 0).map((a) => ({ code: a.code, name: a.name }));
  // A password someone changed since the seed is not printed: the banner must not claim what no longer works.
  const admin = users.find((u) => u.role === 'admin');
  const unchanged = admin ? await verifyPassword(deps.config.demoPassword, admin.passwordHash) : false;
  return {
    tenant: tenant.slug,
    users: users.map((u) => ({ username: u.username, role: u.role, name: u.name })),
    password: unchanged ? deps.config.demoPassword : null,
    assetCodes,
  };
}
