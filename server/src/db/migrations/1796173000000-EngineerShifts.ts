import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EngineerShifts1796173000000 implements MigrationInterface {
  name = 'EngineerShifts1796173000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `engineer_shifts` (`userId` int NOT NULL, `tenantId` int NOT NULL, `week` text NULL, `leaveDays` text NOT NULL, `dutyOverride` varchar(4) NOT NULL DEFAULT 'none', `updatedAt` datetime(3) NOT NULL, INDEX `ix_engineer_shifts_tenant` (`tenantId`), PRIMARY KEY (`userId`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `engineer_shifts`');
  }
}
