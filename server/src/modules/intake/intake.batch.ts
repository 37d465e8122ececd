import type { EntityManager } from 'typeorm';
import type { CreateTicketInput, CreateTicketResponse, TicketType } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import { newTrackingTokens } from '../../lib/ids';
import { dayInZone, isoDayInZone, rawInstant } from '../../lib/time';
import type { Deps } from '../../deps';
import { enqueueMany } from '../../queue/outbox';
import type { Asset } from '../assets/asset.entity';
import { claimPhotos } from '../uploads/uploads.service';
import { dispatchJob } from '../dispatch/dispatch.jobs';
import { insertRows } from '../../db/insert-rows';
import { Ticket } from '../tickets/ticket.entity';
import { recordCreated } from '../tickets/ticket.transitions';
import { presentCreated } from '../tickets/tickets.presenter';
import { startSlaClocks } from '../sla/ledger.service';
import { matchTarget } from '../sla/policy';
import { policyTargets } from '../sla/policy.service';
import { meter } from '../billing/metering';
import { formatTicketNumber, takeTicketNumbers } from './ticket-numbers';
import { coverageOf } from '../parts/coverage';
import { placeholders } from '../../db/columns';

export interface IntakeRequest {
  input: CreateTicketInput;
  key: string;
  hash: string;
  reporterOpenid: string | null;
}

interface Pending {
  req: IntakeRequest;
  resolve: (r: CreateTicketResponse) => void;
  reject: (e: unknown) => void;
}

/** What the rest of intake needs of a ticket it has just written. */
export type NewTicket = Pick<
  Ticket,
  'id' | 'tenantId' | 'assetId' | 'dispatchCycle' | 'number' | 'trackingToken' | 'createdAt' | 'status' | 'needsDispatcher' | 'updatedAt'
>;

/** What a new ticket needs of its asset (the warranty end decides coverage; a system ticket may not know it). */
export type AssetInfo = Pick<Asset, 'id' | 'tenantId' | 'siteId' | 'category' | 'code'> & { warrantyUntil?: string | null };

