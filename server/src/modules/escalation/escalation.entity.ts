import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EscalationAction, SlaTargetKind } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/**
 * One escalation level that fired for one clock: the unique index makes it fire exactly once per ticket,
 * target, clock (its start) and level, whichever worker or sweep gets there first. The desk reads these rows.
 */
@Entity('sla_escalations')
@Index('uq_sla_escalations_level', ['ticketId', 'target', 'clockStartedAt', 'level'], { unique: true })
@Index('ix_sla_escalations_tenant', ['tenantId', 'firedAt'])
export class SlaEscalation {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  ticketId: number;

  @Column('varchar', { length: 12 })
  target: SlaTargetKind;

  @DateTimeColumn()
  clockStartedAt: Date;

  @Column('int')
  level: number;

  @JsonColumn()
  actions: EscalationAction[];

  @DateTimeColumn()
  firedAt: Date;
}
