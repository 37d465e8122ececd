import { In } from 'typeorm';
import type { ContractInput, ContractListQuery, ContractUpdate, ContractView } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { isUniqueViolation } from '../../db/database';
import { iso } from '../../lib/time';
import type { Deps } from '../../deps';
import { getAsset } from '../assets/assets.service';
import { assertSitesExist } from '../assets/sites.service';
import { tenantToday } from '../tenants/tenants.service';
import { ServiceContract } from '../parts/contract.entity';
import { Asset } from '../assets/asset.entity';

type AssetLabel = NonNullable<ContractView['asset']>;

export function presentContract(c: ServiceContract, asset: AssetLabel | null): ContractView {
  return {
    id: c.id,
    number: c.number,
    assetId: c.assetId,
    asset: c.assetId === null ? null : asset,
    siteId: c.siteId,
    coverage: c.coverage,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    notes: c.notes,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

async function getContract(deps: Deps, tenantId: number, id: number): Promise<ServiceContract> {
  const c = await deps.db.ds.getRepository(ServiceContract).findOneBy({ id, tenantId });
  if (!c) throw new AppError('CONTRACT_NOT_FOUND', { id });
  return c;
}

/** The asset or site a contract names must be the tenant's own. */
async function assertSubject(deps: Deps, tenantId: number, c: { assetId: number | null; siteId: number | null }): Promise<void> {
  if (c.assetId !== null) await getAsset(deps, tenantId, c.assetId);
  if (c.siteId !== null) await assertSitesExist(deps, tenantId, [c.siteId]);
}

function numberTaken(err: unknown, number: string | undefined): never {
  if (isUniqueViolation(err)) throw new AppError('CONTRACT_NUMBER_TAKEN', { number });
  throw err;
}

export async function listContracts(deps: Deps, tenantId: number, q: ContractListQuery): Promise<ContractView[]> {
  const qb = deps.db.ds.getRepository(ServiceContract).createQueryBuilder('c').where('c.tenantId = :tenantId', { tenantId });
  if (q.assetId) qb.andWhere('c.assetId = :assetId', { assetId: q.assetId });
  if (q.siteId) qb.andWhere('c.siteId = :siteId', { siteId: q.siteId });
  if (q.active) {
    const today = await tenantToday(deps, tenantId);
    if (q.active === 'true') qb.andWhere('c.startsOn <= :today AND c.endsOn >= :today', { today });
    else qb.andWhere('(c.startsOn > :today OR c.endsOn < :today)', { today });
  }
  return presentContracts(deps, tenantId, await qb.orderBy('c.id', 'ASC').take(500).getMany());
}

/** Contracts with their assets' names and codes, read in one query. */
async function presentContracts(deps: Deps, tenantId: number, contracts: ServiceContract[]): Promise<ContractView[]> {
  const ids = [...new Set(contracts.flatMap((c) => (c.assetId === null ? [] : [c.assetId])))];
  const assets =
    ids.length === 0
      ? []
      : await deps.db.ds.getRepository(Asset).find({ where: { tenantId, id: In(ids) }, select: { id: true, name: true, code: true } });
  const byId = new Map(assets.map((a) => [a.id, { name: a.name, code: a.code }]));
  return contracts.map((c) => presentContract(c, c.assetId === null ? null : (byId.get(c.assetId) ?? null)));
}

export async function readContract(deps: Deps, tenantId: number, id: number): Promise<ContractView> {
  const [view] = await presentContracts(deps, tenantId, [await getContract(deps, tenantId, id)]);
  return view;
}

export async function createContract(deps: Deps, tenantId: number, input: ContractInput): Promise<ContractView> {
  const subject = { assetId: input.assetId ?? null, siteId: input.siteId ?? null };
  await assertSubject(deps, tenantId, subject);
  const now = deps.clock.now();
  try {
    const id = await deps.db.transaction(
      async (em) =>
        (
          await em.insert(ServiceContract, {
            tenantId,
            number: input.number,
            ...subject,
            coverage: input.coverage,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            notes: input.notes ?? null,
            createdAt: now,
            updatedAt: now,
          })
        ).identifiers[0].id as number,
    );
    return await readContract(deps, tenantId, id);
  } catch (err) {
    return numberTaken(err, input.number);
  }
}

export async function updateContract(deps: Deps, tenantId: number, id: number, input: ContractUpdate): Promise<ContractView> {
  const c = await getContract(deps, tenantId, id);
  const next = { ...c, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as ServiceContract;
  // An asset named moves the contract off the site and the other way round: one subject, as at creation.
  if (input.assetId) next.siteId = null;
  if (input.siteId) next.assetId = null;
  if ((next.assetId === null) === (next.siteId === null)) {
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: ['assetId'], message: 'a contract covers an asset or a site, not both' }] });
  }
  if (next.startsOn > next.endsOn)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: ['endsOn'], message: 'a contract ends on or after the day it starts' }] });
  await assertSubject(deps, tenantId, next);
  try {
    await deps.db.transaction(async (em) => {
      await em.update(
        ServiceContract,
        { id, tenantId },
        {
          number: next.number,
          assetId: next.assetId,
          siteId: next.siteId,
          coverage: next.coverage,
          startsOn: next.startsOn,
          endsOn: next.endsOn,
          notes: next.notes ?? null,
          updatedAt: deps.clock.now(),
        },
      );
    });
  } catch (err) {
    return numberTaken(err, input.number);
  }
  return readContract(deps, tenantId, id);
}

export async function deleteContract(deps: Deps, tenantId: number, id: number): Promise<void> {
  await getContract(deps, tenantId, id);
  await deps.db.transaction(async (em) => {
    await em.delete(ServiceContract, { id, tenantId });
  });
}
