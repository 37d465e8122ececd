import type { EntityManager } from 'typeorm';
import type { Config } from './config';
import type { Database } from './db/database';
import type { JobQueue } from './queue/queue';
import type { OutboxRelay } from './queue/outbox';
import type { KeyValueStore } from './lib/kv';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import type { WechatClient } from './wechat/client';
import type { WechatMode } from './wechat/setup';
import type { SlaState } from './modules/sla/sla.state';

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
  /** Compiled business calendars and the statutory holiday data. */
  sla: SlaState;
}

/** A transaction whose outbox rows are relayed as soon as it commits. */
export async function withTx<T>(deps: Deps, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const result = await deps.db.transaction(fn);
  deps.relay.kick();
  return result;
}
