import type { EntityManager } from 'typeorm';

/** What a transaction changed that caches outside the database must hear about once it commits. */
export interface CommitNotice {
  /** Assets whose public scan answer (device, open repairs) may have changed. */
  assetIds: Set<number>;
  /** Tickets whose row changed, by id, as they stand at commit (the desk's live stream hears these). */
  tickets: Map<number, TicketChangeNote>;
  /** Rows gathered during the transaction and written in one statement just before COMMIT (see txBuffer). */
  buffers: Map<string, { items: unknown[]; flush: (em: EntityManager, items: unknown[]) => Promise<void> }>;
}

/** What the desk's stream says about a changed ticket; tenantId decides who may hear it. */
export interface TicketChangeNote {
  tenantId: number;
  number: string;
  status: string;
  needsDispatcher: boolean;
  updatedAt: Date;
}

export type CommitListener = (notice: CommitNotice) => Promise<void>;

const open = new WeakMap<EntityManager, CommitNotice>();

/** Called by Database.transaction around the callback: changes recorded on `em` are collected here. */
export function beginNotice(em: EntityManager): CommitNotice {
  const notice: CommitNotice = { assetIds: new Set(), tickets: new Map(), buffers: new Map() };
  open.set(em, notice);
  return notice;
}

export function endNotice(em: EntityManager): void {
  open.delete(em);
}

/**
 * Records that this transaction touched an asset's public face. Outside a Database.transaction
 * (a plain manager) there is nothing to defer to, so that is a programming error.
 */
export function noteAssetChanged(em: EntityManager, assetId: number): void {
  const notice = open.get(em);
  if (!notice) throw new Error('noteAssetChanged outside Database.transaction: the scan cache would not be told');
  notice.assetIds.add(assetId);
}

/** Records a ticket row change (the last one of a ticket in a transaction wins); published only after COMMIT. */
export function noteTicketChanged(em: EntityManager, id: number, t: TicketChangeNote): void {
  const notice = open.get(em);
  if (!notice) throw new Error('noteTicketChanged outside Database.transaction: the desk stream would not be told');
  notice.tickets.set(id, { tenantId: t.tenantId, number: t.number, status: t.status, needsDispatcher: t.needsDispatcher, updatedAt: t.updatedAt });
}

/**
 * A list that lives as long as this transaction; whatever is in it when the callback returns is handed
 * to `flush` inside the transaction, before COMMIT (e.g. all outbox rows of a transaction as one
 * multi-row INSERT: a statement fewer per extra job, and the database is what limits throughput here).
 * Null outside a Database.transaction: the caller writes at once.
 */
export function txBuffer<T>(em: EntityManager, key: string, flush: (em: EntityManager, items: T[]) => Promise<void>): T[] | null {
  const notice = open.get(em);
  if (!notice) return null;
  let buffer = notice.buffers.get(key);
  if (!buffer) {
    buffer = { items: [], flush: flush as (em: EntityManager, items: unknown[]) => Promise<void> };
    notice.buffers.set(key, buffer);
  }
  return buffer.items as T[];
}

/** Called by Database.transaction after the callback, inside the transaction. */
export async function flushBuffers(em: EntityManager, notice: CommitNotice): Promise<void> {
  for (const { items, flush } of notice.buffers.values()) {
    if (items.length > 0) await flush(em, items.splice(0));
  }
}

export function isEmpty(notice: CommitNotice): boolean {
  return notice.assetIds.size === 0 && notice.tickets.size === 0;
}
