import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { WeekFrames } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/** A tenant's business calendar (siteId 0) or one site's override of it. */
@Entity('sla_calendars')
@Index('uq_sla_calendars_scope', ['tenantId', 'siteId'], { unique: true })
export class SlaCalendar {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int', { default: 0 })
  siteId: number;

  @Column('varchar', { length: 64 })
  timezone: string;

  @JsonColumn()
  week: WeekFrames;

  @Column('varchar', { length: 8 })
  holidays: 'cn' | 'none';

  /** Bumped by every change: compiled calendars are cached per (calendar, version). */
  @Column('int', { default: 1 })
  version: number;

  @DateTimeColumn()
  updatedAt: Date;
}
