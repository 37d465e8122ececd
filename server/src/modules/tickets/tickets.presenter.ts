import { In, type EntityManager } from 'typeorm';
import { NO_SLA, type CreateTicketResponse, type StaffTicket, type TicketEventType, type TrackedTicketResponse } from '@baoxiu/shared';
import { iso } from '../../lib/time';
import { Asset } from '../assets/asset.entity';
import { Site } from '../assets/site.entity';
import { User } from '../auth/user.entity';
import { photosOf } from '../uploads/uploads.service';
import { Ticket } from './ticket.entity';
import { TicketEvent } from './ticket-event.entity';
import type { Viewer } from './ticket.transitions';
import type { Deps } from '../../deps';
import { slaOfTickets } from '../sla/sla.view';
import { latestQuote, latestQuotesOf, presentQuote } from '../parts/quotes.service';

async function byId<T extends { id: number }>(em: EntityManager, entity: new () => T, ids: number[]): Promise<Map<number, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await em.createQueryBuilder(entity, 'x').whereInIds(unique).getMany();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Until an engineer holds the job, the reporter's number stays partly hidden. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** The latest reopen (reason, time) and how many there were, per ticket: one indexed query for a page. */
async function reopensOf(em: EntityManager, ids: number[]): Promise<Map<number, { count: number; reason: string | null; at: string }>> {
  const out = new Map<number, { count: number; reason: string | null; at: string }>();
  if (ids.length === 0) return out;
  const rows = await em.find(TicketEvent, { where: { ticketId: In(ids), type: 'reopened' }, order: { id: 'ASC' } });
  for (const e of rows) {
    out.set(e.ticketId, { count: (out.get(e.ticketId)?.count ?? 0) + 1, reason: e.note, at: iso(e.createdAt) });
  }
  return out;
}

/** Presents a page of tickets with a few batched lookups, whatever the page size. */
export async function presentStaffTickets(
  deps: Deps,
  em: EntityManager,
  tickets: Ticket[],
  viewer: { engineerId?: number } = {},
): Promise<StaffTicket[]> {
  const ids = tickets.map((t) => t.id);
  const chargeable = tickets.filter((t) => t.coverage === 'chargeable').map((t) => t.id);
  const [assets, sites, engineers, photos, fixes, slas, reopens, sources, quotes] = await Promise.all([
    byId(
      em,
      Asset,
      tickets.map((t) => t.assetId),
    ),
    byId(
      em,
      Site,
      tickets.map((t) => t.siteId),
    ),
    byId(
      em,
      User,
      tickets.flatMap((t) => (t.engineerId ? [t.engineerId] : [])),
    ),
    photosOf(em, ids, 'report'),
    photosOf(em, ids, 'resolution'),
    slaOfTickets(deps, em, tickets),
    reopensOf(em, ids),
    byId(
      em,
      Ticket,
      tickets.flatMap((t) => (t.sourceTicketId ? [t.sourceTicketId] : [])),
    ),
    latestQuotesOf(em, chargeable),
  ]);
  return tickets.map((t) => {
    const asset = assets.get(t.assetId);
    const engineer = t.engineerId ? engineers.get(t.engineerId) : undefined;
    const hidePhone = viewer.engineerId !== undefined && t.engineerId !== viewer.engineerId;
    return {
      number: t.number,
      status: t.status,
      description: t.description,
      category: t.category,
      urgency: t.urgency,
      coverage: t.coverage,
      createdAt: iso(t.createdAt),
      updatedAt: iso(t.updatedAt),
      asset: {
        code: asset?.code ?? '',
        name: asset?.name ?? '',
        siteId: t.siteId,
        site: sites.get(t.siteId)?.name ?? '',
        location: asset?.location ?? null,
        address: sites.get(t.siteId)?.address ?? null,
      },
      reopened: reopens.get(t.id) ?? null,
      contactName: t.contactName,
      contactPhone: hidePhone ? maskPhone(t.contactPhone) : t.contactPhone,
      photos: photos.get(t.id) ?? [],
      engineer: engineer ? { id: engineer.id, name: engineer.name } : null,
      offerExpiresAt: t.status === 'offered' ? iso(t.offerExpiresAt) : null,
      needsDispatcher: t.needsDispatcher,
      type: t.type,
      sourceTicketNumber: t.sourceTicketId ? (sources.get(t.sourceTicketId)?.number ?? null) : null,
      resolution: t.resolutionNotes ? { notes: t.resolutionNotes, photos: fixes.get(t.id) ?? [], partsUsed: t.partsUsed ?? [] } : null,
      sla: slas.get(t.id) ?? NO_SLA,
      quote: quotes.get(t.id) ?? null,
    };
  });
}

