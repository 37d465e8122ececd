import type { EntityManager } from 'typeorm';
import type { SlaPolicyInput, SlaPolicyResponse, SlaTargetInput } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/errors';
import { assertSitesExist } from '../assets/sites.service';
import { SlaPolicy } from './policy.entity';

/** The tenant's targets (none until it sets them: then no ticket has a deadline). */
export async function policyTargets(em: EntityManager, tenantId: number): Promise<{ targets: SlaTargetInput[]; version: number }> {
  const row = await em.getRepository(SlaPolicy).findOneBy({ tenantId });
  return row ? { targets: row.targets, version: row.version } : { targets: [], version: 0 };
}

export async function getSlaPolicy(deps: Deps, tenantId: number): Promise<SlaPolicyResponse> {
  return { sla: await policyTargets(deps.db.ds.manager, tenantId) };
}

/** Replaces the targets; open tickets' deadlines follow on their next reading (they are replayed, never stored). */
export async function putSlaPolicy(deps: Deps, tenantId: number, input: SlaPolicyInput): Promise<SlaPolicyResponse> {
  await assertSitesExist(deps, tenantId, input.targets.flatMap((t) => (t.siteId !== undefined ? [t.siteId] : [])));
  const now = deps.clock.now();
  await deps.db.transaction(async (em) => {
    const repo = em.getRepository(SlaPolicy);
    const existing = await repo.findOneBy({ tenantId });
    if (!existing) {
      await repo.insert({ tenantId, targets: input.targets, version: 1, updatedAt: now });
      return;
    }
    const result = await repo.createQueryBuilder().update(SlaPolicy)
      .set({ targets: input.targets, version: () => 'version + 1', updatedAt: now })
      .where('tenantId = :tenantId AND version = :version', { tenantId, version: existing.version })
      .execute();
    if (!result.affected) throw new AppError('CONFLICT', {});
  });
  return getSlaPolicy(deps, tenantId);
}
