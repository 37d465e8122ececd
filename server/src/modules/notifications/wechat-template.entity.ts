import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { FieldSource, NotificationKind } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/** A tenant's subscription-message template for one kind of notification, and how its fields are filled. */
@Entity('wechat_templates')
@Index('uq_wechat_templates_tenant_kind', ['tenantId', 'kind'], { unique: true })
export class WechatTemplate {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 24 })
  kind: NotificationKind;

  @Column('varchar', { length: 64 })
  templateId: string;

  /** Template key (thing1, time2 …) → what fills it. */
  @JsonColumn()
  fields: Record<string, FieldSource>;

  @DateTimeColumn()
  updatedAt: Date;
}