export async function presentStaffTicket(deps: Deps, em: EntityManager, ticket: Ticket, viewer: { engineerId?: number } = {}) {
  const [view] = await presentStaffTickets(deps, em, [ticket], viewer);
  return { ticket: view };
}

/** Events a reporter sees; internal dispatch steps are summarised by the status, not itemised. */
const REPORTER_EVENTS = new Set<TicketEventType>([
  'created',
  'accepted',
  'en_route',
  'on_site',
  'waiting_customer',
  'resumed',
  'resolved',
  'closed',
  'reopened',
  'cancelled',
  'rated',
  'urged',
]);
const EVENTS_WITH_NOTES = new Set<TicketEventType>(['resolved', 'reopened', 'cancelled']);

/**
 * A follower sees progress only: statuses and times. No photos, no notes (a reopen reason, the engineer's
 * resolution notes, a cancel reason), no engineer, no rating comment. The description stays: it is what the
 * public asset page already shows beside the follow link.
 */
export async function presentTracked(
  deps: Deps,
  em: EntityManager,
  t: Ticket,
  viewer: Viewer = 'reporter',
): Promise<TrackedTicketResponse> {
  const own = viewer === 'reporter';
  const [[staff], events, quote] = await Promise.all([
    presentStaffTickets(deps, em, [t]),
    em.find(TicketEvent, { where: { ticketId: t.id }, order: { id: 'ASC' } }),
    own && t.coverage === 'chargeable' ? latestQuote(em, t.id) : null,
  ]);
  return {
    ticket: {
      viewer,
      number: t.number,
      status: t.status,
      description: t.description,
      urgency: t.urgency,
      createdAt: iso(t.createdAt),
      coverage: t.coverage,
      asset: { code: staff.asset.code, name: staff.asset.name, site: staff.asset.site, location: staff.asset.location },
      ...(staff.engineer && own ? { engineer: { name: staff.engineer.name } } : {}),
      photos: own ? staff.photos : [],
      resolutionPhotos: own ? (staff.resolution?.photos ?? []) : [],
      urgedAt: iso(events.filter((e) => e.type === 'urged').at(-1)?.createdAt),
      events: events
        .filter((e) => REPORTER_EVENTS.has(e.type))
        .map((e) => ({ type: e.type, at: iso(e.createdAt), ...(own && EVENTS_WITH_NOTES.has(e.type) && e.note ? { note: e.note } : {}) })),
      ...(t.rating ? { rating: { score: t.rating, comment: own ? t.ratingComment : null, at: iso(t.ratedAt) as string } } : {}),
      respondBy: staff.sla.response?.state === 'running' ? staff.sla.response.dueAt : null,
      ...(quote ? { quote: presentQuote(quote) } : {}),
    },
  };
}

/** The answer as first given: a replay under the same key returns it unchanged, whatever happened since. */
export function presentCreated(t: Pick<Ticket, 'number' | 'trackingToken' | 'createdAt'>): CreateTicketResponse {
  return { ticket: { number: t.number, status: 'new', trackingToken: t.trackingToken, createdAt: new Date(t.createdAt).toISOString() } };
}
