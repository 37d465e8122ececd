import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SlaPolicies1796167581739 implements MigrationInterface {
  name = 'SlaPolicies1796167581739';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `sla_policies` (`tenantId` int NOT NULL, `targets` text NOT NULL, `version` int NOT NULL DEFAULT '1', `updatedAt` datetime(3) NOT NULL, PRIMARY KEY (`tenantId`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `sla_policies`');
  }
}
