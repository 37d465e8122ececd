import type { MigrationInterface, QueryRunner } from 'typeorm';

/** PM back-fill: each plan's last swept day, and the visits generated only once already past due. */
export class PmBackfill1796173456789 implements MigrationInterface {
  name = 'PmBackfill1796173456789';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `pm_plans` ADD `generatedThrough` varchar(10) NULL');
    await queryRunner.query('ALTER TABLE `pm_occurrences` ADD `late` tinyint NOT NULL DEFAULT 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `pm_occurrences` DROP COLUMN `late`');
    await queryRunner.query('ALTER TABLE `pm_plans` DROP COLUMN `generatedThrough`');
  }
}
