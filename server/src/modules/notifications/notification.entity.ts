import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { NotificationKind, NotificationStatus, RecipientType } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/**
 * One message for one recipient about one ticket event, or about one low-stock crossing (a stock_low_alerts
 * row: no ticket, no event). `dedupeKey` (event or alert, kind, recipient) is unique, so a redone fan-out
 * never creates a second row, and a row is sent at most once (see notifications.send).
 */
@Entity('notifications')
@Index('uq_notifications_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_notifications_tenant_ticket', ['tenantId', 'ticketId'])
@Index('ix_notifications_status_updated', ['status', 'updatedAt'])
// The messages of a low-stock crossing, for the console's low-stock list.
@Index('ix_notifications_stock_alert', ['stockAlertId'])
export class Notification {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int', { nullable: true })
  ticketId: number | null;

  @Column('int', { nullable: true })
  eventId: number | null;

  /** The low-stock crossing this message is about (kind low_stock); null for ticket messages. */
  @Column('int', { nullable: true })
  stockAlertId: number | null;

  @Column('varchar', { length: 100 })
  dedupeKey: string;

  @Column('varchar', { length: 24 })
  kind: NotificationKind;

  @Column('varchar', { length: 12 })
  recipientType: RecipientType;

  @Column('int', { nullable: true })
  recipientUserId: number | null;

  @Column('varchar', { length: 64, nullable: true })
  openid: string | null;

  @Column('varchar', { length: 64, nullable: true })
  templateId: string | null;

  @Column('varchar', { length: 200, nullable: true })
  page: string | null;

  /** The values as sent, fixed at fan-out time so a retry sends the same message. */
  @JsonColumn()
  data: Record<string, string>;

  @Column('varchar', { length: 10 })
  status: NotificationStatus;

  @Column('varchar', { length: 200, nullable: true })
  reason: string | null;

  @Column('int', { default: 0 })
  attempts: number;

  /** A subscription credit was used for this row (given back if it finally fails). */
  @Column('boolean', { default: false })
  creditTaken: boolean;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;

  @DateTimeColumn({ nullable: true })
  sentAt: Date | null;
}
