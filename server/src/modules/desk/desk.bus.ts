import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { DeskTicketChange } from '@baoxiu/shared';
import type { TicketChangeNote } from '../../db/commit-listener';
import type { Logger } from '../../lib/logger';

/** One committed ticket change as the desk's stream sends it; `id` is the SSE event id, the same in every process. */
export interface DeskEvent {
  id: string;
  tenantId: number;
  data: DeskTicketChange;
}

export type DeskListener = (event: DeskEvent) => void;

interface Subscriber {
  tenantId: number;
  listener: DeskListener;
  /** Ends the connection when the bus shuts down (a long-lived response would hold server.close() forever). */
  onClose: () => void;
}

/** Events kept per tenant for `Last-Event-ID` replay; a client further behind is told to resync. */
export const REPLAY_PER_TENANT = 200;
/** Tenants whose recent events are kept, the least recently changed dropped first: memory stays bounded however many tenants. */
export const REPLAY_TENANTS = 500;
export const HEARTBEAT_MS = 15_000;

let sequence = 0;
/**
 * Sortable, unique across processes: publish time, then a process-local counter and random bits. `n` ids at once
 * (a commit's changes), with one draw of random bytes for them all: a sweep that writes thousands of tickets
 * publishes thousands of changes.
 */
function newEventIds(n: number): string[] {
  const now = Date.now().toString(36);
  const random = randomBytes(3 * n).toString('hex');
  return Array.from({ length: n }, (_, i) => {
    sequence = (sequence + 1) % 1_679_616;
    return `${now}-${sequence.toString(36)}${random.slice(6 * i, 6 * i + 6)}`;
  });
}

/**
 * Fans committed ticket changes out to the desk's open streams. With Redis every API process publishes
 * to one channel and hears every message (its own included), so all processes keep the same replay
 * buffer in the same order; embedded, the bus is this process alone.
 */
export class TicketBus {
  /** Comment heartbeat interval of each stream; tests shorten it. */
  heartbeatMs = HEARTBEAT_MS;
  private readonly subscribers = new Set<Subscriber>();
  private readonly recent = new Map<number, DeskEvent[]>();
  private readonly pub: Redis | null;
  private readonly sub: Redis | null;
  private readonly channel: string;
  /** Resolves once the Redis subscription is live (at once when embedded). */
  readonly ready: Promise<void>;

  constructor(
    redisUrl: string | undefined,
    prefix: string,
    private readonly log: Logger,
  ) {
    this.channel = `${prefix}:desk:tickets`;
    if (!redisUrl) {
      this.pub = null;
      this.sub = null;
      this.ready = Promise.resolve();
      return;
    }
    // Publishing fails fast while Redis is away (intake must not wait for the desk); the subscriber reconnects and resubscribes.
    this.pub = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.sub = new Redis(redisUrl, { maxRetriesPerRequest: null });
    for (const c of [this.pub, this.sub]) c.on('error', (err: Error) => this.log.debug({ err: err.message }, 'desk bus redis error'));
    this.sub.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.ready = this.sub.subscribe(this.channel).then(
      () => undefined,
      (err: unknown) => {
        this.log.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'desk bus: could not subscribe; streams stay quiet until Redis returns',
        );
      },
    );
  }

  /** Called after COMMIT with what the transaction changed; never throws (the caller's work is done). */
  async publish(changes: TicketChangeNote[]): Promise<void> {
    if (changes.length === 0) return;
    const ids = newEventIds(changes.length);
    const events: DeskEvent[] = changes.map((c, i) => ({
      id: ids[i],
      tenantId: c.tenantId,
      data: {
        number: c.number,
        status: c.status as DeskTicketChange['status'],
        needsDispatcher: c.needsDispatcher,
        updatedAt: c.updatedAt.toISOString(),
      },
    }));
    if (!this.pub) {
      this.deliver(events);
      return;
    }
    try {
      await this.pub.publish(this.channel, JSON.stringify(events));
    } catch (err) {
      this.log.warn(
        { err: err instanceof Error ? err.message : String(err), n: events.length },
        'desk bus: publish failed; open desks catch up by polling',
      );
    }
  }

  private receive(message: string): void {
    try {
      this.deliver(JSON.parse(message) as DeskEvent[]);
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'desk bus: unreadable message dropped');
    }
  }

  private deliver(events: DeskEvent[]): void {
    for (const e of events) {
      const kept = this.recent.get(e.tenantId) ?? [];
      kept.push(e);
      if (kept.length > REPLAY_PER_TENANT) kept.splice(0, kept.length - REPLAY_PER_TENANT);
      // Re-inserted, so the Map's order is least recently changed first.
      this.recent.delete(e.tenantId);
      this.recent.set(e.tenantId, kept);
      if (this.recent.size > REPLAY_TENANTS) this.recent.delete(this.recent.keys().next().value as number);
    }
    for (const s of this.subscribers) {
      for (const e of events) if (e.tenantId === s.tenantId) s.listener(e);
    }
  }

  /** The tenant's events after `lastId`, oldest first; null when `lastId` is no longer (or never was) buffered. */
  since(tenantId: number, lastId: string): DeskEvent[] | null {
    const kept = this.recent.get(tenantId) ?? [];
    const at = kept.findIndex((e) => e.id === lastId);
    return at < 0 ? null : kept.slice(at + 1);
  }

  subscribe(tenantId: number, listener: DeskListener, onClose: () => void): () => void {
    const s: Subscriber = { tenantId, listener, onClose };
    this.subscribers.add(s);
    return () => {
      this.subscribers.delete(s);
    };
  }

  /** Open streams in this process (the leak test and the bench read it). */
  get size(): number {
    return this.subscribers.size;
  }

  /** Ends every open stream and drops the Redis connections. */
  async close(): Promise<void> {
    for (const s of [...this.subscribers]) s.onClose();
    this.subscribers.clear();
    this.pub?.disconnect();
    this.sub?.disconnect();
  }
}
