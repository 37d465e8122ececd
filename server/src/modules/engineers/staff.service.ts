import type { Role, StaffCreateInput, StaffUpdateInput, StaffView } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { isUniqueViolation } from '../../db/database';
import type { Deps } from '../../deps';
import { User } from '../auth/user.entity';
import { hashPassword, scryptCost } from '../auth/password';
import { bumpTokenVersion } from '../auth/auth.service';
import { requireFreeSeat } from '../billing/entitlements';
import { assertSitesExist } from '../assets/sites.service';
import { bumpRoster } from '../dispatch/dispatch.roster';
import { dutyNowOf } from '../dispatch/shifts.service';
import { countOpenJobs } from './open-jobs';

/** Who is doing the change: an admin may not lock themselves out. */
export interface StaffEditor {
  tenantId: number;
  userId: number;
}

export function presentStaff(user: User, openJobs: number, onDutyNow: boolean): StaffView {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    phone: user.phone,
    skills: user.skills ?? [],
    siteIds: user.siteIds ?? [],
    onDuty: user.onDuty,
    onDutyNow,
    active: user.active,
    openJobs,
    createdAt: user.createdAt.toISOString(),
  };
}

async function getStaff(deps: Deps, tenantId: number, id: number): Promise<User> {
  const user = await deps.db.ds.getRepository(User).findOneBy({ id, tenantId });
  if (!user) throw new AppError('STAFF_NOT_FOUND', { id });
  return user;
}

async function viewStaff(deps: Deps, tenantId: number, id: number): Promise<StaffView> {
  const user = await getStaff(deps, tenantId, id);
  const open = await countOpenJobs(deps, tenantId, [id]);
  const now = await dutyNowOf(deps.db.ds.manager, tenantId, [user], deps.clock.now());
  return presentStaff(user, open.get(id) ?? 0, now.get(id) ?? user.onDuty);
}

/** Every account of the tenant, disabled ones included (they can be enabled again): admins first, then by name. */
export async function listStaff(deps: Deps, tenantId: number): Promise<StaffView[]> {
  const users = await deps.db.ds.getRepository(User).find({ where: { tenantId }, order: { name: 'ASC', id: 'ASC' } });
  const open = await countOpenJobs(deps, tenantId);
  const now = await dutyNowOf(deps.db.ds.manager, tenantId, users, deps.clock.now());
  const rank: Record<Role, number> = { admin: 0, dispatcher: 1, engineer: 2 };
  return users
    .sort((a, b) => Number(b.active) - Number(a.active) || rank[a.role] - rank[b.role])
    .map((u) => presentStaff(u, open.get(u.id) ?? 0, now.get(u.id) ?? u.onDuty));
}

/** Inserts an account; a username taken in the tenant (disabled accounts keep theirs) is USERNAME_TAKEN. */
export async function insertStaff(deps: Deps, tenantId: number, input: StaffCreateInput): Promise<number> {
  await assertSitesExist(deps, tenantId, input.siteIds);
  const passwordHash = await hashPassword(input.password, scryptCost(deps.config.passwordLog2N));
  try {
    return await deps.db.transaction(async (em) => {
      // Every account takes a seat of the plan (SEAT_LIMIT beyond the purchased seats).
      await requireFreeSeat(deps, em, tenantId);
      const result = await em.insert(User, {
        tenantId,
        username: input.username,
        name: input.name,
        role: input.role,
        passwordHash,
        phone: input.phone ?? null,
        skills: input.skills,
        siteIds: input.siteIds,
        onDuty: input.onDuty,
        lastAssignedAt: null,
        active: true,
        createdAt: deps.clock.now(),
      });
      if (input.role === 'engineer') await bumpRoster(em, tenantId);
      return result.identifiers[0].id as number;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('USERNAME_TAKEN', { username: input.username });
    throw err;
  }
}

export async function createStaff(deps: Deps, tenantId: number, input: StaffCreateInput): Promise<StaffView> {
  return viewStaff(deps, tenantId, await insertStaff(deps, tenantId, input));
}

/** An engineer leaving the engineer role or being disabled must not strand accepted jobs. */
async function assertNoOpenJobs(deps: Deps, tenantId: number, user: User): Promise<void> {
  if (user.role !== 'engineer') return;
  const open = (await countOpenJobs(deps, tenantId, [user.id])).get(user.id) ?? 0;
  if (open > 0) throw new AppError('ENGINEER_HAS_OPEN_JOBS', { openJobs: open });
}

export async function updateStaff(deps: Deps, editor: StaffEditor, id: number, input: StaffUpdateInput): Promise<StaffView> {
  const user = await getStaff(deps, editor.tenantId, id);
  if (input.role && input.role !== user.role) {
    if (id === editor.userId) throw new AppError('CANNOT_CHANGE_OWN_ROLE');
    await assertNoOpenJobs(deps, editor.tenantId, user);
  }
  if (input.siteIds) await assertSitesExist(deps, editor.tenantId, input.siteIds);
  const wasEngineer = user.role === 'engineer';
  const roleChanged = input.role !== undefined && input.role !== user.role;
  Object.assign(user, input);
  await deps.db.transaction(async (em) => {
    await em.save(user);
    // A new role signs the person out everywhere: a token must not carry the old role's rights.
    if (roleChanged) await bumpTokenVersion(em, editor.tenantId, id);
    if (wasEngineer || user.role === 'engineer') await bumpRoster(em, editor.tenantId);
  });
  return viewStaff(deps, editor.tenantId, id);
}

/** Disabled: no sign-in (tokens stop working at once, see requireStaff), no offers; the row stays for the audit trail. */
export async function setStaffActive(deps: Deps, editor: StaffEditor, id: number, active: boolean): Promise<StaffView> {
  const user = await getStaff(deps, editor.tenantId, id);
  if (!active && id === editor.userId) throw new AppError('CANNOT_DISABLE_SELF');
  if (!active) await assertNoOpenJobs(deps, editor.tenantId, user);
  if (user.active !== active) {
    await deps.db.transaction(async (em) => {
      if (active) await requireFreeSeat(deps, em, editor.tenantId);
      await em.update(User, { id, tenantId: editor.tenantId }, { active });
      if (!active) await bumpTokenVersion(em, editor.tenantId, id);
      if (user.role === 'engineer') await bumpRoster(em, editor.tenantId);
    });
  }
  return viewStaff(deps, editor.tenantId, id);
}

export async function resetStaffPassword(deps: Deps, tenantId: number, id: number, password: string): Promise<StaffView> {
  await getStaff(deps, tenantId, id);
  const passwordHash = await hashPassword(password, scryptCost(deps.config.passwordLog2N));
  await deps.db.transaction(async (em) => {
    await em.update(User, { id, tenantId }, { passwordHash });
    // A reset password ends the sessions opened with the old one.
    await bumpTokenVersion(em, tenantId, id);
  });
  return viewStaff(deps, tenantId, id);
}
