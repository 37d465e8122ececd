import type { EntityManager } from 'typeorm';
import type { QuoteListQuery, QuoteQueueItem, QuoteQueuePage } from '@baoxiu/shared';
import { iso } from '../../lib/time';
import { Asset } from '../assets/asset.entity';
import { Site } from '../assets/site.entity';
import { User } from '../auth/user.entity';
import { Ticket } from '../tickets/ticket.entity';
import { TicketQuote } from '../parts/quote.entity';

/** A pending quote on a ticket that is over (cancelled, closed) awaits nobody: the queue leaves it out. */
const OVER = ['cancelled', 'closed'];

async function byIds<T extends { id: number }>(
  em: EntityManager,
  entity: new () => T,
  tenantId: number,
  ids: number[],
): Promise<Map<number, T>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await em
    .getRepository(entity)
    .createQueryBuilder('e')
    .where('e.id IN (:...ids)', { ids: unique })
    .andWhere('e.tenantId = :tenantId', { tenantId })
    .getMany();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The tenant's quote versions in one state, newest first (keyset on the quote's id): for `pending`, the quotes the
 * reporters have yet to answer — the dispatcher's "awaiting approval" list.
 */
export async function listQuoteQueue(em: EntityManager, tenantId: number, q: QuoteListQuery): Promise<QuoteQueuePage> {
  const qb = em
    .getRepository(TicketQuote)
    .createQueryBuilder('q')
    .innerJoin(Ticket, 't', 't.id = q.ticketId AND t.tenantId = q.tenantId')
    .where('q.tenantId = :tenantId', { tenantId })
    .andWhere('q.status = :state', { state: q.state });
  if (q.state === 'pending') qb.andWhere('t.status NOT IN (:...over)', { over: OVER });
  if (q.cursor) qb.andWhere('q.id < :before', { before: Number(q.cursor.slice(1)) });
  const rows = await qb
    .orderBy('q.id', 'DESC')
    .take(q.pageSize + 1)
    .getMany();
  const page = rows.slice(0, q.pageSize);
  const tickets = await byIds(
    em,
    Ticket,
    tenantId,
    page.map((r) => r.ticketId),
  );
  const [assets, sites, users] = await Promise.all([
    byIds(
      em,
      Asset,
      tenantId,
      [...tickets.values()].map((t) => t.assetId),
    ),
    byIds(
      em,
      Site,
      tenantId,
      [...tickets.values()].map((t) => t.siteId),
    ),
    byIds(
      em,
      User,
      tenantId,
      page.flatMap((r) => (r.createdBy === null ? [] : [r.createdBy])),
    ),
  ]);
  const items = page.flatMap((r): QuoteQueueItem[] => {
    const ticket = tickets.get(r.ticketId);
    if (!ticket) return [];
    const asset = assets.get(ticket.assetId);
    const sender = r.createdBy === null ? undefined : users.get(r.createdBy);
    return [
      {
        number: ticket.number,
        asset: { id: ticket.assetId, code: asset?.code ?? '', name: asset?.name ?? '' },
        site: { id: ticket.siteId, name: sites.get(ticket.siteId)?.name ?? '' },
        version: r.version,
        total: r.total,
        state: r.status,
        sentAt: iso(r.createdAt) as string,
        sentBy: sender ? { id: sender.id, name: sender.name } : null,
      },
    ];
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > q.pageSize && last ? `q${last.id}` : null };
}
