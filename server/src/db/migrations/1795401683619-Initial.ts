import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795401683619 implements MigrationInterface {
  name = 'Initial1795401683619';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `tenants` (`id` int NOT NULL AUTO_INCREMENT, `slug` varchar(64) NOT NULL, `name` varchar(100) NOT NULL, `dispatchMode` varchar(16) NOT NULL DEFAULT 'auto', `offerTimeoutSeconds` int NOT NULL DEFAULT '300', `timezone` varchar(64) NOT NULL DEFAULT 'Asia/Shanghai', `createdAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_tenants_slug` (`slug`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `username` varchar(64) NOT NULL, `name` varchar(50) NOT NULL, `role` varchar(16) NOT NULL, `passwordHash` varchar(200) NOT NULL, `phone` varchar(32) NULL, `skills` text NOT NULL, `siteIds` text NOT NULL, `onDuty` tinyint NOT NULL DEFAULT 1, `lastAssignedAt` datetime(3) NULL, `active` tinyint NOT NULL DEFAULT 1, `createdAt` datetime(3) NOT NULL, INDEX `ix_users_tenant_role` (`tenantId`, `role`), UNIQUE INDEX `uq_users_tenant_username` (`tenantId`, `username`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `sites` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `name` varchar(100) NOT NULL, `address` varchar(200) NULL, `region` varchar(50) NULL, `createdAt` datetime(3) NOT NULL, INDEX `ix_sites_tenant` (`tenantId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `assets` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `siteId` int NOT NULL, `code` varchar(16) NOT NULL, `name` varchar(100) NOT NULL, `model` varchar(100) NULL, `serial` varchar(100) NULL, `category` varchar(50) NULL, `location` varchar(100) NULL, `warrantyUntil` varchar(10) NULL, `customFields` text NOT NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_assets_code` (`code`), INDEX `ix_assets_tenant_serial` (`tenantId`, `serial`), INDEX `ix_assets_tenant_category` (`tenantId`, `category`), INDEX `ix_assets_tenant_site` (`tenantId`, `siteId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `tickets` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `number` varchar(24) NOT NULL, `assetId` int NOT NULL, `siteId` int NOT NULL, `status` varchar(20) NOT NULL, `category` varchar(50) NULL, `description` text NOT NULL, `urgency` varchar(8) NOT NULL, `contactName` varchar(50) NULL, `contactPhone` varchar(32) NOT NULL, `trackingToken` varchar(32) NOT NULL, `idempotencyKey` varchar(100) NULL, `requestHash` varchar(64) NULL, `engineerId` int NULL, `dispatchCycle` int NOT NULL DEFAULT '1', `dispatchRound` int NOT NULL DEFAULT '0', `needsDispatcher` tinyint NOT NULL DEFAULT 0, `offerExpiresAt` datetime(3) NULL, `resolutionNotes` text NULL, `partsUsed` text NULL, `rating` int NULL, `ratingComment` varchar(500) NULL, `ratedAt` datetime(3) NULL, `version` int NOT NULL DEFAULT '1', `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `acceptedAt` datetime(3) NULL, `arrivedAt` datetime(3) NULL, `resolvedAt` datetime(3) NULL, `closedAt` datetime(3) NULL, UNIQUE INDEX `uq_tickets_tracking_token` (`trackingToken`), INDEX `ix_tickets_asset_status` (`assetId`, `status`), INDEX `ix_tickets_tenant_site_created` (`tenantId`, `siteId`, `createdAt`), INDEX `ix_tickets_tenant_engineer_status` (`tenantId`, `engineerId`, `status`), INDEX `ix_tickets_tenant_status_created` (`tenantId`, `status`, `createdAt`), UNIQUE INDEX `uq_tickets_tenant_idempotency` (`tenantId`, `idempotencyKey`), UNIQUE INDEX `uq_tickets_tenant_number` (`tenantId`, `number`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `ticket_events` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `ticketId` int NOT NULL, `type` varchar(20) NOT NULL, `fromStatus` varchar(20) NULL, `toStatus` varchar(20) NULL, `actorType` varchar(16) NOT NULL, `actorId` int NULL, `note` varchar(1000) NULL, `createdAt` datetime(3) NOT NULL, INDEX `ix_ticket_events_ticket` (`ticketId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `ticket_counters` (`tenantId` int NOT NULL, `day` varchar(8) NOT NULL, `value` int NOT NULL, PRIMARY KEY (`tenantId`, `day`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `offers` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `ticketId` int NOT NULL, `engineerId` int NOT NULL, `cycle` int NOT NULL, `round` int NOT NULL, `kind` varchar(8) NOT NULL, `status` varchar(12) NOT NULL, `reason` varchar(500) NULL, `createdAt` datetime(3) NOT NULL, `expiresAt` datetime(3) NOT NULL, `respondedAt` datetime(3) NULL, INDEX `ix_offers_tenant_engineer_status` (`tenantId`, `engineerId`, `status`), INDEX `ix_offers_ticket_status` (`ticketId`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `uploads` (`id` int NOT NULL AUTO_INCREMENT, `publicId` varchar(40) NOT NULL, `tenantId` int NULL, `ticketId` int NULL, `purpose` varchar(16) NULL, `path` varchar(255) NOT NULL, `mime` varchar(32) NOT NULL, `size` int NOT NULL, `createdAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_uploads_public_id` (`publicId`), INDEX `ix_uploads_ticket` (`ticketId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `outbox` (`id` int NOT NULL AUTO_INCREMENT, `jobName` varchar(64) NOT NULL, `jobId` varchar(128) NOT NULL, `payload` text NOT NULL, `createdAt` datetime(3) NOT NULL, `runAt` datetime(3) NOT NULL, `sentAt` datetime(3) NULL, `attempts` int NOT NULL DEFAULT '0', `lastError` varchar(500) NULL, INDEX `ix_outbox_pending` (`sentAt`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_outbox_pending` ON `outbox`');
    await queryRunner.query('DROP TABLE `outbox`');
    await queryRunner.query('DROP INDEX `ix_uploads_ticket` ON `uploads`');
    await queryRunner.query('DROP INDEX `uq_uploads_public_id` ON `uploads`');
    await queryRunner.query('DROP TABLE `uploads`');
    await queryRunner.query('DROP INDEX `ix_offers_ticket_status` ON `offers`');
    await queryRunner.query('DROP INDEX `ix_offers_tenant_engineer_status` ON `offers`');
    await queryRunner.query('DROP TABLE `offers`');
    await queryRunner.query('DROP TABLE `ticket_counters`');
    await queryRunner.query('DROP INDEX `ix_ticket_events_ticket` ON `ticket_events`');
    await queryRunner.query('DROP TABLE `ticket_events`');
    await queryRunner.query('DROP INDEX `uq_tickets_tenant_number` ON `tickets`');
    await queryRunner.query('DROP INDEX `uq_tickets_tenant_idempotency` ON `tickets`');
    await queryRunner.query('DROP INDEX `ix_tickets_tenant_status_created` ON `tickets`');
    await queryRunner.query('DROP INDEX `ix_tickets_tenant_engineer_status` ON `tickets`');
    await queryRunner.query('DROP INDEX `ix_tickets_tenant_site_created` ON `tickets`');
    await queryRunner.query('DROP INDEX `ix_tickets_asset_status` ON `tickets`');
    await queryRunner.query('DROP INDEX `uq_tickets_tracking_token` ON `tickets`');
    await queryRunner.query('DROP TABLE `tickets`');
    await queryRunner.query('DROP INDEX `ix_assets_tenant_site` ON `assets`');
    await queryRunner.query('DROP INDEX `ix_assets_tenant_category` ON `assets`');
    await queryRunner.query('DROP INDEX `ix_assets_tenant_serial` ON `assets`');
    await queryRunner.query('DROP INDEX `uq_assets_code` ON `assets`');
    await queryRunner.query('DROP TABLE `assets`');
    await queryRunner.query('DROP INDEX `ix_sites_tenant` ON `sites`');
    await queryRunner.query('DROP TABLE `sites`');
    await queryRunner.query('DROP INDEX `uq_users_tenant_username` ON `users`');
    await queryRunner.query('DROP INDEX `ix_users_tenant_role` ON `users`');
    await queryRunner.query('DROP TABLE `users`');
    await queryRunner.query('DROP INDEX `uq_tenants_slug` ON `tenants`');
    await queryRunner.query('DROP TABLE `tenants`');
  }
}
