import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from '../lib/kv';
import type { Logger } from '../lib/logger';
import { WechatError } from './errors';

export interface FetchedToken {
  token: string;
  expiresIn: number;
}

export interface TokenCacheOptions {
  /** Treat a token as gone this long before WeChat's expiry, so no call races the deadline. */
  marginSeconds?: number;
  /** The refresh lock outlives a crashed holder by at most this. */
  lockTtlSeconds?: number;
  /** How long a process waits for another one's refresh before giving up. */
  waitMs?: number;
}

interface Cached {
  token: string;
  expiresAt: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The access_token, kept in the shared key-value store (Redis when configured) so every API and worker
 * process uses the same one. A refresh is single-flight twice over: one promise per process, and a
 * store-wide lock (SET NX) so a burst across many processes calls WeChat once; the others wait for the
 * token to appear. The key expires `marginSeconds` before the token does, which refreshes it early.
 */
export class AccessTokenCache {
  private inflight: Promise<string> | null = null;
  private readonly key: string;
  private readonly lockKey: string;
  private readonly margin: number;
  private readonly lockTtl: number;
  private readonly waitMs: number;

  constructor(
    private readonly kv: KeyValueStore,
    appId: string,
    private readonly fetchToken: (force: boolean) => Promise<FetchedToken>,
    private readonly log: Logger,
    opts: TokenCacheOptions = {},
  ) {
    this.key = `wechat:token:${appId}`;
    this.lockKey = `wechat:token-lock:${appId}`;
    this.margin = opts.marginSeconds ?? 300;
    this.lockTtl = opts.lockTtlSeconds ?? 15;
    this.waitMs = opts.waitMs ?? 15_000;
  }

  /** A live token: the cached one, or a fresh one fetched once for everybody. */
  async get(): Promise<string> {
    const cached = await this.read();
    return cached ? cached.token : this.singleFlight(null);
  }

  /** WeChat rejected `stale` (40001/42001): replace it, unless someone already did. */
  async refresh(stale: string): Promise<string> {
    const cached = await this.read();
    if (cached && cached.token !== stale) return cached.token;
    return this.singleFlight(stale);
  }

  private singleFlight(stale: string | null): Promise<string> {
    this.inflight ??= this.fetchUnderLock(stale).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async fetchUnderLock(stale: string | null): Promise<string> {
    const deadline = Date.now() + this.waitMs;
    const owner = randomBytes(8).toString('hex');
    for (;;) {
      const locked = await this.kv.setNx(this.lockKey, owner, this.lockTtl).catch((err: unknown) => {
        // The store is away: fetch without the lock rather than fail the caller.
        this.log.warn({ err }, 'wechat token lock unavailable; fetching without it');
        return true;
      });
      if (locked) {
        try {
          const fresh = await this.read();
          if (fresh && fresh.token !== stale) return fresh.token;
          return await this.fetchAndStore(stale);
        } finally {
          await this.kv.delIfEquals(this.lockKey, owner).catch(() => false);
        }
      }
      await sleep(40);
      const cached = await this.read();
      if (cached && cached.token !== stale) return cached.token;
      if (Date.now() > deadline)
        throw new WechatError('stable_token', { kind: 'network', sent: false, message: 'token refresh lock wait timed out' });
    }
  }

  private async fetchAndStore(stale: string | null): Promise<string> {
    let fetched = await this.fetchToken(false);
    // Normal mode hands back the live token; if that is the one WeChat just rejected, force a new one.
    if (stale && fetched.token === stale) fetched = await this.fetchToken(true);
    // A token handed out near its end (normal mode) is kept briefly, so the next call gets WeChat's renewal.
    const ttl = fetched.expiresIn > this.margin + 60 ? fetched.expiresIn - this.margin : Math.max(1, Math.floor(fetched.expiresIn / 2));
    const value: Cached = { token: fetched.token, expiresAt: Date.now() + ttl * 1000 };
    await this.kv.set(this.key, JSON.stringify(value), ttl).catch((err: unknown) => {
      this.log.warn({ err }, 'wechat token not cached');
    });
    this.log.info({ expiresIn: fetched.expiresIn }, 'wechat access token refreshed');
    return fetched.token;
  }

  private async read(): Promise<Cached | null> {
    const raw = await this.kv.get(this.key).catch(() => null);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Cached;
      return typeof parsed.token === 'string' && parsed.expiresAt > Date.now() ? parsed : null;
    } catch {
      return null;
    }
  }
}
