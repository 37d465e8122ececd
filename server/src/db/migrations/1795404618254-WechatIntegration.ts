import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WechatIntegration1795404618254 implements MigrationInterface {
  name = 'WechatIntegration1795404618254';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `reporters` (`id` int NOT NULL AUTO_INCREMENT, `openid` varchar(64) NOT NULL, `unionid` varchar(64) NULL, `phone` varchar(32) NULL, `createdAt` datetime(3) NOT NULL, `lastSeenAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_reporters_openid` (`openid`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `staff_wechat_bindings` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `userId` int NOT NULL, `openid` varchar(64) NOT NULL, `createdAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_staff_wechat_user` (`userId`), UNIQUE INDEX `uq_staff_wechat_openid` (`openid`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `staff_wechat_invites` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `userId` int NOT NULL, `tokenHash` varchar(64) NOT NULL, `createdBy` int NOT NULL, `createdAt` datetime(3) NOT NULL, `expiresAt` datetime(3) NOT NULL, `usedAt` datetime(3) NULL, INDEX `ix_staff_wechat_invites_user` (`tenantId`, `userId`), UNIQUE INDEX `uq_staff_wechat_invites_hash` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `notifications` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `ticketId` int NOT NULL, `eventId` int NOT NULL, `dedupeKey` varchar(100) NOT NULL, `kind` varchar(24) NOT NULL, `recipientType` varchar(12) NOT NULL, `recipientUserId` int NULL, `openid` varchar(64) NULL, `templateId` varchar(64) NULL, `page` varchar(200) NULL, `data` text NOT NULL, `status` varchar(10) NOT NULL, `reason` varchar(200) NULL, `attempts` int NOT NULL DEFAULT '0', `creditTaken` tinyint NOT NULL DEFAULT 0, `createdAt` datetime(3) NOT NULL, `updatedAt` datetime(3) NOT NULL, `sentAt` datetime(3) NULL, INDEX `ix_notifications_status_updated` (`status`, `updatedAt`), INDEX `ix_notifications_tenant_ticket` (`tenantId`, `ticketId`), UNIQUE INDEX `uq_notifications_dedupe` (`dedupeKey`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `wechat_subscription_credits` (`id` int NOT NULL AUTO_INCREMENT, `openid` varchar(64) NOT NULL, `templateId` varchar(64) NOT NULL, `credits` int NOT NULL DEFAULT '0', `refusedAt` datetime(3) NULL, `updatedAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_wechat_credits_openid_template` (`openid`, `templateId`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `wechat_templates` (`id` int NOT NULL AUTO_INCREMENT, `tenantId` int NOT NULL, `kind` varchar(24) NOT NULL, `templateId` varchar(64) NOT NULL, `fields` text NOT NULL, `updatedAt` datetime(3) NOT NULL, UNIQUE INDEX `uq_wechat_templates_tenant_kind` (`tenantId`, `kind`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `tickets` ADD `reporterOpenid` varchar(64) NULL');
    await queryRunner.query('CREATE INDEX `ix_tickets_reporter_created` ON `tickets` (`reporterOpenid`, `createdAt`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_tickets_reporter_created` ON `tickets`');
    await queryRunner.query('ALTER TABLE `tickets` DROP COLUMN `reporterOpenid`');
    await queryRunner.query('DROP INDEX `uq_wechat_templates_tenant_kind` ON `wechat_templates`');
    await queryRunner.query('DROP TABLE `wechat_templates`');
    await queryRunner.query('DROP INDEX `uq_wechat_credits_openid_template` ON `wechat_subscription_credits`');
    await queryRunner.query('DROP TABLE `wechat_subscription_credits`');
    await queryRunner.query('DROP INDEX `uq_notifications_dedupe` ON `notifications`');
    await queryRunner.query('DROP INDEX `ix_notifications_tenant_ticket` ON `notifications`');
    await queryRunner.query('DROP INDEX `ix_notifications_status_updated` ON `notifications`');
    await queryRunner.query('DROP TABLE `notifications`');
    await queryRunner.query('DROP INDEX `uq_staff_wechat_invites_hash` ON `staff_wechat_invites`');
    await queryRunner.query('DROP INDEX `ix_staff_wechat_invites_user` ON `staff_wechat_invites`');
    await queryRunner.query('DROP TABLE `staff_wechat_invites`');
    await queryRunner.query('DROP INDEX `uq_staff_wechat_openid` ON `staff_wechat_bindings`');
    await queryRunner.query('DROP INDEX `uq_staff_wechat_user` ON `staff_wechat_bindings`');
    await queryRunner.query('DROP TABLE `staff_wechat_bindings`');
    await queryRunner.query('DROP INDEX `uq_reporters_openid` ON `reporters`');
    await queryRunner.query('DROP TABLE `reporters`');
  }
}
