import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows of background jobs are marked, and the relay's index leads with the lane: pending foreground rows
 * (a ticket's dispatch) are relayed before any pending background row (fan-outs, sends, SLA escalation levels).
 * Rows written before this are all foreground, as they were relayed in id order.
 */
export class OutboxLanes1796190200000 implements MigrationInterface {
  name = 'OutboxLanes1796190200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `outbox` ADD `background` tinyint NOT NULL DEFAULT 0, DROP INDEX `ix_outbox_pending`, ADD INDEX `ix_outbox_pending_lane` (`sentAt`, `background`, `id`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `outbox` DROP INDEX `ix_outbox_pending_lane`, ADD INDEX `ix_outbox_pending` (`sentAt`, `id`), DROP COLUMN `background`',
    );
  }
}
