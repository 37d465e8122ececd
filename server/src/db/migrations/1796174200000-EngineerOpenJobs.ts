import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each engineer's open jobs as a counter on their row (kept by guardedUpdate), back-filled from the tickets. */
export class EngineerOpenJobs1796174200000 implements MigrationInterface {
  name = 'EngineerOpenJobs1796174200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` ADD `openJobs` int NOT NULL DEFAULT 0');
    // The active job statuses (shared ACTIVE_JOB_STATUSES) as of this migration.
    await queryRunner.query(
      'UPDATE `users` SET `openJobs` = (SELECT COUNT(*) FROM `tickets` t WHERE t.`tenantId` = `users`.`tenantId` AND t.`engineerId` = `users`.`id`' +
        " AND t.`status` IN ('accepted', 'en_route', 'on_site', 'waiting_customer'))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `openJobs`');
  }
}
