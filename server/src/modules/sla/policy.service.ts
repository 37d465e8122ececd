import type { EntityManager } from 'typeorm';
import type { SlaPolicyInput, SlaPolicyResponse, SlaTargetInput } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { assertSitesExist } from '../assets/sites.service';
import { User } from '../auth/user.entity';
import { SlaPolicy } from './policy.entity';
import { markSlaDue } from './sla.due';

/** Every backup engineer a level names is an active engineer of the tenant (else the level could never act). */
async function assertBackupsExist(deps: Deps, tenantId: number, input: SlaPolicyInput): Promise<void> {
  const ids = [
    ...new Set(
      input.targets.flatMap((t) => (t.levels ?? []).flatMap((l) => (l.backupEngineerId !== undefined ? [l.backupEngineerId] : []))),
    ),
  ];
  if (ids.length === 0) return;
  const found = await deps.db.ds
    .getRepository(User)
    .createQueryBuilder('u')
    .where("u.tenantId = :tenantId AND u.id IN (:...ids) AND u.role = 'engineer' AND u.active = :active", { tenantId, ids, active: true })
    .getCount();
  if (found !== ids.length) throw new AppError('ENGINEER_NOT_FOUND', { ids });
}

/** The tenant's targets (none until it sets them: then no ticket has a deadline). */
export async function policyTargets(em: EntityManager, tenantId: number): Promise<{ targets: SlaTargetInput[]; version: number }> {
  const row = await em.getRepository(SlaPolicy).findOneBy({ tenantId });
  return row ? { targets: row.targets, version: row.version } : { targets: [], version: 0 };
}

export async function getSlaPolicy(deps: Deps, tenantId: number): Promise<SlaPolicyResponse> {
  return { sla: await policyTargets(deps.db.ds.manager, tenantId) };
}

/**
 * Replaces the targets; open tickets' deadlines follow on their next reading (they are replayed, never stored),
 * and the tenant's open tickets are due for the escalation sweep now (their levels and outcomes follow the new targets).
 */
export async function putSlaPolicy(deps: Deps, tenantId: number, input: SlaPolicyInput): Promise<SlaPolicyResponse> {
  await assertSitesExist(
    deps,
    tenantId,
    input.targets.flatMap((t) => (t.siteId !== undefined ? [t.siteId] : [])),
  );
  await assertBackupsExist(deps, tenantId, input);
  const now = deps.clock.now();
  await deps.db.transaction(async (em) => {
    const repo = em.getRepository(SlaPolicy);
    const existing = await repo.findOneBy({ tenantId });
    await markSlaDue(em, tenantId, now);
    if (!existing) {
      await repo.insert({ tenantId, targets: input.targets, version: 1, updatedAt: now });
      return;
    }
    const result = await repo
      .createQueryBuilder()
      .update(SlaPolicy)
      .set({ targets: input.targets, version: () => 'version + 1', updatedAt: now })
      .where('tenantId = :tenantId AND version = :version', { tenantId, version: existing.version })
      .execute();
    if (!result.affected) throw new AppError('CONFLICT', {});
  });
  return getSlaPolicy(deps, tenantId);
}
