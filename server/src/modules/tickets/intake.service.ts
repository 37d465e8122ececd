import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CreateTicketInput, CreateTicketResponse } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { newTrackingToken } from '../../lib/ids';
import { dayInZone, iso } from '../../lib/time';
import { isUniqueViolation } from '../../db/database';
import { withTx, type Deps } from '../../deps';
import { Asset } from '../assets/asset.entity';
import { Tenant } from '../tenants/tenant.entity';
import { claimPhotos } from '../uploads/uploads.service';
import { enqueueDispatch } from '../dispatch/dispatch.service';
import { Ticket } from './ticket.entity';
import { TicketCounter } from './ticket-counter.entity';
import { recordEvent } from './tickets.repo';

/** Next BX-YYYYMMDD-NNNN of a tenant's day; the counter row lock serialises concurrent intakes. */
export async function nextTicketNumber(em: EntityManager, tenantId: number, day: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const bumped = await em
      .createQueryBuilder()
      .update(TicketCounter)
      .set({ value: () => 'value + 1' })
      .where('tenantId = :tenantId AND day = :day', { tenantId, day })
      .execute();
    if (bumped.affected === 1) {
      const row = await em.findOneByOrFail(TicketCounter, { tenantId, day });
      return `BX-${day}-${String(row.value).padStart(4, '0')}`;
    }
    try {
      await em.insert(TicketCounter, { tenantId, day, value: 1 });
      return `BX-${day}-0001`;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new AppError('CONFLICT', { reason: 'ticket number' });
}

function requestHash(input: CreateTicketInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** The answer as first given: a replay under the same key returns it unchanged, whatever happened since. */
function presentCreated(t: Ticket): CreateTicketResponse {
  return { ticket: { number: t.number, status: 'new', trackingToken: t.trackingToken, createdAt: iso(t.createdAt) } };
}

async function replay(deps: Deps, tenantId: number, key: string, hash: string): Promise<CreateTicketResponse | null> {
  const existing = await deps.db.ds.getRepository(Ticket).findOneBy({ tenantId, idempotencyKey: key });
  if (!existing) return null;
  if (existing.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return presentCreated(existing);
}

/**
 * Files a repair: ticket, photos, 'created' event and the dispatch job in one transaction, so a
 * stored ticket is always dispatched (the outbox waits out a Redis outage). The same key replays.
 */
export async function createTicket(
  deps: Deps, input: CreateTicketInput, idempotencyKey: string, reporterOpenid: string | null = null,
): Promise<CreateTicketResponse> {
  const asset = await deps.db.ds.getRepository(Asset).findOneBy({ code: input.assetCode });
  if (!asset) throw new AppError('ASSET_NOT_FOUND', { code: input.assetCode });
  const hash = requestHash(input);
  const earlier = await replay(deps, asset.tenantId, idempotencyKey, hash);
  if (earlier) return earlier;
  const tenant = await deps.db.ds.getRepository(Tenant).findOneByOrFail({ id: asset.tenantId });
  try {
    const ticket = await withTx(deps, async (em) => {
      const now = deps.clock.now();
      const number = await nextTicketNumber(em, tenant.id, dayInZone(now, tenant.timezone));
      const row: Partial<Ticket> = {
        tenantId: tenant.id, number, assetId: asset.id, siteId: asset.siteId, status: 'new',
        category: input.category ?? asset.category, description: input.description, urgency: input.urgency,
        contactName: input.contactName || null, contactPhone: input.contactPhone, reporterOpenid, trackingToken: newTrackingToken(),
        idempotencyKey, requestHash: hash, engineerId: null, dispatchCycle: 1, dispatchRound: 0,
        needsDispatcher: false, offerExpiresAt: null, version: 1, createdAt: now, updatedAt: now,
      };
      const id = (await em.insert(Ticket, row)).identifiers[0].id as number;
      const t = await em.findOneByOrFail(Ticket, { id });
      await claimPhotos(em, { tenantId: tenant.id, ticketId: id, purpose: 'report' }, input.photoIds);
      await recordEvent(em, t, { type: 'created', from: null, to: 'new', actor: { type: 'reporter', id: null }, at: now });
      await enqueueDispatch(em, t, now);
      return t;
    });
    return presentCreated(ticket);
  } catch (err) {
    // A double tap racing itself: the loser finds the winner's ticket under the same key.
    if (isUniqueViolation(err)) {
      const winner = await replay(deps, asset.tenantId, idempotencyKey, hash);
      if (winner) return winner;
    }
    throw err;
  }
}
