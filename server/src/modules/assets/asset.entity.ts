import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

export type CustomFields = Record<string, string | number | boolean>;

@Entity('assets')
@Index('ix_assets_tenant_site', ['tenantId', 'siteId'])
@Index('ix_assets_tenant_category', ['tenantId', 'category'])
@Index('ix_assets_tenant_serial', ['tenantId', 'serial'])
@Index('ix_assets_tenant_external', ['tenantId', 'externalId'])
export class Asset {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  siteId: number;

  /** The public, unguessable code printed in the QR; unique across all tenants. */
  @Index('uq_assets_code', { unique: true })
  @Column('varchar', { length: 16 })
  code: string;

  @Column('varchar', { length: 100 })
  name: string;

  @Column('varchar', { length: 100, nullable: true })
  model: string | null;

  @Column('varchar', { length: 100, nullable: true })
  serial: string | null;

  @Column('varchar', { length: 50, nullable: true })
  category: string | null;

  @Column('varchar', { length: 100, nullable: true })
  location: string | null;

  /** A calendar date (YYYY-MM-DD): warranty is a day, not an instant. */
  @Column('varchar', { length: 10, nullable: true })
  warrantyUntil: string | null;

  @JsonColumn()
  customFields: CustomFields;

  /** The asset's id in the customer's own system, so re-importing their sheet updates instead of duplicating. */
  @Column('varchar', { length: 100, nullable: true })
  externalId: string | null;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}
