import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SlaTargetInput } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/** A tenant's SLA targets as one document: read whole for every match, replaced whole by PUT. */
@Entity('sla_policies')
export class SlaPolicy {
  @PrimaryColumn('int')
  tenantId: number;

  @JsonColumn()
  targets: SlaTargetInput[];

  @Column('int', { default: 1 })
  version: number;

  @DateTimeColumn()
  updatedAt: Date;
}
