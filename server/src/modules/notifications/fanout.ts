import { In, LessThan, LessThanOrEqual, type EntityManager } from 'typeorm';
import { ACTIVE_JOB_STATUSES, type NotificationKind, type RecipientType } from '@baoxiu/shared';
import { enqueue } from '../../queue/outbox';
import type { Deps } from '../../deps';
import { User } from '../auth/user.entity';
import { StaffWechatBinding } from '../auth/wechat-binding.entity';
import { Asset } from '../assets/asset.entity';
import { Site } from '../assets/site.entity';
import { Offer } from '../dispatch/offer.entity';
import { Tenant } from '../tenants/tenant.entity';
import { Ticket } from '../tickets/ticket.entity';
import { TicketEvent } from '../tickets/ticket-event.entity';
import { Notification } from './notification.entity';
import { sendJob } from './notifications.jobs';
import { messageData, messagePage, type MessageContext } from './values';
import { WechatTemplate } from './wechat-template.entity';

interface Recipient {
  kind: NotificationKind;
  type: RecipientType;
  userId: number | null;
}

const REPORTER_KIND: Partial<Record<TicketEvent['type'], NotificationKind>> = {
  accepted: 'ticket_accepted',
  en_route: 'engineer_on_the_way',
  resolved: 'ticket_resolved',
  closed: 'ticket_closed',
  quoted: 'quote_pending',
};

/** Each offer or assignment starts a round (makeOffers bumps dispatchRound and records one event), so events count rounds. */
async function roundOf(em: EntityManager, e: TicketEvent): Promise<number> {
  return em.countBy(TicketEvent, { ticketId: e.ticketId, type: In(['offered', 'assigned']), id: LessThanOrEqual(e.id) });
}

/** Whoever had the job before a reassignment: the engineer working it, or the one it was assigned to. */
async function previousHolders(em: EntityManager, e: TicketEvent, round: number): Promise<number[]> {
  if (e.fromStatus && ACTIVE_JOB_STATUSES.includes(e.fromStatus)) {
    const accepted = await em.findOne(TicketEvent, {
      where: { ticketId: e.ticketId, type: 'accepted', id: LessThan(e.id) },
      order: { id: 'DESC' },
    });
    return accepted?.actorId ? [accepted.actorId] : [];
  }
  if (e.fromStatus !== 'offered' || round < 2) return [];
  const earlier = await em.findBy(Offer, { ticketId: e.ticketId, round: round - 1, kind: 'assign' });
  return earlier.map((o) => o.engineerId);
}

/** The tenant's active dispatchers and admins (or just `roles`) who have a WeChat binding. */
export async function dispatchers(
  em: EntityManager,
  tenantId: number,
  roles: Array<'dispatcher' | 'admin'> = ['dispatcher', 'admin'],
): Promise<number[]> {
  const staff = await em.find(User, { where: { tenantId, role: In(roles), active: true }, select: { id: true } });
  if (staff.length === 0) return [];
  // Only those who can be reached: an unbound admin is not "missing" a message.
  const bound = await em.findBy(StaffWechatBinding, { tenantId, userId: In(staff.map((s) => s.id)) });
  return bound.map((b) => b.userId);
}

/** Who hears about this event, and as which kind of message. */
export async function recipientsOf(em: EntityManager, e: TicketEvent, ticket: Ticket): Promise<Recipient[]> {
  const reporterKind = REPORTER_KIND[e.type];
  if (reporterKind) return [{ kind: reporterKind, type: 'reporter', userId: null }];
  if (e.type === 'offered' || e.type === 'assigned') {
    const round = await roundOf(em, e);
    const offered = await em.findBy(Offer, { ticketId: ticket.id, round });
    const kind: NotificationKind = e.type === 'offered' ? 'job_offered' : 'job_assigned';
    const to: Recipient[] = offered.map((o) => ({ kind, type: 'engineer', userId: o.engineerId }));
    if (e.type === 'assigned') {
      const now = new Set(offered.map((o) => o.engineerId));
      for (const id of await previousHolders(em, e, round)) {
        if (!now.has(id)) to.push({ kind: 'job_reassigned', type: 'engineer', userId: id });
      }
    }
    return to;
  }
  if (e.type === 'sla_escalated') {
    // The note says which actions the level had (escalation/escalation.ts escalationNote): dispatcher, admin or both
    // (a level that hands the job to the dispatcher tells them).
    const actions = e.note?.split(' ').at(-1)?.split(',') ?? [];
    const roles: Array<'dispatcher' | 'admin'> = [
      ...(actions.includes('notify_dispatcher') || actions.includes('to_dispatcher') ? ['dispatcher' as const] : []),
      ...(actions.includes('notify_admin') ? ['admin' as const] : []),
    ];
    if (roles.length === 0) return [];
    return (await dispatchers(em, ticket.tenantId, roles)).map((userId) => ({ kind: 'sla_escalated', type: 'dispatcher', userId }));
  }
  const dispatcherKind =
    e.type === 'reopened'
      ? 'ticket_reopened'
      : e.type === 'urged'
        ? 'ticket_urged'
        : e.type === 'escalated' && e.note !== 'manual_dispatch'
          ? 'offer_exhausted'
          : null;
  if (!dispatcherKind) return [];
  return (await dispatchers(em, ticket.tenantId)).map((userId) => ({ kind: dispatcherKind, type: 'dispatcher', userId }));
}

