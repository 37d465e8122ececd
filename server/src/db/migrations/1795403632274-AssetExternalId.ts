import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AssetExternalId1795403632274 implements MigrationInterface {
  name = 'AssetExternalId1795403632274';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `assets` ADD `externalId` varchar(100) NULL');
    await queryRunner.query('CREATE INDEX `ix_assets_tenant_external` ON `assets` (`tenantId`, `externalId`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_assets_tenant_external` ON `assets`');
    await queryRunner.query('ALTER TABLE `assets` DROP COLUMN `externalId`');
  }
}
