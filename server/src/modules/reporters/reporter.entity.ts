import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

/**
 * A reporter known by their WeChat openid. Not tenant-owned: one person reports at assets of many
 * tenants through the same mini-program, and sees all their requests in "my requests".
 */
@Entity('reporters')
export class Reporter {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Index('uq_reporters_openid', { unique: true })
  @Column('varchar', { length: 64 })
  openid: string;

  @Column('varchar', { length: 64, nullable: true })
  unionid: string | null;

  /** From WeChat's phone-number button, to prefill the contact phone. */
  @Column('varchar', { length: 32, nullable: true })
  phone: string | null;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  lastSeenAt: Date;
}
