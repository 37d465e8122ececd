import { In } from 'typeorm';
import type { DeskTicketDetail, EngineerChoice } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { iso } from '../../lib/time';
import type { StaffActor } from '../auth/auth.middleware';
import { User } from '../auth/user.entity';
import { StaffWechatBinding } from '../auth/wechat-binding.entity';
import { Site } from '../assets/site.entity';
import { Offer } from '../dispatch/offer.entity';
import { isEligible } from '../dispatch/dispatch.scoring';
import { compileDuty, onDutyAtWall, wallInstant } from '../dispatch/duty';
import { EngineerShift } from '../dispatch/shift.entity';
import { Tenant } from '../tenants/tenant.entity';
import { countOpenJobs } from '../engineers/engineers.service';
import { SubscriptionCredit } from '../notifications/subscription-credit.entity';
import { WechatTemplate } from '../notifications/wechat-template.entity';
import { TicketEvent } from '../tickets/ticket-event.entity';
import { findTicketByNumber } from '../tickets/ticket.transitions';
import { TicketQuote } from '../parts/quote.entity';
import { presentQuote } from '../parts/quotes.service';
import { presentStaffTicket } from '../tickets/tickets.presenter';
import { groupOf } from './desk.filters';

/** Everything the desk's detail page shows, in a handful of batched reads. */
export async function deskTicketDetail(deps: Deps, actor: StaffActor, number: string): Promise<DeskTicketDetail> {
  const em = deps.db.ds.manager;
  const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
  const [{ ticket: view }, site, events, offers, quotes] = await Promise.all([
    presentStaffTicket(deps, em, ticket),
    em.findOneBy(Site, { id: ticket.siteId, tenantId: ticket.tenantId }),
    em.find(TicketEvent, { where: { ticketId: ticket.id }, order: { id: 'ASC' } }),
    em.find(Offer, { where: { ticketId: ticket.id }, order: { id: 'ASC' } }),
    em.find(TicketQuote, { where: { ticketId: ticket.id, tenantId: ticket.tenantId }, order: { version: 'ASC' } }),
  ]);
  const staffIds = [
    ...new Set([
      ...events.flatMap((e) => (e.actorId !== null && e.actorType !== 'reporter' && e.actorType !== 'system' ? [e.actorId] : [])),
      ...offers.map((o) => o.engineerId),
    ]),
  ];
  const users =
    staffIds.length > 0
      ? await em.find(User, { where: { id: In(staffIds), tenantId: ticket.tenantId }, select: { id: true, name: true } })
      : [];
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return {
    ticket: view,
    group: groupOf(ticket),
    site: { id: ticket.siteId, name: site?.name ?? '', address: site?.address ?? null },
    quotes: quotes.map(presentQuote),
    events: events.map((e) => ({
      type: e.type,
      at: iso(e.createdAt) as string,
      from: e.fromStatus,
      to: e.toStatus,
      actorType: e.actorType,
      actorId: e.actorId,
      actorName: e.actorId !== null && e.actorType !== 'reporter' && e.actorType !== 'system' ? (nameOf.get(e.actorId) ?? null) : null,
      note: e.note,
    })),
    offers: offers.map((o) => ({
      engineerId: o.engineerId,
      engineerName: nameOf.get(o.engineerId) ?? '',
      kind: o.kind,
      status: o.status,
      reason: o.reason,
      round: o.round,
      createdAt: iso(o.createdAt) as string,
      expiresAt: iso(o.expiresAt) as string,
      respondedAt: iso(o.respondedAt),
    })),
    rating: ticket.rating ? { score: ticket.rating, comment: ticket.ratingComment, at: iso(ticket.ratedAt) } : null,
  };
}

/** The assign picker: every active engineer with what a dispatcher weighs, eligible ones first. */
export async function engineerChoices(deps: Deps, actor: StaffActor, number: string): Promise<{ items: EngineerChoice[] }> {
  const em = deps.db.ds.manager;
  const ticket = await findTicketByNumber(em, actor.tenantId, number, 'TICKET_NOT_FOUND');
  const [engineers, sites, open, template, shifts, tenant] = await Promise.all([
    em.find(User, { where: { tenantId: actor.tenantId, role: 'engineer', active: true }, order: { name: 'ASC' } }),
    em.find(Site, { where: { tenantId: actor.tenantId }, select: { id: true, name: true } }),
    countOpenJobs(deps, actor.tenantId),
    em.findOneBy(WechatTemplate, { tenantId: actor.tenantId, kind: 'job_assigned' }),
    em.findBy(EngineerShift, { tenantId: actor.tenantId }),
    em.findOneByOrFail(Tenant, { id: actor.tenantId }),
  ]);
  // On duty now: their shifts in the tenant's zone (pattern, leave, override), else the onDuty switch.
  const dutyOf = new Map(shifts.map((s) => [s.userId, compileDuty(s)]));
  const wall = wallInstant(deps.clock.now(), tenant.timezone);
  const siteName = new Map(sites.map((s) => [s.id, s.name]));
  const ids = engineers.map((u) => u.id);
  const bindings = template && ids.length > 0 ? await em.findBy(StaffWechatBinding, { userId: In(ids) }) : [];
  const credits =
    template && bindings.length > 0
      ? await em.findBy(SubscriptionCredit, { openid: In(bindings.map((b) => b.openid)), templateId: template.templateId })
      : [];
  const openidOf = new Map(bindings.map((b) => [b.userId, b.openid]));
  const creditOf = new Map(credits.map((c) => [c.openid, c.credits > 0 && !c.refusedAt]));
  const needs = { category: ticket.category, siteId: ticket.siteId };
  const items = engineers.map((u): EngineerChoice => {
    const openid = openidOf.get(u.id);
    const siteIds = u.siteIds ?? [];
    const onDuty = onDutyAtWall(dutyOf.get(u.id) ?? null, u.onDuty, wall);
    return {
      id: u.id,
      name: u.name,
      skills: u.skills ?? [],
      sites: siteIds.map((id) => ({ id, name: siteName.get(id) ?? '' })),
      onDuty,
      openJobs: open.get(u.id) ?? 0,
      wechatCredit: template ? Boolean(openid && creditOf.get(openid)) : null,
      eligible: isEligible({ id: u.id, skills: u.skills ?? [], siteIds, onDuty, load: 0, lastAssignedAt: null }, needs),
    };
  });
  items.sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.openJobs - b.openJobs || a.name.localeCompare(b.name));
  return { items };
}
