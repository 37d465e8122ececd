import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

@Entity('sites')
@Index('ix_sites_tenant', ['tenantId'])
export class Site {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 200, nullable: true })
  address: string | null;

  @Column('varchar', { length: 50, nullable: true })
  region: string | null;

  @DateTimeColumn()
  createdAt: Date;
}
