import type { EntityManager } from 'typeorm';

/** What a transaction changed that caches outside the database must hear about once it commits. */
export interface CommitNotice {
  /** Assets whose public scan answer (device, open repairs) may have changed. */
  assetIds: Set<number>;
}

export type CommitListener = (notice: CommitNotice) => Promise<void>;

const open = new WeakMap<EntityManager, CommitNotice>();

/** Called by Database.transaction around the callback: changes recorded on `em` are collected here. */
export function beginNotice(em: EntityManager): CommitNotice {
  const notice: CommitNotice = { assetIds: new Set() };
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

export function isEmpty(notice: CommitNotice): boolean {
  return notice.assetIds.size === 0;
}
