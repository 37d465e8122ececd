import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SlaEscalations1796169932492 implements MigrationInterface {
  name = 'SlaEscalations1796169932492';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `sla_escalations` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `ticketId` int NOT NULL, `target` varchar(12) NOT NULL, `clockStartedAt` datetime(3) NOT NULL, `level` int NOT NULL, `actions` text NOT NULL, `firedAt` datetime(3) NOT NULL, INDEX `ix_sla_escalations_tenant` (`tenantId`, `firedAt`), UNIQUE INDEX `uq_sla_escalations_level` (`ticketId`, `target`, `clockStartedAt`, `level`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_sla_escalations_level` ON `sla_escalations`');
    await queryRunner.query('DROP INDEX `ix_sla_escalations_tenant` ON `sla_escalations`');
    await queryRunner.query('DROP TABLE `sla_escalations`');
  }
}
