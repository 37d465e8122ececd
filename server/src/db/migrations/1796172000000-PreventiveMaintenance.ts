import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PreventiveMaintenance1796172000000 implements MigrationInterface {
  name = 'PreventiveMaintenance1796172000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `pm_plans` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `name` varchar(120) NOT NULL, `target` text NOT NULL, `rrule` varchar(500) NOT NULL, `startsOn` varchar(10) NOT NULL, `basedOn` varchar(12) NOT NULL, `leadDays` int NOT NULL, `holidayPolicy` varchar(8) NOT NULL, `checklist` text NOT NULL, `active` tinyint NOT NULL DEFAULT 1, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, INDEX `ix_pm_plans_active` (`active`, `id`), INDEX `ix_pm_plans_tenant` (`tenantId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `pm_occurrences` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `planId` int NOT NULL, `assetId` int NOT NULL, `dueOn` varchar(10) NOT NULL, `ticketId` int NULL, `results` text NULL, `correctiveTicketId` int NULL, `claim` varchar(32) NOT NULL, `createdAt` datetime(3) NOT NULL, INDEX `ix_pm_occurrences_tenant_due` (`tenantId`, `dueOn`), INDEX `ix_pm_occurrences_ticket` (`ticketId`), INDEX `ix_pm_occurrences_claim` (`claim`), UNIQUE INDEX `uq_pm_occurrences_key` (`planId`, `assetId`, `dueOn`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query("ALTER TABLE `tickets` ADD `type` varchar(12) NOT NULL DEFAULT 'repair'");
    await queryRunner.query('ALTER TABLE `tickets` ADD `sourceTicketId` int NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `tickets` DROP COLUMN `sourceTicketId`');
    await queryRunner.query('ALTER TABLE `tickets` DROP COLUMN `type`');
    await queryRunner.query('DROP TABLE `pm_occurrences`');
    await queryRunner.query('DROP TABLE `pm_plans`');
  }
}
