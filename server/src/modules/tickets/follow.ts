import { createHmac, timingSafeEqual } from 'node:crypto';

// 'f' + ticket id in base36 (7 chars) + 24 chars of HMAC: no table, unforgeable, and never a reporter token.
const PREFIX = 'f';
const ID_CHARS = 7;

function mac(secret: string, ticketId: number): string {
  return createHmac('sha256', secret).update(`follow:${ticketId}`).digest('base64url').slice(0, 24);
}

/** Read-only tracking link for people with the same problem on the same asset. */
export function followTokenFor(secret: string, ticketId: number): string {
  return `${PREFIX}${ticketId.toString(36).padStart(ID_CHARS, '0')}${mac(secret, ticketId)}`;
}

/** The ticket id a follow token stands for, or null when it is not a genuine follow token. */
export function ticketIdFromFollowToken(secret: string, token: string): number | null {
  if (token.length !== 1 + ID_CHARS + 24 || !token.startsWith(PREFIX)) return null;
  const id = parseInt(token.slice(1, 1 + ID_CHARS), 36);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const expected = Buffer.from(mac(secret, id));
  const given = Buffer.from(token.slice(1 + ID_CHARS));
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
