import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn, JsonColumn } from '../db/columns';
import type { JobPayload } from './queue';

/** Jobs written in the same transaction as the change that causes them; a relay moves them to the queue. */
@Entity('outbox')
// The relay's two lanes: pending foreground rows in id order, then pending background rows (migration 1796190200000).
@Index('ix_outbox_pending_lane', ['sentAt', 'background', 'id'])
export class OutboxRow {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('varchar', { length: 64 })
  jobName: string;

  @Column('varchar', { length: 128 })
  jobId: string;

  /** The job is a background one (OutboxJob.background): relayed after every pending foreground row. */
  @Column('boolean', { default: false })
  background: boolean;

  @JsonColumn()
  payload: JobPayload;

  @DateTimeColumn()
  createdAt: Date;

  /** For delayed jobs (offer timeouts): the queue holds them until then. */
  @DateTimeColumn()
  runAt: Date;

  @DateTimeColumn({ nullable: true })
  sentAt: Date | null;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('varchar', { length: 500, nullable: true })
  lastError: string | null;
}
