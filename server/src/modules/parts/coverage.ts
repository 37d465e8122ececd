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
export function decideCoverage(
  s: CoverageSubject,
  contracts: ReadonlyArray<Pick<ServiceContract, 'tenantId' | 'assetId' | 'siteId' | 'startsOn' | 'endsOn'>>,
): TicketCoverage {
  if (s.warrantyUntil !== null && s.warrantyUntil >= s.today) return 'warranty';
  const covers = contracts.some(
    (c) =>
      c.tenantId === s.tenantId &&
      c.startsOn <= s.today &&
      s.today <= c.endsOn &&
      (c.assetId === s.assetId || (c.assetId === null && c.siteId === s.siteId)),
  );
  return covers ? 'contract' : 'chargeable';
}

/** Coverage of each subject in order, with one query for the contracts of them all (intake decides a batch at once). */
export async function coverageOf(em: EntityManager, subjects: readonly CoverageSubject[]): Promise<TicketCoverage[]> {
  const open = subjects.filter((s) => !(s.warrantyUntil !== null && s.warrantyUntil >= s.today));
  let contracts: ServiceContract[] = [];
  if (open.length > 0) {
    // IN lists, not one OR branch per subject (a PM chunk is 500 of them): a superset of the contracts that can
    // apply, which decideCoverage then matches to each subject exactly.
    const uniq = <T>(xs: T[]) => [...new Set(xs)];
    const days = open.map((s) => s.today).sort();
    contracts = await em
      .createQueryBuilder(ServiceContract, 'c')
      .where('c.tenantId IN (:...tenants)', { tenants: uniq(open.map((s) => s.tenantId)) })
      .andWhere(
        new Brackets((w) => {
          w.where('c.assetId IN (:...assets)', { assets: uniq(open.map((s) => s.assetId)) }).orWhere(
            '(c.assetId IS NULL AND c.siteId IN (:...sites))',
            { sites: uniq(open.map((s) => s.siteId)) },
          );
        }),
      )
      .andWhere('c.startsOn <= :last AND c.endsOn >= :first', { first: days[0], last: days[days.length - 1] })
      .getMany();
  }
  return subjects.map((s) => decideCoverage(s, contracts));
}
