import type { EntityManager } from 'typeorm';
import type { EscalationLevel, SlaTargetKind } from '@baoxiu/shared';
import type { Deps } from '../../deps';
import { noteTicketChanged } from '../../db/commit-listener';
import { User } from '../auth/user.entity';
import { loadCandidates } from '../dispatch/dispatch.roster';
import { rankCandidates } from '../dispatch/dispatch.scoring';
import { escalate, makeOffers, withdrawPendingOffers } from '../dispatch/dispatch.service';
import { Asset } from '../assets/asset.entity';
import { Tenant } from '../tenants/tenant.entity';
import type { Ticket } from '../tickets/ticket.entity';
import { guardedUpdate, recordEvent, SYSTEM } from '../tickets/ticket.transitions';
import { raised } from './escalation';

/** Statuses from which the system may (re)offer a job: nobody has accepted it yet. */
const OFFERABLE: ReadonlySet<string> = new Set(['new', 'reopened', 'offered']);

/** The note of an `sla_escalated` event: "response L1 breach notify_dispatcher,notify_admin" (the fan-out reads it). */
export const escalationNote = (target: SlaTargetKind, level: number, breach: boolean, l: EscalationLevel): string =>
  `${target} L${level} ${breach ? 'breach' : 'warning'} ${l.actions.join(',')}`;

/** Offers the job to every eligible engineer on duty at once; nobody eligible: the dispatcher's queue. */
async function openToPool(deps: Deps, em: EntityManager, ticket: Ticket, now: Date): Promise<string> {
  const tenant = await em.findOneByOrFail(Tenant, { id: ticket.tenantId });
  const category = ticket.category ?? (await em.findOneByOrFail(Asset, { id: ticket.assetId })).category;
  const needs = { category, siteId: ticket.siteId };
  const ranked = rankCandidates(await loadCandidates(em, deps.rosters, tenant, needs, now), needs, new Set());
  await withdrawPendingOffers(em, ticket.id, now);
  if (ranked.length === 0) {
    await escalate(em, ticket, 'sla_no_candidates', now);
    return 'escalated';
  }
  await makeOffers(em, ticket, {
    engineerIds: ranked.map((c) => c.id),
    kind: 'pool',
    timeoutSeconds: tenant.offerTimeoutSeconds,
    now,
    actor: SYSTEM,
  });
  return 'pool';
}

/** Offers the job to the named backup engineer alone (an active engineer of the tenant), withdrawing other offers. */
async function offerBackup(em: EntityManager, ticket: Ticket, engineerId: number, now: Date): Promise<string> {
  const engineer = await em.findOneBy(User, { id: engineerId, tenantId: ticket.tenantId, role: 'engineer', active: true });
  if (!engineer) return 'backup_unknown';
  const tenant = await em.findOneByOrFail(Tenant, { id: ticket.tenantId });
  await withdrawPendingOffers(em, ticket.id, now);
  await makeOffers(em, ticket, {
    engineerIds: [engineer.id],
    kind: 'auto',
    timeoutSeconds: tenant.offerTimeoutSeconds,
    now,
    actor: SYSTEM,
  });
  return 'backup';
}

/**
 * Applies a level's actions in the firing transaction: an `sla_escalated` event on the ticket (the desk timeline,
 * and the outbox fan-out to the dispatchers' / admins' WeChat subscription messages), urgency raised, the job
 * opened to the pool, offered to the backup engineer or handed to the dispatcher (to_dispatcher wins over the other
 * two). Dispatch actions apply only while nobody holds the job.
 * Returns what was done, for the log.
 */
export async function applyLevel(
  deps: Deps,
  em: EntityManager,
  ticket: Ticket,
  d: { target: SlaTargetKind; level: number },
  level: EscalationLevel,
  now: Date,
): Promise<string[]> {
  const done: string[] = [];
  await recordEvent(em, ticket, {
    type: 'sla_escalated',
    from: ticket.status,
    to: ticket.status,
    actor: SYSTEM,
    at: now,
    note: escalationNote(d.target, d.level, level.offsetMinutes >= 0, level),
  });
  if (level.actions.includes('raise_urgency') && ticket.urgency !== 'high') {
    await guardedUpdate(em, ticket, { urgency: raised(ticket.urgency) }, now);
    done.push('urgency');
  }
  const offerable = OFFERABLE.has(ticket.status);
  if (offerable && level.actions.includes('to_dispatcher')) {
    // Nobody took it in time: pending offers are withdrawn and the desk's queue shows it (needsDispatcher).
    await escalate(em, ticket, 'sla_to_dispatcher', now);
    done.push('dispatcher');
  } else if (offerable && level.actions.includes('assign_backup') && level.backupEngineerId !== undefined) {
    done.push(await offerBackup(em, ticket, level.backupEngineerId, now));
  } else if (offerable && level.actions.includes('reassign_pool')) {
    done.push(await openToPool(deps, em, ticket, now));
  }
  // The desk's SSE stream hears of the escalation even when the row itself did not change.
  if (done.length === 0) noteTicketChanged(em, ticket.id, ticket);
  return done;
}
