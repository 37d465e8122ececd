import type { EntityManager } from 'typeorm';

/**
 * What a transaction may note for the world outside the database, by kind → the type of one note.
 * A new kind is one line here, a `noteX` helper calling `note(em, kind, value)`, and one `onNote` hook in buildDeps.
 */
export interface CommitNotes {
  /** Assets whose public scan answer (device, open repairs) may have changed. */
  assetChanged: number;
  /** The transaction wrote outbox rows: the relay should move them now rather than at its next poll. */
  outboxWritten: true;
  /** Tickets whose row changed, as they stand then (the desk's live stream hears these after COMMIT). */
  ticketChanged: TicketChangeNote;
  /** A part's stock fell to or below its minimum (one note per crossing), as `tenantId:partId`. */
  lowStock: string;
}

export type NoteKind = keyof CommitNotes;

/** What a transaction changed that caches and workers outside the database must hear about once it commits. */
export interface CommitNotice {
  notes: { [K in NoteKind]?: Set<CommitNotes[K]> };
  /** Rows gathered during the transaction and written in one statement just before COMMIT (see txBuffer). */
  buffers: Map<string, { items: unknown[]; flush: (em: EntityManager, items: unknown[]) => Promise<void> }>;
}

/** Runs after a commit whose notice holds notes of its kind; a failure is logged, never undoes or fails the request. */
export interface CommitHook {
  name: string;
  kind: NoteKind;
  run(notice: CommitNotice): Promise<void> | void;
}

/** What the desk's stream says about a changed ticket; tenantId decides who may hear it. */
export interface TicketChangeNote {
  tenantId: number;
  number: string;
  status: string;
  needsDispatcher: boolean;
  updatedAt: Date;
}

/** A hook on one kind of note, handed that kind's values (typed by CommitNotes). */
export function onNote<K extends NoteKind>(
  name: string,
  kind: K,
  run: (values: ReadonlySet<CommitNotes[K]>) => Promise<void> | void,
): CommitHook {
  return { name, kind, run: (notice) => run(notesOf(notice, kind)) };
}

/** The notice rides on the transaction's own manager, so it lives and dies with that transaction (no module-level map). */
const NOTICE = Symbol('commitNotice');
type Noted = EntityManager & { [NOTICE]?: CommitNotice };
const noticeSlot = (em: EntityManager): Noted => em;

/** Called by Database.transaction around the callback: changes recorded on `em` are collected here. */
export function beginNotice(em: EntityManager): CommitNotice {
  const notice: CommitNotice = { notes: {}, buffers: new Map() };
  noticeSlot(em)[NOTICE] = notice;
  return notice;
}

export function endNotice(em: EntityManager): void {
  delete noticeSlot(em)[NOTICE];
}

/** The notice being gathered on `em`, or null on a plain manager (outside Database.transaction). */
export function noticeOf(em: EntityManager): CommitNotice | null {
  return noticeSlot(em)[NOTICE] ?? null;
}

/** Adds a note to the transaction open on `em`; false outside a Database.transaction (nothing to defer to). */
export function note<K extends NoteKind>(em: EntityManager, kind: K, value: CommitNotes[K]): boolean {
  const notice = noticeOf(em);
  if (!notice) return false;
  const notes: { [P in K]?: Set<CommitNotes[P]> } = notice.notes;
  let set = notes[kind];
  if (!set) {
    set = new Set<CommitNotes[K]>();
    notes[kind] = set;
  }
  set.add(value);
  return true;
}

export function notesOf<K extends NoteKind>(notice: CommitNotice, kind: K): ReadonlySet<CommitNotes[K]> {
  const notes: { [P in K]?: Set<CommitNotes[P]> } = notice.notes;
  return notes[kind] ?? new Set();
}

/**
 * Records that this transaction touched an asset's public face. Outside a Database.transaction
 * (a plain manager) there is nothing to defer to, so that is a programming error.
 */
export function noteAssetChanged(em: EntityManager, assetId: number): void {
  if (!note(em, 'assetChanged', assetId))
    throw new Error('noteAssetChanged outside Database.transaction: the scan cache would not be told');
}

/** Records a ticket row change (the last one of a ticket in a transaction wins); published only after COMMIT. */
export function noteTicketChanged(em: EntityManager, _id: number, t: TicketChangeNote): void {
  const value = { tenantId: t.tenantId, number: t.number, status: t.status, needsDispatcher: t.needsDispatcher, updatedAt: t.updatedAt };
  if (!note(em, 'ticketChanged', value))
    throw new Error('noteTicketChanged outside Database.transaction: the desk stream would not be told');
}

/**
 * A list that lives as long as this transaction; whatever is in it when the callback returns is handed
 * to `flush` inside the transaction, before COMMIT (e.g. all outbox rows of a transaction as one
 * multi-row INSERT: a statement fewer per extra job, and the database is what limits throughput here).
 * Null outside a Database.transaction: the caller writes at once.
 */
export function txBuffer<T>(em: EntityManager, key: string, flush: (em: EntityManager, items: T[]) => Promise<void>): T[] | null {
  const notice = noticeOf(em);
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

/** After COMMIT: every hook whose kind was noted, together; each failure goes to onError, none is thrown. */
export async function runHooks(
  hooks: readonly CommitHook[],
  notice: CommitNotice,
  onError: (err: unknown, hook: string) => void,
): Promise<void> {
  const due = hooks.filter((h) => (notice.notes[h.kind]?.size ?? 0) > 0);
  if (due.length === 0) return;
  await Promise.all(
    due.map(async (h) => {
      try {
        await h.run(notice);
      } catch (err) {
        onError(err, h.name);
      }
    }),
  );
}
