import type { EntityManager } from 'typeorm';
import type { CreditView, SubscriptionResultsInput } from '@baoxiu/shared';
import { isUniqueViolation } from '../../db/database';
import type { Deps } from '../../deps';
import { SubscriptionCredit } from './subscription-credit.entity';
import { mirrorAcceptsToStandin } from '../../wechat/standin-bridge';
import type { WechatTemplate } from './wechat-template.entity';

/**
 * Records what wx.requestSubscribeMessage answered: each "accept" is one more message that template may
 * carry to this user, and clears an earlier refusal; reject / ban / filter add nothing.
 */
export async function recordSubscriptionResults(deps: Deps, openid: string, input: SubscriptionResultsInput): Promise<void> {
  const accepted = Object.entries(input.results)
    .filter(([, r]) => r === 'accept')
    .map(([id]) => id);
  if (accepted.length === 0) return;
  await deps.db.transaction(async (em) => {
    const now = deps.clock.now();
    for (const templateId of accepted) await addCredit(em, openid, templateId, now);
  });
  await mirrorAcceptsToStandin(deps, openid, accepted);
}

async function addCredit(em: EntityManager, openid: string, templateId: string, now: Date): Promise<void> {
  const bump = () =>
    em
      .createQueryBuilder()
      .update(SubscriptionCredit)
      .set({ credits: () => 'credits + 1', refusedAt: null, updatedAt: now })
      .where('openid = :openid AND templateId = :templateId', { openid, templateId })
      .execute();
  if ((await bump()).affected === 1) return;
  try {
    await em.insert(SubscriptionCredit, { openid, templateId, credits: 1, refusedAt: null, updatedAt: now });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    await bump();
  }
}

export type CreditOutcome = 'taken' | 'none' | 'refused';

/** Uses one credit, atomically (two sends racing for the last credit: one gets it). */
export async function takeCredit(em: EntityManager, openid: string, templateId: string, now: Date): Promise<CreditOutcome> {
  const result = await em
    .createQueryBuilder()
    .update(SubscriptionCredit)
    .set({ credits: () => 'credits - 1', updatedAt: now })
    .where('openid = :openid AND templateId = :templateId AND credits > 0 AND refusedAt IS NULL', { openid, templateId })
    .execute();
  if (result.affected === 1) return 'taken';
  const row = await em.findOneBy(SubscriptionCredit, { openid, templateId });
  return row?.refusedAt ? 'refused' : 'none';
}

/** A message that finally failed did not use the user's subscription. */
export async function giveBackCredit(em: EntityManager, openid: string, templateId: string, now: Date): Promise<void> {
  await em
    .createQueryBuilder()
    .update(SubscriptionCredit)
    .set({ credits: () => 'credits + 1', updatedAt: now })
    .where('openid = :openid AND templateId = :templateId', { openid, templateId })
    .execute();
}

/** WeChat says the user refused (43101): whatever we counted is gone, and nothing is sent until they accept again. */
export async function markRefused(em: EntityManager, openid: string, templateId: string, now: Date): Promise<void> {
  await em.update(SubscriptionCredit, { openid, templateId }, { credits: 0, refusedAt: now, updatedAt: now });
}

/** Credits of one openid for the given templates, in template order. */
export async function creditsFor(em: EntityManager, openid: string | null, templates: WechatTemplate[]): Promise<CreditView[]> {
  const rows =
    openid && templates.length
      ? await em.findBy(
          SubscriptionCredit,
          templates.map((t) => ({ openid, templateId: t.templateId })),
        )
      : [];
  const byTemplate = new Map(rows.map((r) => [r.templateId, r]));
  return templates.map((t) => {
    const row = byTemplate.get(t.templateId);
    return { kind: t.kind, templateId: t.templateId, credits: row?.credits ?? 0, refused: Boolean(row?.refusedAt) };
  });
}
