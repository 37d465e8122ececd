import type { ErrorCode } from '@baoxiu/shared';
import { AppError } from '../../lib/errors';
import type { Deps } from '../../deps';

/** Who a sign-in attempt is counted against: always the address, and the account when one is named. */
export interface LoginSubjects {
  ip: string;
  /** tenant slug and username, as typed: unknown accounts lock too, so a lock says nothing about existence. */
  account?: { tenant: string; username: string };
}

const MAX_LOCK_SECONDS = 3600;
const FAILURE_MEMORY_SECONDS = 3600;
/** Password checks running at once in this process (scrypt at N=2^17 takes 128 MiB and ~0.3 s of a core each). */
const HASH_CONCURRENCY = 2;
/** Checks allowed to wait for a slot; past that a sign-in is refused at once instead of queueing behind a flood. */
const HASH_QUEUE = 8;
/** Checks one address may have running or waiting: a flood from one address cannot fill the queue. */
const PER_IP_IN_FLIGHT = 2;

class HashGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly perIp = new Map<string, number>();

  async run<T>(ip: string, fn: () => Promise<T>): Promise<T> {
    const mine = this.perIp.get(ip) ?? 0;
    if (mine >= PER_IP_IN_FLIGHT || this.waiting.length >= HASH_QUEUE) throw new AppError('LOGIN_BUSY', { retryAfterSeconds: 1 });
    this.perIp.set(ip, mine + 1);
    try {
      if (this.running >= HASH_CONCURRENCY) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.running += 1;
      try {
        return await fn();
      } finally {
        const next = this.waiting.shift();
        if (next) next();
        else this.running -= 1;
      }
    } finally {
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left > 0) this.perIp.set(ip, left);
      else this.perIp.delete(ip);
    }
  }
}

const gates = new WeakMap<Deps, HashGate>();

/** Runs a password check under this system's cap on concurrent hashing. */
export function withHashSlot<T>(deps: Deps, ip: string, fn: () => Promise<T>): Promise<T> {
  let gate = gates.get(deps);
  if (!gate) {
    gate = new HashGate();
    gates.set(deps, gate);
  }
  return gate.run(ip, fn);
}

function keysOf(s: LoginSubjects): Array<{ key: string; limit: (d: Deps) => number }> {
  const out = [{ key: `ip:${s.ip}`, limit: (d: Deps) => d.config.login.maxFailuresPerIp }];
  if (s.account) {
    const k = `acct:${s.account.tenant.toLowerCase()}:${s.account.username.toLowerCase()}`;
    out.push({ key: k, limit: (d: Deps) => d.config.login.maxFailuresPerUser });
  }
  return out;
}

/** Refuses with 429 LOGIN_LOCKED while the address or the account is locked out. */
export async function assertNotLocked(deps: Deps, s: LoginSubjects): Promise<void> {
  const keys = keysOf(s).filter((k) => k.limit(deps) > 0);
  let locks: Array<string | null> = [];
  try {
    locks = await deps.kv.getMany(keys.map((k) => `login:lock:${k.key}`));
  } catch (err) {
    deps.log.debug({ err }, 'login lock store unavailable; allowing');
  }
  const now = deps.clock.now().getTime();
  const until = Math.max(0, ...locks.map((v) => Number(v ?? 0)));
  if (until > now) {
    throw new AppError('LOGIN_LOCKED', { retryAfterSeconds: Math.ceil((until - now) / 1000) });
  }
}

/** Counts a failure; at the limit the subject is locked, and every further failure doubles the lock. */
export async function recordFailure(deps: Deps, s: LoginSubjects): Promise<void> {
  const { lockSeconds } = deps.config.login;
  for (const k of keysOf(s)) {
    const limit = k.limit(deps);
    if (limit <= 0) continue;
    try {
      const failures = await deps.kv.incr(`login:fail:${k.key}`, FAILURE_MEMORY_SECONDS);
      if (failures < limit) continue;
      const seconds = Math.min(MAX_LOCK_SECONDS, lockSeconds * 2 ** Math.min(failures - limit, 16));
      const until = deps.clock.now().getTime() + seconds * 1000;
      await deps.kv.set(`login:lock:${k.key}`, String(until), seconds);
    } catch (err) {
      deps.log.debug({ err }, 'login failure store unavailable');
    }
  }
}

/** A successful sign-in forgets the account's failures (the address keeps its count). */
export async function clearFailures(deps: Deps, s: LoginSubjects): Promise<void> {
  if (!s.account) return;
  const [k] = keysOf({ ip: s.ip, account: s.account }).slice(1);
  await deps.kv.del(`login:fail:${k.key}`).catch(() => undefined);
}

/** Errors that mean "a wrong guess" and so count towards a lock. */
const GUESS_ERRORS = new Set<ErrorCode>(['INVALID_CREDENTIALS', 'WECHAT_CODE_INVALID', 'INVITE_NOT_FOUND']);

/** Lock check, then the attempt; a wrong guess is counted, a success clears the account's failures. */
export async function guardSignIn<T>(deps: Deps, s: LoginSubjects, attempt: () => Promise<T>): Promise<T> {
  await assertNotLocked(deps, s);
  try {
    const result = await attempt();
    await clearFailures(deps, s);
    return result;
  } catch (err) {
    if (err instanceof AppError && GUESS_ERRORS.has(err.code)) await recordFailure(deps, s);
    throw err;
  }
}
