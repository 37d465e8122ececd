import { In } from 'typeorm';
import {
  KIND_RECIPIENT,
  type CreditView,
  type RecipientType,
  type Role,
  type StaffWechatView,
  type SubscriptionResultsInput,
  type OkResponse,
  type StaffWechatListResponse,
  type SubscriptionStatus,
} from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';
import type { StaffActor } from '../auth/actor';
import { User } from '../auth/user.entity';
import { StaffWechatBinding } from '../auth/wechat-binding.entity';
import { Asset } from '../assets/asset.entity';
import { creditsFor, recordSubscriptionResults } from './credits.service';
import { SubscriptionCredit } from './subscription-credit.entity';
import { tenantTemplates } from './templates.service';

/** Engineers hear about jobs; dispatchers and admins about escalations and reopened tickets. */
export const recipientOfRole = (role: Role): RecipientType => (role === 'engineer' ? 'engineer' : 'dispatcher');

/** Every staff member's WeChat state, so the console can show who cannot be reached (no credit left). */
export async function listStaffWechat(deps: Deps, tenantId: number): Promise<StaffWechatListResponse> {
  const em = deps.db.ds.manager;
  const users = await em.find(User, { where: { tenantId, active: true }, order: { role: 'ASC', name: 'ASC' } });
  const bindings = users.length ? await em.findBy(StaffWechatBinding, { tenantId, userId: In(users.map((u) => u.id)) }) : [];
  const openidOf = new Map(bindings.map((b) => [b.userId, b.openid]));
  const templates = await tenantTemplates(em, tenantId);
  const openids = [...openidOf.values()];
  const rows = openids.length ? await em.findBy(SubscriptionCredit, { openid: In(openids) }) : [];
  const credit = new Map(rows.map((r) => [`${r.openid} ${r.templateId}`, r]));
  const items = users.map((u): StaffWechatView => {
    const openid = openidOf.get(u.id) ?? null;
    const views: CreditView[] = templates
      .filter((t) => KIND_RECIPIENT[t.kind] === recipientOfRole(u.role))
      .map((t) => {
        const row = openid ? credit.get(`${openid} ${t.templateId}`) : undefined;
        return { kind: t.kind, templateId: t.templateId, credits: row?.credits ?? 0, refused: Boolean(row?.refusedAt) };
      });
    return {
      id: u.id,
      name: u.name,
      role: u.role,
      bound: openid !== null,
      templates: views,
      needsSubscription: openid !== null && views.some((c) => c.credits === 0 || c.refused),
    };
  });
  return { items };
}

async function staffOpenid(deps: Deps, actor: StaffActor): Promise<string | null> {
  const binding = await deps.db.ds.getRepository(StaffWechatBinding).findOneBy({ userId: actor.userId, tenantId: actor.tenantId });
  return binding?.openid ?? null;
}

/** The templates a signed-in staff member should subscribe to, with what is left of each. */
export async function myWechatStatus(deps: Deps, actor: StaffActor): Promise<SubscriptionStatus> {
  const em = deps.db.ds.manager;
  const openid = await staffOpenid(deps, actor);
  const templates = await tenantTemplates(em, actor.tenantId, recipientOfRole(actor.type));
  return { bound: openid !== null, templates: await creditsFor(em, openid, templates) };
}

/** Subscription answers from the engineer's phone; an account without a bound WeChat has nothing to credit. */
export async function reportStaffSubscriptions(
  deps: Deps,
  actor: StaffActor,
  input: SubscriptionResultsInput,
): Promise<SubscriptionStatus> {
  const openid = await staffOpenid(deps, actor);
  if (openid) await recordSubscriptionResults(deps, openid, input);
  return myWechatStatus(deps, actor);
}

/** The reporter templates of the tenant owning this asset (the mini-program asks after filing a request there). */
export async function reporterSubscriptionStatus(deps: Deps, reporter: { openid: string }, assetCode: string): Promise<SubscriptionStatus> {
  const em = deps.db.ds.manager;
  const asset = await em.findOneBy(Asset, { code: assetCode });
  if (!asset) throw new AppError('ASSET_NOT_FOUND', { code: assetCode });
  const templates = await tenantTemplates(em, asset.tenantId, 'reporter');
  return { bound: true, templates: await creditsFor(em, reporter.openid, templates) };
}

export async function reportReporterSubscriptions(
  deps: Deps,
  reporter: { openid: string },
  input: SubscriptionResultsInput,
): Promise<OkResponse> {
  await recordSubscriptionResults(deps, reporter.openid, input);
  return { ok: true };
}
