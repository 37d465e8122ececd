import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

/**
 * One-time subscriptions: each "accept" in wx.requestSubscribeMessage allows one message of that template
 * to that user. Keyed by WeChat's own unit (openid, template), so not tenant-owned.
 */
@Entity('wechat_subscription_credits')
@Index('uq_wechat_credits_openid_template', ['openid', 'templateId'], { unique: true })
export class SubscriptionCredit {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('varchar', { length: 64 })
  openid: string;

  @Column('varchar', { length: 64 })
  templateId: string;

  @Column('int', { default: 0 })
  credits: number;

  /** WeChat answered 43101 (user refused): nothing more is sent until they accept again. */
  @DateTimeColumn({ nullable: true })
  refusedAt: Date | null;

  @DateTimeColumn()
  updatedAt: Date;
}
