import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { DispatchMode } from '@baoxiu/shared';
import { DateTimeColumn } from '../../db/columns';

@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Index('uq_tenants_slug', { unique: true })
  @Column('varchar', { length: 64 })
  slug: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 16, default: 'auto' })
  dispatchMode: DispatchMode;

  @Column('int', { default: 300 })
  offerTimeoutSeconds: number;

  @Column('varchar', { length: 64, default: 'Asia/Shanghai' })
  timezone: string;

  /** Bumped with every change to an engineer's duty, skills, sites or existence: dispatch's roster cache checks it. */
  @Column('int', { default: 0 })
  rosterVersion: number;

  @DateTimeColumn()
  createdAt: Date;
}
