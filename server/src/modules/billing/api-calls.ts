import { In } from 'typeorm';
import type { Database } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { isoDayInZone } from '../../lib/time';
import { Tenant } from '../tenants/tenant.entity';
import { meter } from './metering';

/**
 * API calls (requests signed with an integration key), counted in memory and written to the daily usage rollup
 * every `intervalMs` and at shutdown — one upsert per tenant a flush instead of a write per request. Each API
 * process flushes its own counts; the rollup adds them. The day is the tenant's at flush time (a call in the last
 * seconds before midnight may count on the next day). A failed flush keeps its counts for the next one.
 */
export class ApiCallMeter {
  private counts = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: { db: Database; clock: Clock; log: Logger },
    private readonly intervalMs = 2_000,
  ) {}

  add(tenantId: number): void {
    this.counts.set(tenantId, (this.counts.get(tenantId) ?? 0) + 1);
  }

  /** Calls counted and not yet written (tests and the log). */
  pending(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((err: unknown) => this.deps.log.warn({ err }, 'API call metering flush failed; kept for the next one'));
    }, this.intervalMs);
    this.timer.unref();
  }

  async flush(): Promise<number> {
    if (this.counts.size === 0) return 0;
    const batch = this.counts;
    this.counts = new Map();
    try {
      const ids = [...batch.keys()];
      const tenants = await this.deps.db.ds.getRepository(Tenant).find({ where: { id: In(ids) }, select: { id: true, timezone: true } });
      const now = this.deps.clock.now();
      const rows = tenants.map((t) => ({
        tenantId: t.id,
        metric: 'api_calls' as const,
        day: isoDayInZone(now, t.timezone),
        quantity: batch.get(t.id) ?? 0,
      }));
      await this.deps.db.transaction((em) => meter(em, rows));
      return rows.reduce((n, r) => n + r.quantity, 0);
    } catch (err) {
      for (const [tenantId, n] of batch) this.counts.set(tenantId, (this.counts.get(tenantId) ?? 0) + n);
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch((err: unknown) => this.deps.log.warn({ err }, 'API call metering: the last flush failed'));
  }
}
