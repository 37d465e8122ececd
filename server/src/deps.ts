import type { PlanModule } from '@baoxiu/shared';
import type { EntityManager } from 'typeorm';
import type { Config } from './config';
import type { MeteredMetric } from './modules/billing/metering';
import type { ApiCallMeter } from './modules/billing/api-calls';
import type { KbPublicIndex } from './modules/kb/kb.index';
import type { Database } from './db/database';
import type { JobQueue } from './queue/queue';
import type { OutboxRelay } from './queue/outbox';
import type { KeyValueStore } from './lib/kv';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import type { WechatClient } from './wechat/client';
import type { WechatMode } from './wechat/setup';
import type { IntakeBatcher } from './modules/intake/intake.batch';
import type { RosterCache } from './modules/dispatch/dispatch.roster';
import type { AssetCodeCache } from './modules/assets/scan-cache';
import type { KpiSeen } from './modules/reports/kpi.rollup';
import type { CountsInFlight } from './modules/desk/ticket-list';
import type { Metrics } from './metrics/metrics';
import type { TicketBus } from './modules/desk/desk.bus';
import type { SlaState } from './modules/sla/sla.state';
import type { ResolveHook } from './modules/work/work.service';

/** Everything a service needs, passed explicitly: no container, no globals. */
export interface Deps {
  config: Config;
  db: Database;
  queue: JobQueue;
  relay: OutboxRelay;
  kv: KeyValueStore;
  clock: Clock;
  log: Logger;
  jwtSecret: string;
  /** WeChat's server API (or the local stand-in); null when no AppID/secret is configured. */
  wechat: WechatClient | null;
  wechatMode: WechatMode;
  // Per-system state (tests run several systems in one process): built in buildDeps, never module-level.
  /** Writes concurrent intakes together (intake.batch.ts). */
  intake: IntakeBatcher;
  /** Engineers on duty per tenant, between dispatch decisions (dispatch.roster.ts). */
  rosters: RosterCache;
  /** Asset id → public code, so a commit's scan-cache bump needs no query (scan-cache.ts). */
  assetCodes: AssetCodeCache;
  /** Ticket versions the KPI sweep has already rolled up (kpi.rollup.ts). */
  kpiSeen: KpiSeen;
  /** Exact ticket-list counts being computed, so concurrent requests share one COUNT(*) (ticket-list.ts). */
  countsInFlight: CountsInFlight;
  metrics: Metrics;
  /** Committed ticket changes to the desk's live streams (Redis pub/sub, or this process alone). */
  ticketBus: TicketBus;
  /** Compiled business calendars and the statutory holiday data. */
  sla: SlaState;
  /** Runs inside an engineer's resolve: the PM checklist and its corrective ticket (pm/pm.checklist.ts). */
  onResolve: ResolveHook;
  /** The operator's bearer secret for /api/operator (from OPERATOR_TOKEN, or generated into DATA_DIR). */
  operatorToken: string;
  /**
   * Throws 403 MODULE_NOT_IN_PLAN when the tenant's plan lacks the module (billing/entitlements.ts requireModule).
   * Features reach the check here, or through middleware/module-guard.ts, not by importing billing.
   */
  requireModule: (tenantId: number, module: PlanModule) => Promise<void>;
  /** Meters one unit of usage on the tenant's calendar day in the caller's transaction (billing/metering.ts meterOne). */
  meterOne: (em: EntityManager, tenantId: number, metric: MeteredMetric, now: Date) => Promise<void>;
  /** Requests signed with an integration key, counted in memory and flushed to the usage rollup (billing/api-calls.ts). */
  apiCalls: ApiCallMeter;
  /** The reporters' knowledge-base suggestions, answered from an in-memory index per tenant (kb/kb.index.ts). */
  kbIndex: KbPublicIndex;
}
