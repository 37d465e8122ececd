import type { NotificationStatus } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { WechatError, ERR_REFUSED } from '../../wechat/errors';
import { giveBackCredit, markRefused, takeCredit } from './credits.service';
import { Notification } from './notification.entity';

/** Tries per message (the queue's first run and its retries); then it is failed and its credit given back. */
export const MAX_ATTEMPTS = 5;

/**
 * The exactly-once rule. WeChat's send has no idempotency key, so "sent twice" can only be prevented
 * on our side, and a crash between WeChat's answer and our record leaves us unable to know:
 *
 * 1. A row is claimed by a conditional UPDATE to `sending`, committed BEFORE the HTTP call (one
 *    claimant wins; the one subscription credit is used in the same commit).
 * 2. WeChat answers → `sent`, `refused` (43101, recorded on the credit, never retried), `retrying`
 *    (5xx, -1 busy, 45011 rate limit, request never left: the queue retries with backoff), or `failed`.
 * 3. No answer after the request left (connection cut, timeout) → `unknown`: it may have arrived.
 * 4. A row found still `sending` was interrupted mid-send (worker killed after sending, before
 *    recording): it is marked `unknown` and NOT sent again. At most once; the dispatcher sees "unknown".
 */
export async function sendNotification(deps: Deps, id: number): Promise<NotificationStatus | null> {
  const n = await deps.db.ds.getRepository(Notification).findOneBy({ id });
  if (!n) return null;
  if (n.status === 'sending') return settle(deps, n, 'unknown', 'interrupted while sending; not repeated');
  if (n.status !== 'pending' && n.status !== 'retrying') return n.status;
  if (!deps.wechat || !n.openid || !n.templateId) return settle(deps, n, 'skipped', deps.wechat ? 'no_wechat' : 'wechat_off');
  const claimed = await claim(deps, n);
  if (claimed !== 'claimed') return claimed;
  try {
    await deps.wechat.sendSubscribeMessage({ touser: n.openid, templateId: n.templateId, page: n.page ?? undefined, data: n.data });
  } catch (err) {
    // Anything but WeChat's own failure is a crash: the row stays `sending`, and rule 4 applies on the redo.
    if (!(err instanceof WechatError)) throw err;
    return failed(deps, n, err);
  }
  return settle(deps, n, 'sent', null);
}

/** Rule 1: `sending` committed before the call; null when another worker claimed it first. */
async function claim(deps: Deps, n: Notification): Promise<'claimed' | 'skipped' | null> {
  return deps.db.transaction(async (em) => {
    const now = deps.clock.now();
    const won = await em
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'sending', attempts: n.attempts + 1, updatedAt: now })
      .where('id = :id AND status = :status AND attempts = :attempts', { id: n.id, status: n.status, attempts: n.attempts })
      .execute();
    if (won.affected !== 1) return null;
    if (!n.creditTaken) {
      const credit = await takeCredit(em, n.openid as string, n.templateId as string, now);
      if (credit !== 'taken') {
        // Out of credit or refused earlier: WeChat would refuse too, so nothing is sent; the job itself is unaffected.
        await em.update(
          Notification,
          { id: n.id },
          { status: 'skipped', reason: credit === 'refused' ? 'refused' : 'no_credit', updatedAt: now },
        );
        return 'skipped';
      }
      await em.update(Notification, { id: n.id }, { creditTaken: true });
    }
    Object.assign(n, { status: 'sending', attempts: n.attempts + 1, creditTaken: true });
    return 'claimed';
  });
}

async function failed(deps: Deps, n: Notification, err: WechatError): Promise<NotificationStatus> {
  const reason = err.message.slice(0, 200);
  if (err.errcode === ERR_REFUSED) {
    await deps.db.transaction((em) => markRefused(em, n.openid as string, n.templateId as string, deps.clock.now()));
    return settle(deps, n, 'refused', reason);
  }
  if (err.ambiguous) return settle(deps, n, 'unknown', reason);
  if (err.retryable && n.attempts < MAX_ATTEMPTS) {
    await settle(deps, n, 'retrying', reason);
    throw err; // the queue retries with backoff
  }
  await deps.db.transaction((em) => giveBackCredit(em, n.openid as string, n.templateId as string, deps.clock.now()));
  return settle(deps, n, 'failed', reason);
}

async function settle(deps: Deps, n: Notification, status: NotificationStatus, reason: string | null): Promise<NotificationStatus> {
  const now = deps.clock.now();
  await deps.db.transaction(async (em) => {
    await em.update(Notification, { id: n.id }, { status, reason, updatedAt: now, ...(status === 'sent' ? { sentAt: now } : {}) });
    // Usage for billing: a message WeChat accepted, counted in the transaction that records it (so exactly once).
    if (status === 'sent') await deps.meterOne(em, n.tenantId, 'wechat_messages', now);
  });
  deps.metrics.wechatSends.inc({ outcome: status });
  return status;
}
