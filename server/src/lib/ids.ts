import { randomBytes, randomInt, randomUUID } from 'node:crypto';

// Crockford base32 without I, L, O, U: unambiguous when typed from a sticker.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 symbols of 32 = 60 random bits: unguessable, still short enough to print under a QR. */
export function newAssetCode(): string {
  let out = '';
  for (let i = 0; i < 12; i += 1) out += CODE_ALPHABET[randomInt(32)];
  return out;
}

/** Splits a code into groups of four for people to read aloud or type. */
export function formatAssetCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** 144 random bits, URL-safe: the reporter's only key to their ticket. */
export function newTrackingToken(): string {
  return randomBytes(18).toString('base64url');
}

/** n tracking tokens from one random read (a PM sweep writes thousands of tickets at once). */
export function newTrackingTokens(n: number): string[] {
  const bytes = randomBytes(18 * n);
  return Array.from({ length: n }, (_, i) => bytes.subarray(18 * i, 18 * (i + 1)).toString('base64url'));
}

export function newUploadId(): string {
  return randomBytes(15).toString('base64url');
}

export function newRequestId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 16); // randomUUID draws from a cached entropy pool: cheaper per request than randomBytes
}
