import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Currency, QuoteLine } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

export type InvoiceKind = 'period' | 'proration' | 'credit_note';
export type InvoiceStatus = 'open' | 'paid' | 'void';

/** A finalized invoice or credit note: lines and unit prices are a snapshot, never recomputed. */
@Entity('billing_invoices')
@Index('uq_billing_invoices_dedupe', ['tenantId', 'dedupeKey'], { unique: true })
@Index('ix_billing_invoices_tenant', ['tenantId', 'issuedOn'])
export class BillingInvoice {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  /** INV-YYYYMM-NNNN (CN- for credit notes), consecutive per month without gaps. */
  @Index('uq_billing_invoices_number', { unique: true })
  @Column('varchar', { length: 32 })
  number: string;

  /** What the invoice is for ("period:2026-03-15", "change:12:…"): finalizing twice hits this unique key. */
  @Column('varchar', { length: 96 })
  dedupeKey: string;

  @Column('varchar', { length: 16 })
  kind: InvoiceKind;

  @Column('varchar', { length: 8 })
  status: InvoiceStatus;

  @Column('int')
  planId: number;

  @Column('varchar', { length: 8 })
  currency: Currency;

  @Column('varchar', { length: 10 })
  periodStart: string;

  /** The last day the invoice covers. */
  @Column('varchar', { length: 10 })
  periodEnd: string;

  @Column('varchar', { length: 10 })
  issuedOn: string;

  @JsonColumn()
  lines: QuoteLine[];

  @Column('int')
  subtotal: number;

  @Column('int')
  discount: number;

  @Column('int')
  tax: number;

  /** Signed: a credit note's amounts are negative (what is credited). */
  @Column('int')
  total: number;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn({ nullable: true })
  paidAt: Date | null;
}

/** The last number taken per series and month ("INV202603"); taken in the invoice's transaction, so a rollback leaves no gap. */
@Entity('billing_invoice_counters')
export class BillingInvoiceCounter {
  @PrimaryColumn('varchar', { length: 16 })
  series: string;

  @Column('int')
  value: number;
}
