import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1796170500000 implements MigrationInterface {
  name = 'ApiKeys1796170500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `api_keys` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `name` varchar(60) NOT NULL, `lookup` varchar(16) NOT NULL, `secretHash` varchar(64) NOT NULL, `createdBy` int NOT NULL, `createdAt` datetime(3) NOT NULL, `lastUsedAt` datetime(3) NULL, `revokedAt` datetime(3) NULL, INDEX `ix_api_keys_tenant` (`tenantId`, `createdAt`), UNIQUE INDEX `uq_api_keys_lookup` (`lookup`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_api_keys_lookup` ON `api_keys`');
    await queryRunner.query('DROP INDEX `ix_api_keys_tenant` ON `api_keys`');
    await queryRunner.query('DROP TABLE `api_keys`');
  }
}
