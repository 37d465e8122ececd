import { In, type EntityManager } from 'typeorm';
import type { EngineerShifts, EngineerShiftsInput } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import type { StaffActor } from '../auth/actor';
import { User } from '../auth/user.entity';
import { bumpRoster } from './dispatch.roster';
import { compileDuty, onDutyAt } from './duty';
import { EngineerShift } from './shift.entity';
import { Tenant } from '../tenants/tenant.entity';

async function engineerOf(em: EntityManager, tenantId: number, id: number): Promise<User> {
  const user = await em.findOneBy(User, { id, tenantId, role: 'engineer', active: true });
  if (!user) throw new AppError('ENGINEER_NOT_FOUND', { id });
  return user;
}

function present(user: User, row: EngineerShift | null, timezone: string, now: Date): EngineerShifts {
  return {
    engineerId: user.id,
    week: row?.week ?? null,
    leaveDays: row?.leaveDays ?? [],
    dutyOverride: row?.dutyOverride ?? 'none',
    onDutySwitch: user.onDuty,
    onDutyNow: onDutyAt(row ? compileDuty(row) : null, user.onDuty, now, timezone),
    timezone,
  };
}

/**
 * Whether an engineer is on duty now (their shifts in the tenant's zone, else the `onDuty` switch); in the caller's
 * transaction (the pool claim asks it).
 */
export async function isOnDuty(em: EntityManager, tenantId: number, userId: number, now: Date): Promise<boolean> {
  const user = await em.findOneBy(User, { id: userId, tenantId });
  if (!user) return false;
  const row = await em.findOneBy(EngineerShift, { userId, tenantId });
  const tenant = await em.findOneByOrFail(Tenant, { id: tenantId });
  return onDutyAt(row ? compileDuty(row) : null, user.onDuty, now, tenant.timezone);
}

/**
 * Whether each of some users is on duty now (their shifts in the tenant's zone, else their `onDuty` switch): one
 * read of the tenant's zone and one of their shift rows, for the staff and engineer lists.
 */
export async function dutyNowOf(em: EntityManager, tenantId: number, users: readonly User[], now: Date): Promise<Map<number, boolean>> {
  if (users.length === 0) return new Map();
  const tenant = await em.findOneByOrFail(Tenant, { id: tenantId });
  const rows = await em.find(EngineerShift, { where: { tenantId, userId: In(users.map((u) => u.id)) } });
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  return new Map(
    users.map((u) => {
      const row = byUser.get(u.id);
      return [u.id, onDutyAt(row ? compileDuty(row) : null, u.onDuty, now, tenant.timezone)];
    }),
  );
}

/** Admins and dispatchers read anyone's shifts; an engineer reads their own only (another's is 404, as if absent). */
export async function getShifts(deps: Deps, actor: StaffActor, id: number): Promise<EngineerShifts> {
  if (actor.type === 'engineer' && actor.userId !== id) throw new AppError('ENGINEER_NOT_FOUND', { id });
  const em = deps.db.ds.manager;
  const user = await engineerOf(em, actor.tenantId, id);
  const tenant = await em.findOneByOrFail(Tenant, { id: actor.tenantId });
  return present(user, await em.findOneBy(EngineerShift, { userId: id, tenantId: actor.tenantId }), tenant.timezone, deps.clock.now());
}

/** Replaces an engineer's shifts; the roster of the tenant is bumped in the same transaction (dispatch sees it next). */
export async function putShifts(deps: Deps, tenantId: number, id: number, input: EngineerShiftsInput): Promise<EngineerShifts> {
  const now = deps.clock.now();
  return deps.db.transaction(async (em) => {
    const user = await engineerOf(em, tenantId, id);
    const row = {
      userId: id,
      tenantId,
      week: input.week,
      leaveDays: [...input.leaveDays].sort(),
      dutyOverride: input.dutyOverride,
      updatedAt: now,
    };
    if (await em.findOneBy(EngineerShift, { userId: id, tenantId })) await em.update(EngineerShift, { userId: id, tenantId }, row);
    else await em.insert(EngineerShift, row);
    await bumpRoster(em, tenantId);
    const tenant = await em.findOneByOrFail(Tenant, { id: tenantId });
    return present(user, await em.findOneByOrFail(EngineerShift, { userId: id }), tenant.timezone, now);
  });
}
