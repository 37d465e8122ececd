import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

/** A staff account's WeChat: one WeChat per account, one account per WeChat, so sign-in by openid is unambiguous. */
@Entity('staff_wechat_bindings')
@Index('uq_staff_wechat_openid', ['openid'], { unique: true })
@Index('uq_staff_wechat_user', ['userId'], { unique: true })
export class StaffWechatBinding {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  userId: number;

  @Column('varchar', { length: 64 })
  openid: string;

  @DateTimeColumn()
  createdAt: Date;
}
