import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per tenant: whether resolving chargeable work needs the customer's signature. */
export class SignatureRequired1796172100000 implements MigrationInterface {
  name = 'SignatureRequired1796172100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `labour_settings` ADD `signatureRequired` tinyint NOT NULL DEFAULT 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `labour_settings` DROP COLUMN `signatureRequired`');
  }
}
