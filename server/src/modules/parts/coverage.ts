import { Brackets, type EntityManager } from 'typeorm';
import type { TicketCoverage } from '@baoxiu/shared';
import { ServiceContract } from './contract.entity';

/** What decides a ticket's coverage: the asset, and the tenant's "today" (a calendar day, YYYY-MM-DD). */
export interface CoverageSubject {
  tenantId: number;
  assetId: number;
  siteId: number;
  warrantyUntil: string | null;
  today: string;
}

/** In warranty through its last day; else a contract in force that day (on the asset, or on its whole site); else chargeable. */
export function decideCoverage(s: CoverageSubject, contracts: ReadonlyArray<Pick<ServiceContract, 'tenantId' | 'assetId' | 'siteId' | 'startsOn' | 'endsOn'>>): TicketCoverage {
  if (s.warrantyUntil !== null && s.warrantyUntil >= s.today) return 'warranty';
  const covers = contracts.some((c) => c.tenantId === s.tenantId && c.startsOn <= s.today && s.today <= c.endsOn
    && (c.assetId === s.assetId || (c.assetId === null && c.siteId === s.siteId)));
  return covers ? 'contract' : 'chargeable';
}

/** Coverage of each subject in order, with one query for the contracts of them all (intake decides a batch at once). */
export async function coverageOf(em: EntityManager, subjects: readonly CoverageSubject[]): Promise<TicketCoverage[]> {
  const open = subjects.filter((s) => !(s.warrantyUntil !== null && s.warrantyUntil >= s.today));
  let contracts: ServiceContract[] = [];
  if (open.length > 0) {
    const qb = em.createQueryBuilder(ServiceContract, 'c').where(new Brackets((w) => {
      open.forEach((s, i) => {
        w.orWhere(`(c.tenantId = :t${i} AND (c.assetId = :a${i} OR (c.assetId IS NULL AND c.siteId = :s${i})) AND c.startsOn <= :d${i} AND c.endsOn >= :d${i})`,
          { [`t${i}`]: s.tenantId, [`a${i}`]: s.assetId, [`s${i}`]: s.siteId, [`d${i}`]: s.today });
      });
    }));
    contracts = await qb.getMany();
  }
  return subjects.map((s) => decideCoverage(s, contracts));
}
