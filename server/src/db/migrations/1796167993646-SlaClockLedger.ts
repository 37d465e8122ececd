import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SlaClockLedger1796167993646 implements MigrationInterface {
  name = 'SlaClockLedger1796167993646';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `sla_clock_events` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `ticketId` int NOT NULL, `target` varchar(12) NOT NULL, `kind` varchar(8) NOT NULL, `cause` varchar(40) NOT NULL, `at` datetime(3) NOT NULL, INDEX `ix_sla_clock_events_ticket` (`ticketId`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_sla_clock_events_ticket` ON `sla_clock_events`');
    await queryRunner.query('DROP TABLE `sla_clock_events`');
  }
}
