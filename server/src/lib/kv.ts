import { Redis } from 'ioredis';
import type { Logger } from './logger';

/** Cache and counters: Redis when configured (shared by all processes), memory otherwise. */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  /** Several keys in one round trip, in the order asked. */
  getMany(keys: string[]): Promise<Array<string | null>>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Increments a counter that expires ttlSeconds after its first increment. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  /** Increments several counters in one round trip (each expiring ttlSeconds after its first increment). */
  incrMany(keys: string[], ttlSeconds: number): Promise<void>;
  /** Sets the key only if it is absent (a lock); true when this caller set it. */
  setNx(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Deletes the key only while it still holds value (releasing one's own lock, never another's). */
  delIfEquals(key: string, value: string): Promise<boolean>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryKv implements KeyValueStore {
  private readonly data = new Map<string, { value: string; expiresAt: number }>();

  private live(key: string) {
    const e = this.data.get(key);
    if (e && e.expiresAt <= Date.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async getMany(keys: string[]) {
    return keys.map((k) => this.live(k)?.value ?? null);
  }

  async set(key: string, value: string, ttlSeconds: number) {
    this.data.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async del(key: string) {
    this.data.delete(key);
  }

  async incr(key: string, ttlSeconds: number) {
    const e = this.live(key);
    const value = (e ? Number(e.value) : 0) + 1;
    this.data.set(key, { value: String(value), expiresAt: e?.expiresAt ?? Date.now() + ttlSeconds * 1000 });
    return value;
  }

  async incrMany(keys: string[], ttlSeconds: number) {
    for (const k of keys) await this.incr(k, ttlSeconds);
  }

  async setNx(key: string, value: string, ttlSeconds: number) {
    if (this.live(key)) return false;
    this.data.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
    return true;
  }

  async delIfEquals(key: string, value: string) {
    if (this.live(key)?.value !== value) return false;
    this.data.delete(key);
    return true;
  }

  async ping() {
    return true;
  }

  async close() {
    this.data.clear();
  }
}

/** Fails fast while Redis is away: callers treat cache misses and counters as best effort. */
export class RedisKv implements KeyValueStore {
  readonly client: Redis;

  constructor(
    url: string,
    prefix: string,
    private readonly log: Logger,
  ) {
    // Namespaced like the queue, so deployments (and test runs) sharing a Redis never see each other's keys.
    this.client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, keyPrefix: `${prefix}:kv:` });
    this.client.on('error', (err: Error) => this.log.debug({ err: err.message }, 'redis kv error'));
  }

  async get(key: string) {
    return this.client.get(key);
  }

  async getMany(keys: string[]) {
    return keys.length === 0 ? [] : this.client.mget(keys);
  }

  async set(key: string, value: string, ttlSeconds: number) {
    await this.client.set(key, value, 'EX', ttlSeconds);
  }

  async del(key: string) {
    await this.client.del(key);
  }

  async incr(key: string, ttlSeconds: number) {
    const [[, count]] = (await this.client.multi().incr(key).expire(key, ttlSeconds, 'NX').exec()) as [[Error | null, number]];
    return count;
  }

  async incrMany(keys: string[], ttlSeconds: number) {
    if (keys.length === 0) return;
    const multi = this.client.multi();
    for (const k of keys) multi.incr(k).expire(k, ttlSeconds, 'NX');
    await multi.exec();
  }

  async setNx(key: string, value: string, ttlSeconds: number) {
    return (await this.client.set(key, value, 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async delIfEquals(key: string, value: string) {
    // Compare and delete in one step, so a lock that expired and was taken by another is left alone.
    const script = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    return (await this.client.eval(script, 1, key, value)) === 1;
  }

  async ping() {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close() {
    this.client.disconnect();
  }
}
