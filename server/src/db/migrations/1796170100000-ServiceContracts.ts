import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ServiceContracts1796170100000 implements MigrationInterface {
  name = 'ServiceContracts1796170100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `service_contracts` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `number` varchar(40) NOT NULL, `assetId` int NULL, `siteId` int NULL, `coverage` varchar(8) NOT NULL, `startsOn` varchar(10) NOT NULL, `endsOn` varchar(10) NOT NULL, `notes` varchar(500) NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, INDEX `ix_service_contracts_site` (`tenantId`, `siteId`), INDEX `ix_service_contracts_asset` (`tenantId`, `assetId`), UNIQUE INDEX `uq_service_contracts_number` (`tenantId`, `number`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query("ALTER TABLE `tickets` ADD `coverage` varchar(12) NOT NULL DEFAULT 'chargeable'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `tickets` DROP COLUMN `coverage`');
    await queryRunner.query('DROP INDEX `uq_service_contracts_number` ON `service_contracts`');
    await queryRunner.query('DROP INDEX `ix_service_contracts_asset` ON `service_contracts`');
    await queryRunner.query('DROP INDEX `ix_service_contracts_site` ON `service_contracts`');
    await queryRunner.query('DROP TABLE `service_contracts`');
  }
}
