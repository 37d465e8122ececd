import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketListAndSweeperIndexes1795404057123 implements MigrationInterface {
  name = 'TicketListAndSweeperIndexes1795404057123';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `ix_tickets_status_updated` ON `tickets` (`status`, `updatedAt`)');
    await queryRunner.query('CREATE INDEX `ix_tickets_status_offer_expires` ON `tickets` (`status`, `offerExpiresAt`)');
    await queryRunner.query('CREATE INDEX `ix_tickets_tenant_created` ON `tickets` (`tenantId`, `createdAt`, `id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_tickets_tenant_created` ON `tickets`');
    await queryRunner.query('DROP INDEX `ix_tickets_status_offer_expires` ON `tickets`');
    await queryRunner.query('DROP INDEX `ix_tickets_status_updated` ON `tickets`');
  }
}
