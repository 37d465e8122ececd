import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OPEN_STATUSES } from '@baoxiu/shared';

/**
 * SLA attainment: each ticket's next SLA instant (the escalation sweep reads only tickets whose instant has
 * come, by ix_tickets_sla_next) and its recorded outcome per target; the KPI rollup's attainment measures.
 */
export class SlaAttainment1796173100000 implements MigrationInterface {
  name = 'SlaAttainment1796173100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `tickets` ADD `slaNextAt` datetime(3) NULL, ADD `slaResponseOutcome` smallint NULL, ADD `slaArrivalOutcome` smallint NULL, ADD `slaResolutionOutcome` smallint NULL',
    );
    await queryRunner.query('CREATE INDEX `ix_tickets_sla_next` ON `tickets` (`slaNextAt`)');
    await queryRunner.query(
      "ALTER TABLE `kpi_daily` ADD `slaResponseLowDue` int NOT NULL DEFAULT '0', ADD `slaResponseLowMet` int NOT NULL DEFAULT '0', ADD `slaResponseNormalDue` int NOT NULL DEFAULT '0', ADD `slaResponseNormalMet` int NOT NULL DEFAULT '0', ADD `slaResponseHighDue` int NOT NULL DEFAULT '0', ADD `slaResponseHighMet` int NOT NULL DEFAULT '0', ADD `slaArrivalLowDue` int NOT NULL DEFAULT '0', ADD `slaArrivalLowMet` int NOT NULL DEFAULT '0', ADD `slaArrivalNormalDue` int NOT NULL DEFAULT '0', ADD `slaArrivalNormalMet` int NOT NULL DEFAULT '0', ADD `slaArrivalHighDue` int NOT NULL DEFAULT '0', ADD `slaArrivalHighMet` int NOT NULL DEFAULT '0', ADD `slaResolutionLowDue` int NOT NULL DEFAULT '0', ADD `slaResolutionLowMet` int NOT NULL DEFAULT '0', ADD `slaResolutionNormalDue` int NOT NULL DEFAULT '0', ADD `slaResolutionNormalMet` int NOT NULL DEFAULT '0', ADD `slaResolutionHighDue` int NOT NULL DEFAULT '0', ADD `slaResolutionHighMet` int NOT NULL DEFAULT '0'",
    );
    // Open tickets with clocks are swept at once (the stored times are UTC: UTC_TIMESTAMP, not the session's NOW()).
    await queryRunner.query(
      `UPDATE \`tickets\` t SET t.\`slaNextAt\` = UTC_TIMESTAMP(3)
       WHERE t.\`status\` IN (${OPEN_STATUSES.map(() => '?').join(', ')}) AND EXISTS (SELECT 1 FROM \`sla_clock_events\` e WHERE e.\`ticketId\` = t.\`id\`)`,
      [...OPEN_STATUSES],
    );
    // Rows rolled up before hold 0 in the new measures: drop them and the sweep's progress, so it backfills.
    await queryRunner.query('DELETE FROM `kpi_daily`');
    await queryRunner.query('DELETE FROM `kpi_sweeps`');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `kpi_daily` DROP COLUMN `slaResponseLowDue`, DROP COLUMN `slaResponseLowMet`, DROP COLUMN `slaResponseNormalDue`, DROP COLUMN `slaResponseNormalMet`, DROP COLUMN `slaResponseHighDue`, DROP COLUMN `slaResponseHighMet`, DROP COLUMN `slaArrivalLowDue`, DROP COLUMN `slaArrivalLowMet`, DROP COLUMN `slaArrivalNormalDue`, DROP COLUMN `slaArrivalNormalMet`, DROP COLUMN `slaArrivalHighDue`, DROP COLUMN `slaArrivalHighMet`, DROP COLUMN `slaResolutionLowDue`, DROP COLUMN `slaResolutionLowMet`, DROP COLUMN `slaResolutionNormalDue`, DROP COLUMN `slaResolutionNormalMet`, DROP COLUMN `slaResolutionHighDue`, DROP COLUMN `slaResolutionHighMet`',
    );
    await queryRunner.query('DROP INDEX `ix_tickets_sla_next` ON `tickets`');
    await queryRunner.query(
      'ALTER TABLE `tickets` DROP COLUMN `slaResolutionOutcome`, DROP COLUMN `slaArrivalOutcome`, DROP COLUMN `slaResponseOutcome`, DROP COLUMN `slaNextAt`',
    );
  }
}
