import type { EngineerInput, EngineerUpdate, EngineerView } from '@baoxiu/shared';
import { ACTIVE_JOB_STATUSES } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { isUniqueViolation } from '../../db/database';
import type { Deps } from '../../deps';
import { User } from '../auth/user.entity';
import { hashPassword } from '../auth/password';
import { Ticket } from '../tickets/ticket.entity';
import { assertSitesExist } from '../assets/sites.service';
import { bumpRoster } from '../dispatch/dispatch.roster';
import { requireFreeSeat } from '../billing/entitlements';

export async function getEngineer(deps: Deps, tenantId: number, id: number): Promise<User> {
  const user = await deps.db.ds.getRepository(User).findOneBy({ id, tenantId, role: 'engineer', active: true });
  if (!user) throw new AppError('ENGINEER_NOT_FOUND', { id });
  return user;
}

/** Open (accepted, travelling, on site, waiting) jobs per engineer, in one grouped query. */
export async function countOpenJobs(deps: Deps, tenantId: number, engineerIds?: number[]): Promise<Map<number, number>> {
  const qb = deps.db.ds
    .getRepository(Ticket)
    .createQueryBuilder('t')
    .select('t.engineerId', 'engineerId')
    .addSelect('COUNT(*)', 'n')
    .where('t.tenantId = :tenantId AND t.status IN (:...statuses)', { tenantId, statuses: ACTIVE_JOB_STATUSES })
    .andWhere('t.engineerId IS NOT NULL')
    .groupBy('t.engineerId');
  if (engineerIds && engineerIds.length > 0) qb.andWhere('t.engineerId IN (:...engineerIds)', { engineerIds });
  const rows = await qb.getRawMany<{ engineerId: number; n: string | number }>();
  return new Map(rows.map((r) => [Number(r.engineerId), Number(r.n)]));
}

export function presentEngineer(user: User, openJobs: number): EngineerView {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    phone: user.phone,
    skills: user.skills ?? [],
    siteIds: user.siteIds ?? [],
    onDuty: user.onDuty,
    openJobs,
  };
}

export async function listEngineers(deps: Deps, tenantId: number): Promise<EngineerView[]> {
  const users = await deps.db.ds
    .getRepository(User)
    .find({ where: { tenantId, role: 'engineer', active: true }, order: { name: 'ASC' } });
  const open = await countOpenJobs(deps, tenantId);
  return users.map((u) => presentEngineer(u, open.get(u.id) ?? 0));
}

export async function viewEngineer(deps: Deps, tenantId: number, id: number): Promise<EngineerView> {
  const user = await getEngineer(deps, tenantId, id);
  const open = await countOpenJobs(deps, tenantId, [id]);
  return presentEngineer(user, open.get(id) ?? 0);
}

export async function createEngineer(deps: Deps, tenantId: number, input: EngineerInput): Promise<EngineerView> {
  await assertSitesExist(deps, tenantId, input.siteIds);
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await deps.db.transaction(async (em) => {
      await requireFreeSeat(deps, em, tenantId);
      const result = await em.insert(User, {
        tenantId,
        username: input.username,
        name: input.name,
        role: 'engineer',
        passwordHash,
        phone: input.phone ?? null,
        skills: input.skills,
        siteIds: input.siteIds,
        onDuty: input.onDuty,
        lastAssignedAt: null,
        active: true,
        createdAt: deps.clock.now(),
      });
      await bumpRoster(em, tenantId);
      return result.identifiers[0].id as number;
    });
    return viewEngineer(deps, tenantId, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('USERNAME_TAKEN', { username: input.username });
    throw err;
  }
}

export async function updateEngineer(deps: Deps, tenantId: number, id: number, input: EngineerUpdate): Promise<EngineerView> {
  const user = await getEngineer(deps, tenantId, id);
  if (input.siteIds) await assertSitesExist(deps, tenantId, input.siteIds);
  const { password, ...fields } = input;
  Object.assign(user, fields);
  if (password) user.passwordHash = await hashPassword(password);
  await deps.db.transaction(async (em) => {
    await em.save(user);
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
    await bumpRoster(em, tenantId);
  });
}
