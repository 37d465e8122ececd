import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BillingCatalogUsage1796167599103 implements MigrationInterface {
  name = 'BillingCatalogUsage1796167599103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `billing_plans` (`id` int NOT NULL AUTO_INCREMENT, `code` varchar(64) NOT NULL, `version` int NOT NULL, `status` varchar(16) NOT NULL, `document` text NOT NULL, `createdAt` datetime(3) NOT NULL, `publishedAt` datetime(3) NULL, UNIQUE INDEX `uq_billing_plans_code_version` (`code`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `billing_subscriptions` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `planId` int NOT NULL, `seats` int NOT NULL, `modules` text NULL, `startedOn` varchar(10) NOT NULL, `trialEndsOn` varchar(10) NULL, `anchorOn` varchar(10) NOT NULL, `coupon` text NULL, `cancelAtPeriodEnd` tinyint NOT NULL DEFAULT 0, `pendingPlanId` int NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_billing_subscriptions_tenant` (`tenantId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `billing_usage_daily` (`tenantId` int NOT NULL, `metric` varchar(32) NOT NULL, `day` varchar(10) NOT NULL, `quantity` bigint NOT NULL, PRIMARY KEY (`tenantId`, `metric`, `day`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `billing_usage_events` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `eventId` varchar(128) NOT NULL, `metric` varchar(32) NOT NULL, `quantity` bigint NOT NULL, `day` varchar(10) NOT NULL, `createdAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_billing_usage_events` (`tenantId`, `eventId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_billing_usage_events` ON `billing_usage_events`');
    await queryRunner.query('DROP TABLE `billing_usage_events`');
    await queryRunner.query('DROP TABLE `billing_usage_daily`');
    await queryRunner.query('DROP INDEX `uq_billing_subscriptions_tenant` ON `billing_subscriptions`');
    await queryRunner.query('DROP TABLE `billing_subscriptions`');
    await queryRunner.query('DROP INDEX `uq_billing_plans_code_version` ON `billing_plans`');
    await queryRunner.query('DROP TABLE `billing_plans`');
  }
}
