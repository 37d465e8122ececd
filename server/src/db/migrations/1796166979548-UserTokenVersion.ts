import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserTokenVersion1796166979548 implements MigrationInterface {
  name = 'UserTokenVersion1796166979548';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `users` ADD `tokenVersion` int NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `tokenVersion`');
  }
}
