import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PM generation writes each occurrence row with its ticket id in one INSERT and no longer reads rows back by their
 * sweep's claim: no query reads `pm_occurrences.claim` any more, so its index only cost every insert an entry.
 */
export class PmClaimIndexDrop1796180100000 implements MigrationInterface {
  name = 'PmClaimIndexDrop1796180100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_pm_occurrences_claim` ON `pm_occurrences`');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `ix_pm_occurrences_claim` ON `pm_occurrences` (`claim`)');
  }
}
