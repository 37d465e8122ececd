import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartsStock1796170000000 implements MigrationInterface {
  name = 'PartsStock1796170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `parts` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `sku` varchar(64) NOT NULL, `name` varchar(100) NOT NULL, `unit` varchar(16) NOT NULL, `cost` int NOT NULL, `price` int NOT NULL, `minStock` int NOT NULL DEFAULT '0', `barcode` varchar(64) NULL, `categories` text NOT NULL, `lowSince` datetime(3) NULL, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, INDEX `ix_parts_tenant_barcode` (`tenantId`, `barcode`), UNIQUE INDEX `uq_parts_tenant_sku` (`tenantId`, `sku`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `stock_locations` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `kind` varchar(8) NOT NULL, `siteId` int NULL, `engineerId` int NULL, `ownerKey` varchar(24) NOT NULL, `name` varchar(120) NOT NULL, `createdAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_stock_locations_owner` (`tenantId`, `ownerKey`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `stock_balances` (`partId` int NOT NULL, `locationId` int NOT NULL, `tenantId` int NOT NULL, `onHand` int NOT NULL DEFAULT '0', INDEX `ix_stock_balances_tenant_part` (`tenantId`, `partId`), PRIMARY KEY (`partId`, `locationId`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `stock_movements` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `partId` int NOT NULL, `locationId` int NOT NULL, `kind` varchar(16) NOT NULL, `delta` int NOT NULL, `onHandAfter` int NOT NULL, `otherLocationId` int NULL, `ticketId` int NULL, `reason` varchar(200) NULL, `actorId` int NULL, `createdAt` datetime(3) NOT NULL, INDEX `ix_stock_movements_part` (`tenantId`, `partId`, `id`), INDEX `ix_stock_movements_location` (`tenantId`, `locationId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `stock_low_alerts` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `partId` int NOT NULL, `onHand` int NOT NULL, `minStock` int NOT NULL, `raisedAt` datetime(3) NOT NULL, `clearedAt` datetime(3) NULL, INDEX `ix_stock_low_alerts_tenant` (`tenantId`, `raisedAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_stock_low_alerts_tenant` ON `stock_low_alerts`');
    await queryRunner.query('DROP TABLE `stock_low_alerts`');
    await queryRunner.query('DROP INDEX `ix_stock_movements_location` ON `stock_movements`');
    await queryRunner.query('DROP INDEX `ix_stock_movements_part` ON `stock_movements`');
    await queryRunner.query('DROP TABLE `stock_movements`');
    await queryRunner.query('DROP INDEX `ix_stock_balances_tenant_part` ON `stock_balances`');
    await queryRunner.query('DROP TABLE `stock_balances`');
    await queryRunner.query('DROP INDEX `uq_stock_locations_owner` ON `stock_locations`');
    await queryRunner.query('DROP TABLE `stock_locations`');
    await queryRunner.query('DROP INDEX `uq_parts_tenant_sku` ON `parts`');
    await queryRunner.query('DROP INDEX `ix_parts_tenant_barcode` ON `parts`');
    await queryRunner.query('DROP TABLE `parts`');
  }
}
