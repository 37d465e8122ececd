import { z } from 'zod';

/** A zone the runtime knows (Intl is in Node and every browser the console supports). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).format(0);
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z.string().trim().min(1).max(64).refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai');

/**
 * Whether a phone out in the building can open this origin: `loopback` (this computer only), `private`
 * (the local network only), `public` (a name or a public address), `invalid` (not an http(s) URL).
 */
export type PublicUrlReach = 'public' | 'private' | 'loopback' | 'invalid';

function ipv4Reach(host: string): PublicUrlReach | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a === 127 || a === 0) return 'loopback';
  if (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  ) {
    return 'private';
  }
  return 'public';
}

function ipv6Reach(host: string): PublicUrlReach | null {
  if (!host.startsWith('[')) return null;
  const ip = host.slice(1, -1).toLowerCase();
  if (ip === '::1' || ip === '::') return 'loopback';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return ipv4Reach(mapped[1]);
  if (/^f[cd]/.test(ip) || /^fe[89ab]/.test(ip)) return 'private';
  return 'public';
}

export function publicUrlReach(url: string): PublicUrlReach {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'invalid';
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const ip = ipv4Reach(host) ?? ipv6Reach(host);
  if (ip) return ip;
  // Single-label names and mDNS / home-router suffixes resolve on the local network only.
  if (!host.includes('.') || /\.(local|lan|home|internal|intranet|corp)$/.test(host)) return 'private';
  return 'public';
}

export const PublicBaseUrlSchema = z.object({
  url: z.string(),
  reach: z.enum(['public', 'private', 'loopback', 'invalid']),
});
export type PublicBaseUrlView = z.infer<typeof PublicBaseUrlSchema>;
