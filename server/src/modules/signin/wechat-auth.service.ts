import { createHash, randomBytes } from 'node:crypto';
import { toString as qrString } from 'qrcode';
import type {
  InviteCreateInput,
  InviteResponse,
  ReporterSessionResponse,
  WechatBindInput,
  WechatSignInInput,
  UnboundResponse,
  WechatStaffSessionResponse,
} from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { iso } from '../../lib/time';
import type { Deps } from '../../deps';
import { Tenant } from '../tenants/tenant.entity';
import { signInReporter } from '../reporters/reporters.service';
import { requireWechat } from '../../wechat/setup';
import type { StaffActor } from '../auth/actor';
import { signStaffToken } from '../auth/auth.middleware';
import { bumpTokenVersion } from '../auth/auth.service';
import { User } from '../auth/user.entity';
import { StaffWechatBinding } from '../auth/wechat-binding.entity';
import { StaffWechatInvite } from '../auth/wechat-invite.entity';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The login page opens the bind step from this link; a camera or the mini-program's scanner reads it. */
export function inviteUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/pages/engineer/login/index?invite=${token}`;
}

async function staffSession(deps: Deps, user: User): Promise<WechatStaffSessionResponse> {
  const tenant = await deps.db.ds.getRepository(Tenant).findOneByOrFail({ id: user.tenantId });
  return { token: signStaffToken(deps.jwtSecret, user), user: { id: user.id, name: user.name, role: user.role }, tenant: tenant.slug };
}

/**
 * POST /api/auth/wechat: Taro.login's code → openid (jscode2session). A reporter gets a session by openid;
 * staff get the session of the account their WeChat is bound to, or WECHAT_NOT_BOUND.
 */
export async function wechatSignIn(deps: Deps, input: WechatSignInInput): Promise<ReporterSessionResponse | WechatStaffSessionResponse> {
  const { openid, unionid } = await requireWechat(deps).code2Session(input.code);
  if (input.as === 'reporter') return signInReporter(deps, openid, unionid);
  const binding = await deps.db.ds.getRepository(StaffWechatBinding).findOneBy({ openid });
  const user = binding
    ? await deps.db.ds.getRepository(User).findOneBy({ id: binding.userId, tenantId: binding.tenantId, active: true })
    : null;
  if (!user) throw new AppError('WECHAT_NOT_BOUND');
  return staffSession(deps, user);
}

function checkInvite(invite: StaffWechatInvite | null, now: Date): StaffWechatInvite {
  if (!invite) throw new AppError('INVITE_NOT_FOUND');
  if (invite.usedAt) throw new AppError('INVITE_USED');
  if (invite.expiresAt.getTime() <= now.getTime()) throw new AppError('INVITE_EXPIRED', { expiresAt: iso(invite.expiresAt) });
  return invite;
}

/**
 * POST /api/auth/wechat/bind: an invite scanned by the engineer's WeChat binds that WeChat to the
 * invited account. The invite is used up by a conditional UPDATE, so of two scans exactly one binds.
 */
export async function bindWechat(deps: Deps, input: WechatBindInput): Promise<WechatStaffSessionResponse> {
  const invites = deps.db.ds.getRepository(StaffWechatInvite);
  const tokenHash = hashToken(input.invite);
  // Checked before calling WeChat, and again when used: a bad invite does not spend the login code.
  checkInvite(await invites.findOneBy({ tokenHash }), deps.clock.now());
  const { openid } = await requireWechat(deps).code2Session(input.code);
  const user = await deps.db.transaction(async (em) => {
    const now = deps.clock.now();
    const invite = checkInvite(await em.findOneBy(StaffWechatInvite, { tokenHash }), now);
    const used = await em
      .createQueryBuilder()
      .update(StaffWechatInvite)
      .set({ usedAt: now })
      .where('id = :id AND usedAt IS NULL AND expiresAt > :now', { id: invite.id, now })
      .execute();
    if (used.affected !== 1) throw new AppError('INVITE_USED');
    const staff = await em.findOneBy(User, { id: invite.userId, tenantId: invite.tenantId, active: true });
    if (!staff) throw new AppError('INVITE_NOT_FOUND');
    const existing = await em.findOneBy(StaffWechatBinding, { openid });
    if (existing && existing.userId !== staff.id) throw new AppError('WECHAT_ALREADY_BOUND');
    if (!existing) {
      // A new WeChat for this account replaces the old one (a new phone, a new WeChat id).
      await em.delete(StaffWechatBinding, { userId: staff.id });
      await em.insert(StaffWechatBinding, { tenantId: staff.tenantId, userId: staff.id, openid, createdAt: now });
    }
    return staff;
  });
  return staffSession(deps, user);
}

export async function findStaff(deps: Deps, tenantId: number, id: number): Promise<User> {
  const user = await deps.db.ds.getRepository(User).findOneBy({ id, tenantId, active: true });
  if (!user) throw new AppError('STAFF_NOT_FOUND', { id });
  return user;
}

/** An admin's invite for one staff account: single use, expiring, shown as a QR the engineer scans. */
export async function createInvite(deps: Deps, actor: StaffActor, userId: number, input: InviteCreateInput): Promise<InviteResponse> {
  const user = await findStaff(deps, actor.tenantId, userId);
  const token = randomBytes(24).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + input.ttlHours * 3_600_000);
  await deps.db.transaction((em) =>
    em.insert(StaffWechatInvite, {
      tenantId: actor.tenantId,
      userId: user.id,
      tokenHash: hashToken(token),
      createdBy: actor.userId,
      createdAt: now,
      expiresAt,
      usedAt: null,
    }),
  );
  const url = inviteUrl(deps.config.publicBaseUrl, token);
  const qrSvg = await qrString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { invite: { url, expiresAt: iso(expiresAt), qrSvg, user: { id: user.id, name: user.name, role: user.role } } };
}

/** Unlinks a staff account's WeChat (a lost phone): WeChat sign-in stops working until a new invite is used. */
export async function unbindWechat(deps: Deps, actor: StaffActor, userId: number): Promise<UnboundResponse> {
  const user = await findStaff(deps, actor.tenantId, userId);
  await deps.db.transaction(async (em) => {
    await em.delete(StaffWechatBinding, { userId: user.id, tenantId: actor.tenantId });
    // The lost phone's WeChat sessions end too, not only future WeChat sign-ins.
    await bumpTokenVersion(em, actor.tenantId, user.id);
  });
  return { bound: false };
}
