import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

/** 'holiday' / 'workday': statutory or tenant days; 'ignore': a tenant's calendar does not observe that statutory day. */
export type HolidayKind = 'holiday' | 'workday' | 'ignore';

/**
 * The holiday table: tenant-agnostic statutory rows (tenantId 0, calendarId 0, copied per year from the
 * `chinese-days` package with their source) and each calendar's own rows (company holidays, extra workdays,
 * statutory days it ignores). 0 rather than NULL, so the unique index also holds for statutory rows on MySQL.
 */
@Entity('sla_holidays')
@Index('uq_sla_holidays_day', ['tenantId', 'calendarId', 'day'], { unique: true })
@Index('ix_sla_holidays_year', ['tenantId', 'year'])
export class SlaHoliday {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int', { default: 0 })
  tenantId: number;

  @Column('int', { default: 0 })
  calendarId: number;

  /** YYYY-MM-DD, a local calendar day. */
  @Column('varchar', { length: 10 })
  day: string;

  @Column('int')
  year: number;

  @Column('varchar', { length: 16 })
  kind: HolidayKind;

  @Column('varchar', { length: 100, default: '' })
  name: string;

  /** "chinese-days@1.5.7" for statutory rows, "tenant" for a calendar's own. */
  @Column('varchar', { length: 64 })
  source: string;

  @DateTimeColumn()
  createdAt: Date;
}
