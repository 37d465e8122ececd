import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/** A spare part of the tenant's catalogue. Money in integer minor units (fen). */
@Entity('parts')
@Index('uq_parts_tenant_sku', ['tenantId', 'sku'], { unique: true })
@Index('ix_parts_tenant_barcode', ['tenantId', 'barcode'])
export class Part {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 64 })
  sku: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 16 })
  unit: string;

  /** What the part costs the tenant, minor units. */
  @Column('int')
  cost: number;

  /** What the customer pays for one, minor units. */
  @Column('int')
  price: number;

  @Column('int', { default: 0 })
  minStock: number;

  @Column('varchar', { length: 64, nullable: true })
  barcode: string | null;

  @JsonColumn()
  categories: string[];

  /** Set while the part's total on hand is at or below minStock: the crossing that raised the last alert. */
  @DateTimeColumn({ nullable: true })
  lowSince: Date | null;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}