async function contextOf(em: EntityManager, e: TicketEvent, ticket: Ticket) {
  const [asset, tenant] = await Promise.all([
    em.findOneByOrFail(Asset, { id: ticket.assetId }),
    em.findOneByOrFail(Tenant, { id: ticket.tenantId }),
  ]);
  const site = await em.findOneBy(Site, { id: asset.siteId });
  const engineerId = ticket.engineerId ?? (e.actorType === 'engineer' ? e.actorId : null);
  const engineer = engineerId ? await em.findOneBy(User, { id: engineerId }) : null;
  return { ticket, event: e, asset, site, timezone: tenant.timezone, engineerName: engineer?.name ?? null };
}

/**
 * notifications.fanout: one row per (event, kind, recipient) with the message fixed, and one send job
 * per row, in one transaction. A redo finds the rows by their unique key and adds nothing.
 */
export async function fanOut(deps: Deps, eventId: number): Promise<number> {
  // Without WeChat configured there is nobody to message: no rows, and no transaction spent finding that out.
  if (!deps.wechat) return 0;
  return deps.db.transaction(async (em) => {
    const event = await em.findOneBy(TicketEvent, { id: eventId });
    const ticket = event ? await em.findOneBy(Ticket, { id: event.ticketId }) : null;
    if (!event || !ticket) return 0;
    const recipients = await recipientsOf(em, event, ticket);
    if (recipients.length === 0) return 0;
    const base = await contextOf(em, event, ticket);
    const templates = await em.findBy(WechatTemplate, { tenantId: ticket.tenantId });
    const userIds = recipients.flatMap((r) => (r.userId ? [r.userId] : []));
    const bindings = userIds.length ? await em.findBy(StaffWechatBinding, { tenantId: ticket.tenantId, userId: In(userIds) }) : [];
    const now = deps.clock.now();
    let created = 0;
    for (const r of recipients) {
      const dedupeKey = `${event.id}:${r.kind}:${r.userId ?? 'reporter'}`;
      if (await em.findOneBy(Notification, { dedupeKey })) continue;
      const openid = r.type === 'reporter' ? ticket.reporterOpenid : (bindings.find((b) => b.userId === r.userId)?.openid ?? null);
      const template = templates.find((t) => t.kind === r.kind) ?? null;
      const c: MessageContext = { ...base, kind: r.kind };
      await recordNotification(em, now, {
        tenantId: ticket.tenantId,
        ticketId: ticket.id,
        eventId: event.id,
        dedupeKey,
        kind: r.kind,
        recipientType: r.type,
        recipientUserId: r.userId,
        openid,
        templateId: template?.templateId ?? null,
        page: messagePage(c),
        data: template ? messageData(template.fields, c) : {},
        reason: !openid ? 'no_wechat' : !template ? 'no_template' : null,
      });
      created += 1;
    }
    return created;
  });
}

/** What a caller decides about one message; the rest of the row starts the same for every kind. */
export type NotificationDraft = Pick<
  Notification,
  | 'tenantId'
  | 'ticketId'
  | 'eventId'
  | 'dedupeKey'
  | 'kind'
  | 'recipientType'
  | 'recipientUserId'
  | 'openid'
  | 'templateId'
  | 'page'
  | 'data'
> &
  Partial<Pick<Notification, 'stockAlertId'>> & {
    /** Why it will not be sent (recorded as skipped), or null to send it. */
    reason: string | null;
  };

/** One message row, and its send job unless it is skipped, in the caller's transaction. */
export async function recordNotification(em: EntityManager, now: Date, draft: NotificationDraft): Promise<void> {
  const { reason, ...row } = draft;
  const id = (
    await em.insert(Notification, {
      ...row,
      status: reason ? 'skipped' : 'pending',
      reason,
      attempts: 0,
      creditTaken: false,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
    })
  ).identifiers[0].id as number;
  if (!reason) await enqueue(em, now, sendJob(id));
}
