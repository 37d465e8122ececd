import { Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Column } from 'typeorm';
import type { LedgerKind, StockLocationKind } from '@baoxiu/shared';
import { DateTimeColumn } from '../../db/columns';

/** A place stock lives: a store per site, a van per engineer (created when first needed). */
@Entity('stock_locations')
@Index('uq_stock_locations_owner', ['tenantId', 'ownerKey'], { unique: true })
export class StockLocation {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 8 })
  kind: StockLocationKind;

  @Column('int', { nullable: true })
  siteId: number | null;

  @Column('int', { nullable: true })
  engineerId: number | null;

  /** `site:<id>` or `van:<engineerId>`: one location per owner, also when two requests create it at once. */
  @Column('varchar', { length: 24 })
  ownerKey: string;

  @Column('varchar', { length: 120 })
  name: string;

  @DateTimeColumn()
  createdAt: Date;
}

/** On hand of one part at one location: the sum of the ledger, kept in step by the movement's own transaction. */
@Entity('stock_balances')
@Index('ix_stock_balances_tenant_part', ['tenantId', 'partId'])
export class StockBalance {
  @PrimaryColumn('int')
  partId: number;

  @PrimaryColumn('int')
  locationId: number;

  @Column('int')
  tenantId: number;

  @Column('int', { default: 0 })
  onHand: number;
}

/** One row of the stock ledger: a signed change of one part at one location. Rows are never changed. */
@Entity('stock_movements')
@Index('ix_stock_movements_location', ['tenantId', 'locationId', 'id'])
@Index('ix_stock_movements_part', ['tenantId', 'partId', 'id'])
export class StockMovement {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  partId: number;

  @Column('int')
  locationId: number;

  @Column('varchar', { length: 16 })
  kind: LedgerKind;

  @Column('int')
  delta: number;

  @Column('int')
  onHandAfter: number;

  /** The other end of a transfer. */
  @Column('int', { nullable: true })
  otherLocationId: number | null;

  @Column('int', { nullable: true })
  ticketId: number | null;

  @Column('varchar', { length: 200, nullable: true })
  reason: string | null;

  @Column('int', { nullable: true })
  actorId: number | null;

  @DateTimeColumn()
  createdAt: Date;
}

/** A part's total on hand fell to or below its minStock: one row per crossing. */
@Entity('stock_low_alerts')
@Index('ix_stock_low_alerts_tenant', ['tenantId', 'raisedAt'])
export class StockLowAlert {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  partId: number;

  @Column('int')
  onHand: number;

  @Column('int')
  minStock: number;

  @DateTimeColumn()
  raisedAt: Date;

  @DateTimeColumn({ nullable: true })
  clearedAt: Date | null;
}
