import { Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { RepairQuoteLine, QuoteStatus } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/** One version of a ticket's quote: labour, call-out and parts priced when it was made. Money in minor units. */
@Entity('ticket_quotes')
@Index('uq_ticket_quotes_version', ['ticketId', 'version'], { unique: true })
@Index('ix_ticket_quotes_queue', ['tenantId', 'status', 'id'])
export class TicketQuote {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  ticketId: number;

  @Column('int')
  version: number;

  @Column('varchar', { length: 12 })
  status: QuoteStatus;

  @Column('int')
  labourMinutes: number;

  @Column('int')
  labourRatePerHour: number;

  @Column('int')
  labourAmount: number;

  @Column('int')
  calloutFee: number;

  @JsonColumn()
  lines: RepairQuoteLine[];

  @Column('int')
  partsAmount: number;

  @Column('int')
  total: number;

  @Column('int', { nullable: true })
  createdBy: number | null;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn({ nullable: true })
  answeredAt: Date | null;
}

/** A tenant's labour rate, call-out fee and whether chargeable work waits for an accepted quote. */
@Entity('labour_settings')
export class LabourSettingsRow {
  @PrimaryColumn('int')
  tenantId: number;

  @Column('int', { default: 0 })
  labourRatePerHour: number;

  @Column('int', { default: 0 })
  calloutFee: number;

  @Column('boolean', { default: false })
  quoteRequired: boolean;

  @Column('boolean', { default: false })
  signatureRequired: boolean;

  @DateTimeColumn()
  updatedAt: Date;
}
