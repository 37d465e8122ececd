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
  /** The operator's bearer secret for /api/operator (from OPERATOR_TOKEN, or generated into DATA_DIR). */
  operatorToken: string;
}

/** A transaction whose outbox rows are relayed as soon as it commits. */
export async function withTx<T>(deps: Deps, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const result = await deps.db.transaction(fn);
  deps.relay.kick();
  return result;
}
