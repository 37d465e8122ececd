import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The console's low-stock list shows each open crossing's WeChat messages: found by their alert. */
export class NotificationStockAlertIndex1796190100000 implements MigrationInterface {
  name = 'NotificationStockAlertIndex1796190100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `ix_notifications_stock_alert` ON `notifications` (`stockAlertId`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_notifications_stock_alert` ON `notifications`');
  }
}
