import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DutyOverride, WeekFrames } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/**
 * An engineer's shifts (one row per engineer who has any): the weekly pattern, the leave days and the manual
 * override. No row: the engineer's `onDuty` switch alone decides, as before shifts existed.
 */
@Entity('engineer_shifts')
@Index('ix_engineer_shifts_tenant', ['tenantId'])
export class EngineerShift {
  @PrimaryColumn('int')
  userId: number;

  @Column('int')
  tenantId: number;

  @JsonColumn({ nullable: true })
  week: WeekFrames | null;

  @JsonColumn()
  leaveDays: string[];

  @Column('varchar', { length: 4, default: 'none' })
  dutyOverride: DutyOverride;

  @DateTimeColumn()
  updatedAt: Date;
}