/** A key used before: the first answer for the same body, a refusal for another (throws IDEMPOTENCY_KEY_REUSED). */
export function replayOf(
  stored: Pick<Ticket, 'number' | 'trackingToken' | 'createdAt' | 'requestHash'>,
  hash: string,
): CreateTicketResponse {
  if (stored.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return presentCreated(stored);
}

/**
 * Group commit for intake. Requests that arrive while earlier ones are being written wait a moment
 * and are then written together: one asset lookup, one idempotency check and one transaction with
 * multi-row inserts for the batch, its ticket numbers taken in one statement (the per-tenant counter
 * row is the one lock every intake of a tenant shares: it is taken once per batch, not once per
 * ticket). A lone request is written at once, so an idle system adds no delay.
 *
 * If a batch's transaction fails (a photo already used, a double tap racing itself), each of its
 * requests is written again on its own, so one bad request never fails its neighbours.
 */
export class IntakeBatcher {
  private readonly queue: Pending[] = [];
  private running = 0;

  constructor(
    /** One batcher per running system (Deps.intake; tests run several systems in one process). */
    private readonly deps: Pick<Deps, 'db' | 'clock' | 'log'>,
    private readonly maxBatch = 64,
    private readonly maxConcurrent = 1,
  ) {}

  submit(req: IntakeRequest): Promise<CreateTicketResponse> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.running += 1;
      void this.settle(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async settle(batch: Pending[]): Promise<void> {
    let later: Pending[] = [];
    try {
      later = await this.write(batch);
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
    // Same key twice in one batch: the second is looked at once the first is stored (a replay, or a refusal).
    for (const p of later) this.queue.push(p);
  }

  /** Writes one batch; returns the requests to look at again (a repeat of a key earlier in the batch). */
  private async write(batch: Pending[]): Promise<Pending[]> {
    const { deps } = this;
    // Two lookups for the whole batch: each asset with its tenant's time zone, then whatever was stored earlier
    // under these keys in those tenants (tenant ids as values, so the (tenantId, idempotencyKey) index is used on
    // both columns; a join on tenantId used only its first column and scanned the tenant's tickets). Without the
    // second, a retried key would fail its whole batch and send every request in it down the one-by-one path.
    const codes = [...new Set(batch.map((p) => p.req.input.assetCode))];
    const keys = [...new Set(batch.map((p) => p.req.key))];
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
    const assets = await deps.db.ds.query<Array<AssetInfo & { timezone: string }>>(
      `SELECT a.id AS id, a.tenantId AS tenantId, a.siteId AS siteId, a.category AS category, a.code AS code, a.warrantyUntil AS warrantyUntil, tn.timezone AS timezone
       FROM assets a JOIN tenants tn ON tn.id = a.tenantId WHERE a.code IN (${marks(codes.length)})`,
      codes,
    );
    const assetOf = new Map(
      assets.map((a) => [a.code, { ...a, id: Number(a.id), tenantId: Number(a.tenantId), siteId: Number(a.siteId) }]),
    );
    const tenantIds = [...new Set(assets.map((a) => Number(a.tenantId)))];
    const stored =
      tenantIds.length === 0
        ? []
        : await deps.db.ds.query<
            Array<{
              tenantId: number;
              idempotencyKey: string;
              requestHash: string | null;
              number: string;
              trackingToken: string;
              createdAt: Date | string;
            }>
          >(
            `SELECT tenantId, idempotencyKey, requestHash, number, trackingToken, createdAt FROM tickets
       WHERE tenantId IN (${marks(tenantIds.length)}) AND idempotencyKey IN (${marks(keys.length)})`,
            [...tenantIds, ...keys],
          );
    const storedOf = new Map(
      stored.map((t) => [`${Number(t.tenantId)}:${t.idempotencyKey}`, { ...t, createdAt: rawInstant(t.createdAt) }]),
    );

    const categories = await knownCategories(deps, batch, assetOf);

    const fresh: Array<{ p: Pending; asset: AssetInfo & { timezone: string } }> = [];
    const later: Pending[] = [];
    const seen = new Set<string>();
    for (const p of batch) {
      const asset = assetOf.get(p.req.input.assetCode);
      if (!asset) {
        p.reject(new AppError('ASSET_NOT_FOUND', { code: p.req.input.assetCode }));
        continue;
      }
      const { category } = p.req.input;
      if (category !== undefined && category !== asset.category && !categories.has(`${asset.tenantId}:${category}`)) {
        // Dispatch routes on the category: a reporter may only name one of the tenant's own.
        p.reject(new AppError('CATEGORY_NOT_ALLOWED', { category }));
        continue;
      }
      const tenantKey = `${asset.tenantId}:${p.req.key}`;
      const earlier = storedOf.get(tenantKey);
      if (earlier) {
        try {
          p.resolve(replayOf(earlier, p.req.hash));
        } catch (err) {
          p.reject(err);
        }
        continue;
      }
      if (seen.has(tenantKey)) {
        later.push(p);
        continue;
      }
      seen.add(tenantKey);
      fresh.push({ p, asset });
    }
    if (fresh.length === 0) return later;

    try {
      const created = await deps.db.transaction((em) =>
        insertTickets(
          em,
          deps.clock.now(),
          fresh.map(({ p, asset }) => ({
            asset,
            zone: asset.timezone,
            input: p.req.input,
            key: p.req.key,
            hash: p.req.hash,
            reporterOpenid: p.req.reporterOpenid,
          })),
        ),
      );
      fresh.forEach((f, i) => f.p.resolve(presentCreated(created[i])));
    } catch (err) {
      if (fresh.length === 1) {
        fresh[0].p.reject(err);
      } else {
        // One of them spoiled the batch: write each alone, so only that one fails.
        deps.log.info(
          { err: err instanceof Error ? err.message : String(err), size: fresh.length },
          'intake batch failed; writing its tickets one by one',
        );
        for (const f of fresh) await this.settle([f.p]);
      }
    }
    return later;
  }
}

/**
 * The tenant categories named by requests that differ from their asset's: `tenantId:category` for each one some
 * asset of that tenant carries. Most reports keep the asset's category, so this query rarely runs.
 */
async function knownCategories(deps: Pick<Deps, 'db'>, batch: Pending[], assetOf: Map<string, AssetInfo>): Promise<Set<string>> {
  const asked = batch.flatMap((p) => {
    const asset = assetOf.get(p.req.input.assetCode);
    const c = p.req.input.category;
    return asset && c !== undefined && c !== asset.category ? [{ tenantId: asset.tenantId, category: c }] : [];
  });
  if (asked.length === 0) return new Set();
  const tenants = [...new Set(asked.map((a) => a.tenantId))];
  const names = [...new Set(asked.map((a) => a.category))];
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const rows = await deps.db.ds.query<Array<{ tenantId: number | string; category: string }>>(
    `SELECT DISTINCT tenantId, category FROM assets WHERE tenantId IN (${marks(tenants.length)}) AND category IN (${marks(names.length)})`,
    [...tenants, ...names],
  );
  return new Set(rows.map((r) => `${Number(r.tenantId)}:${r.category}`));
}

/** One ticket to write: a reporter's intake, or one the system opens (a PM visit, a corrective repair). */
export interface TicketDraft {
  asset: AssetInfo;
  /** The tenant's time zone: the ticket number's day and the meter's day. */
  zone: string;
  input: Pick<CreateTicketInput, 'description' | 'urgency' | 'contactPhone' | 'photoIds'> & {
    category?: string | null;
    contactName?: string | null;
    deviceId?: string | null;
  };
  key: string;
  hash: string | null;
  reporterOpenid: string | null;
  type?: TicketType;
  sourceTicketId?: number | null;
  /** Who the 'created' event names: the reporter (default) or the system. */
  createdBy?: 'reporter' | 'system';
}

/**
 * The batch's rows, in order: tickets, photos, 'created' events, dispatch jobs, and last the numbers. Intake and
 * the system's own tickets (PM generation, corrective repairs) share it, so both are numbered, clocked, metered
 * and dispatched alike.
 */
export async function insertTickets(em: EntityManager, now: Date, items: TicketDraft[]): Promise<NewTicket[]> {
  // The reads (coverage, SLA targets) come before the numbers: the counter row, taken per tenant and day in a fixed
  // order (two batches never wait on each other's counters crosswise), stays locked until COMMIT, and it is what
  // API processes of one tenant queue on, a batch (not a ticket) at a time — so it is held for the writes only.
  // The tenant days of `now`, once per zone (a PM chunk is a thousand tickets of one zone).
  const days = new Map<string, { compact: string; iso: string }>();
  const dayOf = (zone: string) => {
    let d = days.get(zone);
    if (!d) {
      d = { compact: dayInZone(now, zone), iso: isoDayInZone(now, zone) };
      days.set(zone, d);
    }
    return d;
  };
  // Coverage on the tenant's today: the asset's warranty, else a service contract in force, else chargeable.
  const coverages = await coverageOf(
    em,
    items.map(({ asset, zone }) => ({
      tenantId: asset.tenantId,
      assetId: asset.id,
      siteId: asset.siteId,
      warrantyUntil: asset.warrantyUntil ?? null,
      today: dayOf(zone).iso,
    })),
  );
  const tokens = newTrackingTokens(items.length);
  // A ticket a target applies to is due for the escalation sweep at once (it replays the clocks and sets the next instant).
  const policies = new Map<number, Awaited<ReturnType<typeof policyTargets>>['targets']>();
  for (const tenantId of new Set(items.map((d) => d.asset.tenantId))) policies.set(tenantId, (await policyTargets(em, tenantId)).targets);
  const numbers = new Array<string>(items.length);
  const groups = new Map<string, { tenantId: number; day: string; at: number[] }>();
  items.forEach(({ asset, zone }, i) => {
    const day = dayOf(zone).compact;
    const g = groups.get(`${asset.tenantId}:${day}`) ?? { tenantId: asset.tenantId, day, at: [] };
    g.at.push(i);
    groups.set(`${asset.tenantId}:${day}`, g);
  });
  for (const g of [...groups.values()].sort((a, b) => a.tenantId - b.tenantId || a.day.localeCompare(b.day))) {
    const first = await takeTicketNumbers(em, g.tenantId, g.day, g.at.length);
    g.at.forEach((i, k) => {
      numbers[i] = formatTicketNumber(g.day, first + k);
    });
  }

  const rows = items.map((d, i) => {
    const { input, asset } = d;
    const slaTarget =
      d.type === 'preventive'
        ? null
        : matchTarget(policies.get(asset.tenantId) ?? [], {
            urgency: input.urgency,
            category: input.category ?? asset.category,
            siteId: asset.siteId,
          });
    const row: Omit<
      Ticket,
      | 'id'
      | 'resolutionNotes'
      | 'partsUsed'
      | 'rating'
      | 'ratingComment'
      | 'ratedAt'
      | 'acceptedAt'
      | 'arrivedAt'
      | 'resolvedAt'
      | 'closedAt'
    > = {
      tenantId: asset.tenantId,
      number: numbers[i],
      assetId: asset.id,
      siteId: asset.siteId,
      status: 'new',
      type: d.type ?? 'repair',
      sourceTicketId: d.sourceTicketId ?? null,
      category: input.category ?? asset.category,
      description: input.description,
      urgency: input.urgency,
      contactName: input.contactName || null,
      contactPhone: input.contactPhone,
      reporterOpenid: d.reporterOpenid,
      deviceId: input.deviceId ?? null,
      trackingToken: tokens[i],
      idempotencyKey: d.key,
      requestHash: d.hash,
      engineerId: null,
      dispatchCycle: 1,
      dispatchRound: 0,
      needsDispatcher: false,
      offerExpiresAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      coverage: coverages[i],
      slaNextAt: slaTarget ? now : null,
      slaResponseOutcome: null,
      slaArrivalOutcome: null,
      slaResolutionOutcome: null,
    };
    return row;
  });
  const spans: Array<[number, number]> = [];
  await insertRows(em, Ticket, rows, { onIds: (first, last) => spans.push([first, last]) });
  // Only the ids are new: read them back by the id range the inserts reported (one primary-key range instead of a
  // thousand token look-ups for a PM chunk), keeping only rows with our tokens; any not found there by their tokens.
  const idOf = new Map<string, number>();
  const mine = new Set(rows.map((r) => r.trackingToken));
  const lo = Math.min(...spans.map((s) => s[0]));
  const hi = Math.max(...spans.map((s) => s[1]));
  if (spans.length > 0 && hi - lo < 2 * rows.length) {
    const ranged = await em.query<Array<{ id: number | string; trackingToken: string }>>(
      'SELECT id, trackingToken FROM tickets WHERE id >= ? AND id <= ?',
      [lo, hi],
    );
    for (const r of ranged) if (mine.has(r.trackingToken)) idOf.set(r.trackingToken, Number(r.id));
  }
  const missing = rows.filter((r) => !idOf.has(r.trackingToken)).map((r) => r.trackingToken);
  if (missing.length > 0) {
    const ids = await em.query<Array<{ id: number | string; trackingToken: string }>>(
      `SELECT id, trackingToken FROM tickets WHERE trackingToken IN (${placeholders(missing)})`,
      missing,
    );
    for (const r of ids) idOf.set(r.trackingToken, Number(r.id));
  }
  const tickets: NewTicket[] = rows.map((r) => ({ ...r, id: idOf.get(r.trackingToken) as number }));

  for (const [i, d] of items.entries()) {
    await claimPhotos(em, { tenantId: tickets[i].tenantId, ticketId: tickets[i].id, purpose: 'report' }, d.input.photoIds);
  }
  await recordCreated(
    em,
    tickets.map((t, i) => ({ ...t, createdBy: items[i].createdBy ?? 'reporter' })),
    now,
  );
  // A preventive visit is generated leadDays ahead and due by its date: response/arrival clocks from now would breach first.
  await startSlaClocks(
    em,
    tickets.filter((_, i) => items[i].type !== 'preventive'),
    now,
  );
  // Billing's ticket meter, in the tickets' own transaction: each ticket counts once, on its tenant's day.
  await meter(
    em,
    items.map(({ asset, zone }) => ({ tenantId: asset.tenantId, metric: 'tickets' as const, day: dayOf(zone).iso, quantity: 1 })),
  );
  await enqueueMany(em, now, tickets.map(dispatchJob));
  return tickets;
}
