import type { EngineerInput, EngineerUpdate, EngineerView } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import { User } from '../auth/user.entity';
import { hashPassword, scryptCost } from '../auth/password';
import { bumpTokenVersion } from '../auth/auth.service';
import { assertSitesExist } from '../assets/sites.service';
import { bumpRoster } from '../dispatch/dispatch.roster';
import { dutyNowOf } from '../dispatch/shifts.service';
import { presentEngineer } from './engineers.presenter';
import { countOpenJobs } from './open-jobs';
import { insertStaff } from './staff.service';

export { countOpenJobs };

export async function getEngineer(deps: Deps, tenantId: number, id: number): Promise<User> {
  const user = await deps.db.ds.getRepository(User).findOneBy({ id, tenantId, role: 'engineer', active: true });
  if (!user) throw new AppError('ENGINEER_NOT_FOUND', { id });
  return user;
}

export async function listEngineers(deps: Deps, tenantId: number): Promise<EngineerView[]> {
  const users = await deps.db.ds.getRepository(User).find({ where: { tenantId, role: 'engineer', active: true }, order: { name: 'ASC' } });
  const open = await countOpenJobs(deps, tenantId);
  const now = await dutyNowOf(deps.db.ds.manager, tenantId, users, deps.clock.now());
  return users.map((u) => presentEngineer(u, open.get(u.id) ?? 0, now.get(u.id) ?? u.onDuty));
}

export async function viewEngineer(deps: Deps, tenantId: number, id: number): Promise<EngineerView> {
  const user = await getEngineer(deps, tenantId, id);
  const open = await countOpenJobs(deps, tenantId, [id]);
  const now = await dutyNowOf(deps.db.ds.manager, tenantId, [user], deps.clock.now());
  return presentEngineer(user, open.get(id) ?? 0, now.get(id) ?? user.onDuty);
}

export async function createEngineer(deps: Deps, tenantId: number, input: EngineerInput): Promise<EngineerView> {
  return viewEngineer(deps, tenantId, await insertStaff(deps, tenantId, { ...input, role: 'engineer' }));
}

export async function updateEngineer(deps: Deps, tenantId: number, id: number, input: EngineerUpdate): Promise<EngineerView> {
  const user = await getEngineer(deps, tenantId, id);
  if (input.siteIds) await assertSitesExist(deps, tenantId, input.siteIds);
  const { password, ...fields } = input;
  Object.assign(user, fields);
  if (password) user.passwordHash = await hashPassword(password, scryptCost(deps.config.passwordLog2N));
  await deps.db.transaction(async (em) => {
    await em.save(user);
    // A new password signs the engineer out everywhere (a leaked password's sessions end with it).
    if (password) await bumpTokenVersion(em, tenantId, id);
    await bumpRoster(em, tenantId);
  });
  return viewEngineer(deps, tenantId, id);
}

/** Deactivates rather than deletes: the audit log keeps pointing at a real person. */
export async function removeEngineer(deps: Deps, tenantId: number, id: number): Promise<void> {
  await getEngineer(deps, tenantId, id);
  const open = await countOpenJobs(deps, tenantId, [id]);
  if ((open.get(id) ?? 0) > 0) throw new AppError('ENGINEER_HAS_OPEN_JOBS', { openJobs: open.get(id) });
  await deps.db.transaction(async (em) => {
    await em.update(User, { id, tenantId }, { active: false, onDuty: false });
    await bumpTokenVersion(em, tenantId, id);
    await bumpRoster(em, tenantId);
  });
}
