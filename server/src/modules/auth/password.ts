import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEYLEN = 32;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's Password Storage Cheat Sheet: scrypt N=2^17, r=8, p=1 (128 MiB a hash). */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/** The cost for a configured log2(N), keeping r and p at the guidance. */
export const scryptCost = (log2N: number): ScryptCost => ({ N: 2 ** log2N, r: 8, p: 1 });

// Stored parameters beyond these are refused rather than run: a hash must never cost a gigabyte to check.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 4;

function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; node's default maxmem (32 MiB) refuses N=2^17, so allow twice the need.
  const opts: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => scryptCb(password, salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** scrypt from node:crypto: memory-hard, no native add-on to build. Format: scrypt$N$r$p$salt$hash. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** The parameters a stored hash was made with, or null when it is not one of ours. */
export function storedCost(stored: string): ScryptCost | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  if (![cost.N, cost.r, cost.p].every(Number.isSafeInteger) || cost.N < 2 || (cost.N & (cost.N - 1)) !== 0) return null;
  if (cost.N > MAX_N || cost.r < 1 || cost.r > MAX_R || cost.p < 1 || cost.p > MAX_P) return null;
  return cost;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const cost = storedCost(stored);
  if (!cost) return false;
  const [, , , , salt, hash] = stored.split('$');
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), cost);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash weaker than the configured cost is upgraded at the next successful sign-in; a stronger one is kept. */
export function needsRehash(stored: string, wanted: ScryptCost): boolean {
  const cost = storedCost(stored);
  if (!cost) return true;
  return cost.N < wanted.N || cost.r < wanted.r || cost.p < wanted.p;
}
