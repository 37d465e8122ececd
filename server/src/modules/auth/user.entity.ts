import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { Role } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/** Staff account; engineers carry their dispatch profile (skills, sites, duty) on the same row. */
@Entity('users')
@Index('uq_users_tenant_username', ['tenantId', 'username'], { unique: true })
@Index('ix_users_tenant_role', ['tenantId', 'role'])
export class User {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 64 })
  username: string;

  @Column('varchar', { length: 50 })
  name: string;

  @Column('varchar', { length: 16 })
  role: Role;

  @Column('varchar', { length: 200 })
  passwordHash: string;

  @Column('varchar', { length: 32, nullable: true })
  phone: string | null;

  @JsonColumn()
  skills: string[];

  @JsonColumn()
  siteIds: number[];

  @Column('boolean', { default: true })
  onDuty: boolean;

  @DateTimeColumn({ nullable: true })
  lastAssignedAt: Date | null;

  @Column('boolean', { default: true })
  active: boolean;

  /**
   * Tickets held in an active job status (accepted … waiting_customer) with this engineer: kept by guardedUpdate in the
   * transaction that moves a ticket in or out of that set, so it always equals the COUNT(*) countOpenJobs makes.
   * `update: false`: an engineer's profile saved (em.save) from an earlier read must not write back a stale count.
   */
  @Column({ type: 'int', default: 0, update: false })
  openJobs: number;

  /** Offers to this engineer still pending, and when they were last offered one: kept by dispatch/offer-load.ts (`update: false` as above). */
  @Column({ type: 'int', default: 0, update: false })
  pendingOffers: number;

  @DateTimeColumn({ nullable: true, update: false })
  lastOfferedAt: Date | null;

  /** Carried in every staff token; bumping it signs the account out everywhere at once. */
  @Column('int', { default: 0 })
  tokenVersion: number;

  @DateTimeColumn()
  createdAt: Date;
}
