import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { KbEventType, KbStatus, KbVisibility } from '@baoxiu/shared';
import { DateTimeColumn, JsonColumn } from '../../db/columns';

/**
 * A knowledge-base article. `searchText` holds the encoded jieba tokens of title and body (kb.segment.ts):
 * MariaDB indexes it with FULLTEXT; SQLite mirrors it into the FTS5 table kb_articles_fts (kb.fts.ts), written
 * by the service in the same transaction. (On SQLite the FULLTEXT declaration becomes a plain index.)
 */
@Entity('kb_articles')
@Index('ix_kb_articles_tenant_updated', ['tenantId', 'updatedAt'])
@Index('ix_kb_articles_tenant_status', ['tenantId', 'status', 'visibility'])
@Index('ft_kb_articles_search', ['searchText'], { fulltext: true })
export class KbArticle {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('varchar', { length: 200 })
  title: string;

  @Column('text')
  body: string;

  @JsonColumn()
  categories: string[];

  @JsonColumn()
  models: string[];

  @JsonColumn()
  tags: string[];

  @Column('varchar', { length: 12 })
  status: KbStatus;

  @Column('varchar', { length: 12 })
  visibility: KbVisibility;

  @Column('text')
  searchText: string;

  @Column('int', { nullable: true })
  authorId: number | null;

  /** The ticket whose resolution the draft was made from ("turn this fix into an article"). */
  @Column('varchar', { length: 32, nullable: true })
  sourceTicket: string | null;

  @Column('int', { default: 1 })
  version: number;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}

/** A tenant's synonym groups as one document (卡纸 ≈ 夹纸), replaced whole by PUT. */
@Entity('kb_synonyms')
export class KbSynonymSet {
  @PrimaryColumn('int')
  tenantId: number;

  @JsonColumn()
  groups: string[][];

  @Column('int', { default: 1 })
  version: number;

  @DateTimeColumn()
  updatedAt: Date;
}

/** What a reporter's device did with the suggestions on one asset's form (deflection counting). */
@Entity('kb_events')
@Index('ix_kb_events_tenant_at', ['tenantId', 'at'])
@Index('ix_kb_events_device_asset', ['deviceId', 'assetId', 'at'])
export class KbEvent {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('int')
  tenantId: number;

  @Column('int')
  assetId: number;

  /** The asset's category when the event happened (KPIs per category). */
  @Column('varchar', { length: 50, nullable: true })
  category: string | null;

  @Column('int', { nullable: true })
  articleId: number | null;

  @Column('varchar', { length: 64 })
  deviceId: string;

  @Column('varchar', { length: 20 })
  type: KbEventType;

  @DateTimeColumn()
  at: Date;
}
