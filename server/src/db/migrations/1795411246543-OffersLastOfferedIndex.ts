import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OffersLastOfferedIndex1795411246543 implements MigrationInterface {
  name = 'OffersLastOfferedIndex1795411246543';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `ix_offers_tenant_engineer_created` ON `offers` (`tenantId`, `engineerId`, `createdAt`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_offers_tenant_engineer_created` ON `offers`');
  }
}
