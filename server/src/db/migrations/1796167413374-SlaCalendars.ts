import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SlaCalendars1796167413374 implements MigrationInterface {
  name = 'SlaCalendars1796167413374';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `sla_calendars` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `siteId` int NOT NULL DEFAULT '0', `timezone` varchar(64) NOT NULL, `week` text NOT NULL, `holidays` varchar(8) NOT NULL, `version` int NOT NULL DEFAULT '1', `updatedAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_sla_calendars_scope` (`tenantId`, `siteId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `sla_holidays` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL DEFAULT '0', `calendarId` int NOT NULL DEFAULT '0', `day` varchar(10) NOT NULL, `year` int NOT NULL, `kind` varchar(16) NOT NULL, `name` varchar(100) NOT NULL DEFAULT '', `source` varchar(64) NOT NULL, `createdAt` datetime(3) NOT NULL, INDEX `ix_sla_holidays_year` (`tenantId`, `year`), UNIQUE INDEX `uq_sla_holidays_day` (`tenantId`, `calendarId`, `day`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_sla_holidays_day` ON `sla_holidays`');
    await queryRunner.query('DROP INDEX `ix_sla_holidays_year` ON `sla_holidays`');
    await queryRunner.query('DROP TABLE `sla_holidays`');
    await queryRunner.query('DROP INDEX `uq_sla_calendars_scope` ON `sla_calendars`');
    await queryRunner.query('DROP TABLE `sla_calendars`');
  }
}
