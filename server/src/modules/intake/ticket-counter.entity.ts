import { Entity, PrimaryColumn, Column } from 'typeorm';

/** Per-tenant, per-day sequence behind the human ticket number BX-YYYYMMDD-NNNN. */
@Entity('ticket_counters')
export class TicketCounter {
  @PrimaryColumn('int')
  tenantId: number;

  @PrimaryColumn('varchar', { length: 8 })
  day: string;

  @Column('int')
  value: number;
}
