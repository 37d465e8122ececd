import { randomBytes } from 'node:crypto';
import type { DispatchMode, Role } from '@baoxiu/shared';
import type { Deps } from '../../src/deps';
import { Tenant } from '../../src/modules/tenants/tenant.entity';
import { User } from '../../src/modules/auth/user.entity';
import { Site } from '../../src/modules/assets/site.entity';
import { Asset } from '../../src/modules/assets/asset.entity';
import { hashPassword, scryptCost } from '../../src/modules/auth/password';
import { signStaffToken } from '../../src/modules/auth/auth.middleware';
import { newAssetCode } from '../../src/lib/ids';
import { bumpRoster } from '../../src/modules/dispatch/dispatch.roster';

export const PASSWORD = 'secret-pass';
let hash: Promise<string> | null = null;
/** The test systems' cost (startTestSystem sets PASSWORD_SCRYPT_LOG2N to it), so sign-ins in tests never rehash. */
export const TEST_SCRYPT_LOG2N = 14;
const passwordHash = () => (hash ??= hashPassword(PASSWORD, scryptCost(TEST_SCRYPT_LOG2N)));

export interface TestTenant {
  id: number;
  slug: string;
  siteIds: number[];
  admin: { id: number; token: string };
  dispatcher: { id: number; token: string };
}

export interface TestUser {
  id: number;
  username: string;
  token: string;
}

/** A tenant of its own for every test: two sites, an admin and a dispatcher with tokens. */
export async function makeTenant(
  deps: Deps,
  opts: { dispatchMode?: DispatchMode; offerTimeoutSeconds?: number } = {},
): Promise<TestTenant> {
  const slug = `t-${randomBytes(5).toString('hex')}`;
  const now = deps.clock.now();
  const id = await deps.db.transaction(
    async (em) =>
      (
        await em.insert(Tenant, {
          slug,
          name: `Tenant ${slug}`,
          dispatchMode: opts.dispatchMode ?? 'auto',
          offerTimeoutSeconds: opts.offerTimeoutSeconds ?? 300,
          timezone: 'Asia/Shanghai',
          createdAt: now,
        })
      ).identifiers[0].id as number,
  );
  const siteIds: number[] = [];
  for (const name of ['一号楼 Building 1', '二号楼 Building 2']) {
    siteIds.push(
      await deps.db.transaction(
        async (em) =>
          (await em.insert(Site, { tenantId: id, name, address: null, region: null, createdAt: now })).identifiers[0].id as number,
      ),
    );
  }
  const admin = await makeUser(deps, id, 'admin');
  const dispatcher = await makeUser(deps, id, 'dispatcher');
  return { id, slug, siteIds, admin, dispatcher };
}

export async function makeUser(
  deps: Deps,
  tenantId: number,
  role: Role,
  profile: { skills?: string[]; siteIds?: number[]; onDuty?: boolean; name?: string } = {},
): Promise<TestUser> {
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const user = await deps.db.transaction(async (em) => {
    const row = em.create(User, {
      tenantId,
      username,
      name: profile.name ?? username,
      role,
      passwordHash: await passwordHash(),
      phone: null,
      skills: profile.skills ?? [],
      siteIds: profile.siteIds ?? [],
      onDuty: profile.onDuty ?? true,
      lastAssignedAt: null,
      active: true,
      createdAt: deps.clock.now(),
    });
    const saved = await em.save(row);
    if (role === 'engineer') await bumpRoster(em, tenantId); // as the engineers API does: dispatch's roster cache must see them
    return saved;
  });
  return { id: user.id, username, token: signStaffToken(deps.jwtSecret, user) };
}

export async function makeEngineers(
  deps: Deps,
  tenantId: number,
  count: number,
  profile: { skills?: string[]; siteIds?: number[] } = {},
): Promise<TestUser[]> {
  const out: TestUser[] = [];
  for (let i = 0; i < count; i += 1) out.push(await makeUser(deps, tenantId, 'engineer', profile));
  return out;
}

export async function makeAsset(
  deps: Deps,
  tenantId: number,
  siteId: number,
  fields: { category?: string | null; name?: string } = {},
): Promise<Asset> {
  const now = deps.clock.now();
  return deps.db.transaction(async (em) => {
    const row = em.create(Asset, {
      tenantId,
      siteId,
      code: newAssetCode(),
      name: fields.name ?? '空调 AC-1',
      model: 'KFR-35',
      serial: null,
      category: fields.category === undefined ? '空调' : fields.category,
      location: '3F 机房',
      warrantyUntil: '2099-12-31',
      customFields: {},
      createdAt: now,
      updatedAt: now,
    });
    return em.save(row);
  });
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Minimal valid images by magic bytes, enough for the upload checks. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
/** A real 2×2 JPEG: uploads are decoded and re-encoded, so magic bytes alone no longer pass. */
export const JPEG_BYTES = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCTABKs/9k=',
  'base64',
);
/** A real 2×2 WebP. */
export const WEBP_BYTES = Buffer.from('UklGRjoAAABXRUJQVlA4IC4AAACwAQCdASoCAAIAAUAmJaACdLoABDAAAP7vUS/xbSOhTIf/cHH/YOP+wcfumAAA', 'base64');
