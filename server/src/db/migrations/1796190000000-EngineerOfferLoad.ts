import type { MigrationInterface, QueryRunner } from 'typeorm';
import { recountOfferLoadsSql } from '../../modules/dispatch/offer-load';

/**
 * Each engineer's pending offers and last offer time as columns on their row (kept by dispatch/offer-load.ts),
 * back-filled from the offers: a dispatch decision no longer counts offers per engineer.
 */
export class EngineerOfferLoad1796190000000 implements MigrationInterface {
  name = 'EngineerOfferLoad1796190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` ADD `pendingOffers` int NOT NULL DEFAULT 0, ADD `lastOfferedAt` datetime(3) NULL');
    const recount = recountOfferLoadsSql();
    await queryRunner.query(recount.sql, recount.params);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `users` DROP COLUMN `pendingOffers`, DROP COLUMN `lastOfferedAt`');
  }
}
