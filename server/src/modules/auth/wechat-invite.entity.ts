import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

/** A single-use, expiring invite to bind a WeChat to a staff account; only the token's hash is stored. */
@Entity('staff_wechat_invites')
@Index('uq_staff_wechat_invites_hash', ['tokenHash'], { unique: true })
@Index('ix_staff_wechat_invites_user', ['tenantId', 'userId'])
export class StaffWechatInvite {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  userId: number;

  @Column('varchar', { length: 64 })
  tokenHash: string;

  @Column('int')
  createdBy: number;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  expiresAt: Date;

  @DateTimeColumn({ nullable: true })
  usedAt: Date | null;
}
