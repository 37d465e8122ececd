import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { ContractCoverage } from '@baoxiu/shared';
import { DateTimeColumn } from '../../db/columns';

/** A service contract (维保合同) for one asset or a whole site; its days are calendar dates (YYYY-MM-DD), inclusive. */
@Entity('service_contracts')
@Index('uq_service_contracts_number', ['tenantId', 'number'], { unique: true })
@Index('ix_service_contracts_asset', ['tenantId', 'assetId'])
@Index('ix_service_contracts_site', ['tenantId', 'siteId'])
export class ServiceContract {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 40 })
  number: string;

  @Column('int', { nullable: true })
  assetId: number | null;

  @Column('int', { nullable: true })
  siteId: number | null;

  @Column('varchar', { length: 8 })
  coverage: ContractCoverage;

  @Column('varchar', { length: 10 })
  startsOn: string;

  @Column('varchar', { length: 10 })
  endsOn: string;

  @Column('varchar', { length: 500, nullable: true })
  notes: string | null;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}
