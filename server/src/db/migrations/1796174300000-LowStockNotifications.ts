import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A notification may be about a low-stock crossing instead of a ticket event: ticket and event become optional. */
export class LowStockNotifications1796174300000 implements MigrationInterface {
  name = 'LowStockNotifications1796174300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `notifications` MODIFY `ticketId` int NULL');
    await queryRunner.query('ALTER TABLE `notifications` MODIFY `eventId` int NULL');
    await queryRunner.query('ALTER TABLE `notifications` ADD `stockAlertId` int NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM `notifications` WHERE `ticketId` IS NULL OR `eventId` IS NULL');
    await queryRunner.query('ALTER TABLE `notifications` DROP COLUMN `stockAlertId`');
    await queryRunner.query('ALTER TABLE `notifications` MODIFY `eventId` int NOT NULL');
    await queryRunner.query('ALTER TABLE `notifications` MODIFY `ticketId` int NOT NULL');
  }
}
