import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BillingInvoices1796168556034 implements MigrationInterface {
  name = 'BillingInvoices1796168556034';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `billing_invoices` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `number` varchar(32) NOT NULL, `dedupeKey` varchar(96) NOT NULL, `kind` varchar(16) NOT NULL, `status` varchar(8) NOT NULL, `planId` int NOT NULL, `currency` varchar(8) NOT NULL, `periodStart` varchar(10) NOT NULL, `periodEnd` varchar(10) NOT NULL, `issuedOn` varchar(10) NOT NULL, `lines` text NOT NULL, `subtotal` int NOT NULL, `discount` int NOT NULL, `tax` int NOT NULL, `total` int NOT NULL, `createdAt` datetime(3) NOT NULL, `paidAt` datetime(3) NULL, UNIQUE INDEX `uq_billing_invoices_number` (`number`), INDEX `ix_billing_invoices_tenant` (`tenantId`, `issuedOn`), UNIQUE INDEX `uq_billing_invoices_dedupe` (`tenantId`, `dedupeKey`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `billing_invoice_counters` (`series` varchar(16) NOT NULL, `value` int NOT NULL, PRIMARY KEY (`series`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `billing_subscriptions` ADD `pendingSeats` int NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `billing_subscriptions` DROP COLUMN `pendingSeats`');
    await queryRunner.query('DROP TABLE `billing_invoice_counters`');
    await queryRunner.query('DROP INDEX `uq_billing_invoices_dedupe` ON `billing_invoices`');
    await queryRunner.query('DROP INDEX `ix_billing_invoices_tenant` ON `billing_invoices`');
    await queryRunner.query('DROP INDEX `uq_billing_invoices_number` ON `billing_invoices`');
    await queryRunner.query('DROP TABLE `billing_invoices`');
  }
}
