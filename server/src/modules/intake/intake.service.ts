import { createHash } from 'node:crypto';
import type { CreateTicketInput, CreateTicketResponse } from '@baoxiu/shared';
import { isUniqueViolation } from '../../db/database';
import type { Deps } from '../../deps';
import { Asset } from '../assets/asset.entity';
import { Ticket } from '../tickets/ticket.entity';
import { replayOf, type IntakeRequest } from './intake.batch';

function requestHash(input: CreateTicketInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

/** The ticket stored earlier under this key in the asset's tenant, if any; the same key with another body is refused. */
async function replay(deps: Deps, assetCode: string, key: string, hash: string): Promise<CreateTicketResponse | null> {
  const asset = await deps.db.ds.getRepository(Asset).findOne({ where: { code: assetCode }, select: { id: true, tenantId: true } });
  if (!asset) return null;
  const existing = await deps.db.ds.getRepository(Ticket).findOneBy({ tenantId: asset.tenantId, idempotencyKey: key });
  return existing ? replayOf(existing, hash) : null;
}

/**
 * Files a repair: ticket, photos, 'created' event and the dispatch job in one transaction, so a
 * stored ticket is always dispatched (the outbox waits out a Redis outage). The same key replays.
 * Concurrent intakes are written together (intake.batch.ts); each still gets its own answer or error.
 */
export async function createTicket(
  deps: Deps,
  input: CreateTicketInput,
  idempotencyKey: string,
  reporterOpenid: string | null = null,
): Promise<CreateTicketResponse> {
  const request: IntakeRequest = { input, key: idempotencyKey, hash: requestHash(input), reporterOpenid };
  try {
    return await deps.intake.submit(request);
  } catch (err) {
    // A double tap racing itself across processes: the loser finds the winner's ticket under the same key.
    if (isUniqueViolation(err)) {
      const winner = await replay(deps, input.assetCode, idempotencyKey, request.hash);
      if (winner) return winner;
    }
    throw err;
  }
}
