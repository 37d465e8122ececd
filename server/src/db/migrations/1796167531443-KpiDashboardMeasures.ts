import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KpiDashboardMeasures1796167531443 implements MigrationInterface {
  name = 'KpiDashboardMeasures1796167531443';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `kpi_daily` ADD `rating1Count` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `kpi_daily` ADD `rating2Count` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `kpi_daily` ADD `rating3Count` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `kpi_daily` ADD `rating4Count` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `kpi_daily` ADD `rating5Count` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `kpi_daily` ADD `declinedCount` int NOT NULL DEFAULT '0'");
    // Rows rolled up before hold 0 in the new measures: drop them and the sweep's progress, so it backfills.
    await queryRunner.query('DELETE FROM `kpi_daily`');
    await queryRunner.query('DELETE FROM `kpi_sweeps`');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `kpi_daily` DROP COLUMN `declinedCount`');
    await queryRunner.query('ALTER TABLE `kpi_daily` DROP COLUMN `rating5Count`');
    await queryRunner.query('ALTER TABLE `kpi_daily` DROP COLUMN `rating4Count`');
    await queryRunner.query('ALTER TABLE `kpi_daily` DROP COLUMN `rating3Count`');
    await queryRunner.query('ALTER TABLE `kpi_daily` DROP COLUMN `rating2Count`');
    await queryRunner.query('ALTER TABLE `kpi_daily` DROP COLUMN `rating1Count`');
  }
}
