import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketQuotes1796170200000 implements MigrationInterface {
  name = 'TicketQuotes1796170200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `ticket_quotes` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `ticketId` int NOT NULL, `version` int NOT NULL, `status` varchar(12) NOT NULL, `labourMinutes` int NOT NULL, `labourRatePerHour` int NOT NULL, `labourAmount` int NOT NULL, `calloutFee` int NOT NULL, `lines` text NOT NULL, `partsAmount` int NOT NULL, `total` int NOT NULL, `createdBy` int NULL, `createdAt` datetime(3) NOT NULL, `answeredAt` datetime(3) NULL, UNIQUE INDEX `uq_ticket_quotes_version` (`ticketId`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `labour_settings` (`tenantId` int NOT NULL, `labourRatePerHour` int NOT NULL DEFAULT '0', `calloutFee` int NOT NULL DEFAULT '0', `quoteRequired` tinyint NOT NULL DEFAULT 0, `updatedAt` datetime(3) NOT NULL, PRIMARY KEY (`tenantId`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `labour_settings`');
    await queryRunner.query('DROP INDEX `uq_ticket_quotes_version` ON `ticket_quotes`');
    await queryRunner.query('DROP TABLE `ticket_quotes`');
  }
}
