import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

/**
 * An integration's key. Only a SHA-256 of the secret is stored; `lookup` (the characters after `bxk_` up to the
 * first `_`) finds the row without scanning. A key acts as the admin who made it, with a dispatcher's permissions.
 */
@Entity('api_keys')
@Index('uq_api_keys_lookup', ['lookup'], { unique: true })
@Index('ix_api_keys_tenant', ['tenantId', 'createdAt'])
export class ApiKey {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 60 })
  name: string;

  @Column('varchar', { length: 16 })
  lookup: string;

  @Column('varchar', { length: 64 })
  secretHash: string;

  @Column('int')
  createdBy: number;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn({ nullable: true })
  lastUsedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  revokedAt: Date | null;
}
