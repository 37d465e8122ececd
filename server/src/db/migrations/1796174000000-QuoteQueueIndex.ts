import type { MigrationInterface, QueryRunner } from 'typeorm';

/** GET /api/quotes (the console's quotes awaiting approval) reads one tenant's quotes in one state, newest first. */
export class QuoteQueueIndex1796174000000 implements MigrationInterface {
  name = 'QuoteQueueIndex1796174000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `ix_ticket_quotes_queue` ON `ticket_quotes` (`tenantId`, `status`, `id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_ticket_quotes_queue` ON `ticket_quotes`');
  }
}
