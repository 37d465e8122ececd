import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DispatchRosterVersion1795410657949 implements MigrationInterface {
  name = 'DispatchRosterVersion1795410657949';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `tenants` ADD `rosterVersion` int NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `tenants` DROP COLUMN `rosterVersion`');
  }
}
