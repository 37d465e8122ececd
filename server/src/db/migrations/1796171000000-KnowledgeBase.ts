import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Knowledge base: articles (FULLTEXT over the encoded jieba tokens), per-tenant synonyms, deflection events; tickets.deviceId. */
export class KnowledgeBase1796171000000 implements MigrationInterface {
  name = 'KnowledgeBase1796171000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `kb_articles` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `title` varchar(200) NOT NULL, `body` text NOT NULL, `categories` text NOT NULL, `models` text NOT NULL, `tags` text NOT NULL, `status` varchar(12) NOT NULL, `visibility` varchar(12) NOT NULL, `searchText` text NOT NULL, `authorId` int NULL, `sourceTicket` varchar(32) NULL, `version` int NOT NULL DEFAULT '1', `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, FULLTEXT INDEX `ft_kb_articles_search` (`searchText`), INDEX `ix_kb_articles_tenant_status` (`tenantId`, `status`, `visibility`), INDEX `ix_kb_articles_tenant_updated` (`tenantId`, `updatedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `kb_synonyms` (`tenantId` int NOT NULL, `groups` text NOT NULL, `version` int NOT NULL DEFAULT '1', `updatedAt` datetime(3) NOT NULL, PRIMARY KEY (`tenantId`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `kb_events` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `assetId` int NOT NULL, `category` varchar(50) NULL, `articleId` int NULL, `deviceId` varchar(64) NOT NULL, `type` varchar(20) NOT NULL, `at` datetime(3) NOT NULL, INDEX `ix_kb_events_device_asset` (`deviceId`, `assetId`, `at`), INDEX `ix_kb_events_tenant_at` (`tenantId`, `at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `tickets` ADD `deviceId` varchar(64) NULL');
    await queryRunner.query('CREATE INDEX `ix_tickets_asset_device` ON `tickets` (`assetId`, `deviceId`, `createdAt`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_tickets_asset_device` ON `tickets`');
    await queryRunner.query('ALTER TABLE `tickets` DROP COLUMN `deviceId`');
    await queryRunner.query('DROP INDEX `ix_kb_events_tenant_at` ON `kb_events`');
    await queryRunner.query('DROP INDEX `ix_kb_events_device_asset` ON `kb_events`');
    await queryRunner.query('DROP TABLE `kb_events`');
    await queryRunner.query('DROP TABLE `kb_synonyms`');
    await queryRunner.query('DROP INDEX `ix_kb_articles_tenant_updated` ON `kb_articles`');
    await queryRunner.query('DROP INDEX `ix_kb_articles_tenant_status` ON `kb_articles`');
    await queryRunner.query('DROP INDEX `ft_kb_articles_search` ON `kb_articles`');
    await queryRunner.query('DROP TABLE `kb_articles`');
  }
}
