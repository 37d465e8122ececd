import { z } from 'zod';

/**
 * A keyset cursor for lists ordered newest first: the last row's creation instant and id (the id breaks
 * ties between rows of the same instant). On the wire it is opaque: base64url of `<ms>.<id>.<checksum>`.
 * The checksum only catches a cursor that was altered or cut short (answered 400, never a 500); it is not a
 * secret — a cursor merely says where to resume, and every filter, the tenant's above all, still applies.
 * Plain code without Buffer or btoa, so the mini-program can use it too.
 */
export interface ListCursor {
  createdAt: Date;
  id: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** 9999-12-31T23:59:59.999Z: the last instant a DATETIME column holds. */
const MAX_MS = 253_402_300_799_999;
const MAX_ID = 2_147_483_647;
export const MAX_CURSOR_LENGTH = 64;

/** base64url without padding, of text whose characters are all below U+0100. */
function toBase64url(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const left = text.length - i;
    const n = (text.charCodeAt(i) << 16) | ((left > 1 ? text.charCodeAt(i + 1) : 0) << 8) | (left > 2 ? text.charCodeAt(i + 2) : 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    if (left > 1) out += ALPHABET[(n >> 6) & 63];
    if (left > 2) out += ALPHABET[n & 63];
  }
  return out;
}

/** The decoded text, or null when `b64` is not canonical base64url (so one cursor has exactly one spelling). */
function fromBase64url(b64: string): string | null {
  if (b64.length % 4 === 1) return null;
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const ch of b64) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  }
  return toBase64url(out) === b64 ? out : null;
}

/** FNV-1a, 32 bits, as 8 hex digits. */
function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function encodeListCursor(c: ListCursor): string {
  const body = `${c.createdAt.getTime()}.${c.id}`;
  return toBase64url(`${body}.${checksum(body)}`);
}

/** The position a cursor names, or null when it is not one this API issued (garbage, tampered, cut short). */
export function decodeListCursor(cursor: string): ListCursor | null {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) return null;
  const text = fromBase64url(cursor);
  const m = text === null ? null : /^(0|[1-9][0-9]{0,14})\.([1-9][0-9]{0,9})\.([0-9a-f]{8})$/.exec(text);
  if (!m) return null;
  const ms = Number(m[1]);
  const id = Number(m[2]);
  if (ms > MAX_MS || id > MAX_ID || checksum(`${m[1]}.${m[2]}`) !== m[3]) return null;
  return { createdAt: new Date(ms), id };
}

/** A `cursor` query parameter: the `nextCursor` of the previous page, decoded; anything else is a 400. */
export const ListCursorSchema = z
  .string()
  .max(MAX_CURSOR_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, 'invalid cursor')
  .transform((value, ctx) => {
    const cursor = decodeListCursor(value);
    if (cursor) return cursor;
    ctx.addIssue({ code: 'custom', message: 'invalid cursor: pass the nextCursor of the previous page unchanged' });
    return z.NEVER;
  });
