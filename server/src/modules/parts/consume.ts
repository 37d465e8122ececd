import type { EntityManager } from 'typeorm';
import type { PartLine, PartUsedInput } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { partsByIds } from './parts.service';
import { applyMovement, getLocationIn, vanOf } from './stock.service';

export interface ConsumeContext {
  tenantId: number;
  ticketId: number;
  engineer: { id: number; name: string };
  now: Date;
}

/**
 * The parts an engineer used on a job, taken from stock in the resolve's own transaction (default: their van).
 * A part outside the tenant's catalogue is 422 PARTS_UNKNOWN; too few on hand is 409 OUT_OF_STOCK, and either
 * rolls the whole resolve back. Returns the lines to keep on the ticket, priced as the part is today.
 */
export async function consumeOnResolve(em: EntityManager, ctx: ConsumeContext, lines: readonly PartUsedInput[]): Promise<PartLine[]> {
  if (lines.length === 0) return [];
  const ids = [...new Set(lines.map((l) => l.partId))];
  const parts = new Map((await partsByIds(em, ctx.tenantId, ids)).map((p) => [p.id, p]));
  const unknown = ids.filter((id) => !parts.has(id));
  if (unknown.length > 0) throw new AppError('PARTS_UNKNOWN', { partIds: unknown });
  const van = lines.some((l) => l.locationId === undefined) ? await vanOf(em, ctx.tenantId, ctx.engineer, ctx.now) : null;
  const out: PartLine[] = [];
  for (const line of lines) {
    const part = parts.get(line.partId);
    if (!part) throw new AppError('PARTS_UNKNOWN', { partIds: [line.partId] });
    const locationId = line.locationId ?? van?.id;
    if (locationId === undefined) throw new Error('no location for a part line');
    if (line.locationId !== undefined) await getLocationIn(em, ctx.tenantId, line.locationId);
    await applyMovement(
      em,
      ctx.tenantId,
      { partId: part.id, locationId, kind: 'consume', quantity: line.quantity },
      {
        now: ctx.now,
        actorId: ctx.engineer.id,
        ticketId: ctx.ticketId,
        reason: null,
      },
    );
    out.push({
      partId: part.id,
      quantity: line.quantity,
      locationId,
      sku: part.sku,
      name: part.name,
      unit: part.unit,
      unitPrice: part.price,
      lineTotal: part.price * line.quantity,
    });
  }
  return out;
}
