import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA outcomes of history: tickets resolved or closed before SlaAttainment1796173100000 (which marked only open
 * tickets) and filed in the last 400 days get `slaNextAt` = now, so the escalation sweep replays their clocks and
 * records met / breached (and bumps their version, so the KPI rollup re-reads their days). The same statement as
 * markSettledForSlaSweep (modules/sla/sla.backfill.ts), which SQLite runs at start.
 */
export class SlaOutcomeBackfill1796174100000 implements MigrationInterface {
  name = 'SlaOutcomeBackfill1796174100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE \`tickets\` t SET t.\`slaNextAt\` = UTC_TIMESTAMP(3)
       WHERE t.\`status\` IN ('resolved', 'closed') AND t.\`slaNextAt\` IS NULL
         AND t.\`slaResponseOutcome\` IS NULL AND t.\`slaArrivalOutcome\` IS NULL AND t.\`slaResolutionOutcome\` IS NULL
         AND t.\`createdAt\` >= UTC_TIMESTAMP(3) - INTERVAL 400 DAY
         AND EXISTS (SELECT 1 FROM \`sla_clock_events\` e WHERE e.\`ticketId\` = t.\`id\`)`,
    );
  }

  async down(): Promise<void> {
    // Data only: the outcomes the sweep recorded are true; nothing to undo.
  }
}
