import { Entity, Index, PrimaryGeneratedColumn, Column } from 'typeorm';
import { DateTimeColumn } from '../../db/columns';

/** What a claimed upload is: a reporter's photo, an engineer's after-repair photo, or the customer's signature. */
export type UploadPurpose = 'report' | 'resolution' | 'signature';

@Entity('uploads')
@Index('ix_uploads_ticket', ['ticketId'])
export class Upload {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Index('uq_uploads_public_id', { unique: true })
  @Column('varchar', { length: 40 })
  publicId: string;

  /** Set when a ticket claims the photo; unclaimed uploads belong to nobody yet. */
  @Column('int', { nullable: true })
  tenantId: number | null;

  @Column('int', { nullable: true })
  ticketId: number | null;

  @Column('varchar', { length: 16, nullable: true })
  purpose: UploadPurpose | null;

  @Column('varchar', { length: 255 })
  path: string;

  @Column('varchar', { length: 32 })
  mime: string;

  @Column('int')
  size: number;

  @DateTimeColumn()
  createdAt: Date;
}
