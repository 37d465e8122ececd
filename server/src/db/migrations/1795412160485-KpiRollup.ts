import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KpiRollup1795412160485 implements MigrationInterface {
  name = 'KpiRollup1795412160485';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `kpi_daily` (`tenantId` int NOT NULL, `grain` int NOT NULL, `day` varchar(10) NOT NULL, `siteId` int NOT NULL, `category` varchar(50) NOT NULL, `engineerId` int NOT NULL, `tickets` int NOT NULL, `acceptedCount` int NOT NULL, `acceptedMs` bigint NOT NULL, `arrivedCount` int NOT NULL, `arrivedMs` bigint NOT NULL, `resolvedCount` int NOT NULL, `resolvedMs` bigint NOT NULL, `closedCount` int NOT NULL, `cancelledCount` int NOT NULL, `reopenedCount` int NOT NULL, `ratedCount` int NOT NULL, `ratingSum` int NOT NULL, INDEX `ix_kpi_daily_category` (`tenantId`, `grain`, `category`, `day`), INDEX `ix_kpi_daily_engineer` (`tenantId`, `grain`, `engineerId`, `day`), INDEX `ix_kpi_daily_site` (`tenantId`, `grain`, `siteId`, `day`), PRIMARY KEY (`tenantId`, `grain`, `day`, `siteId`, `category`, `engineerId`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `kpi_sweeps` (`tenantId` int NOT NULL, `sweptUntil` datetime(3) NULL, `closedThrough` varchar(10) NULL, PRIMARY KEY (`tenantId`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `kpi_sweeps`');
    await queryRunner.query('DROP INDEX `ix_kpi_daily_site` ON `kpi_daily`');
    await queryRunner.query('DROP INDEX `ix_kpi_daily_engineer` ON `kpi_daily`');
    await queryRunner.query('DROP INDEX `ix_kpi_daily_category` ON `kpi_daily`');
    await queryRunner.query('DROP TABLE `kpi_daily`');
  }
}
