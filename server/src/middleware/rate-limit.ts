import type Koa from 'koa';
import { AppError } from '../lib/errors';
import type { Deps } from '../deps';

export interface RateRule {
  name: string;
  /** Requests allowed per window; 0 turns the rule off. */
  limit: number;
  windowSeconds: number;
  /** What is counted (an IP, an asset code); null = this request is not counted by the rule. */
  key(ctx: Koa.Context): string | null;
  /** Count only requests that succeeded (2xx), so refused requests cannot use up someone else's allowance. */
  countSuccessOnly?: boolean;
}

/**
 * Fixed-window counter in the shared key-value store (Redis across processes, memory when embedded).
 * Fails open: if Redis is away, intake keeps working rather than refusing reporters.
 */
export function rateLimit(deps: Deps, rule: RateRule): Koa.Middleware {
  return async (ctx, next) => {
    const subject = rule.limit > 0 ? rule.key(ctx) : null;
    if (subject !== null) {
      const nowSec = Math.floor(deps.clock.now().getTime() / 1000);
      const window = Math.floor(nowSec / rule.windowSeconds);
      const key = `rl:${rule.name}:${subject}:${window}`;
      let count = 0;
      try {
        count = rule.countSuccessOnly ? Number((await deps.kv.get(key)) ?? 0) + 1 : await deps.kv.incr(key, rule.windowSeconds);
      } catch (err) {
        deps.log.debug({ err, rule: rule.name }, 'rate limit store unavailable; allowing');
      }
      if (count > rule.limit) {
        const retryAfter = rule.windowSeconds - (nowSec % rule.windowSeconds);
        ctx.set('Retry-After', String(retryAfter));
        throw new AppError('RATE_LIMITED', { rule: rule.name, limit: rule.limit, retryAfterSeconds: retryAfter });
      }
      if (rule.countSuccessOnly) {
        await next();
        if (ctx.status >= 200 && ctx.status < 300) {
          await deps.kv
            .incr(key, rule.windowSeconds)
            .catch((err: unknown) => deps.log.debug({ err, rule: rule.name }, 'rate limit store unavailable'));
        }
        return;
      }
    }
    await next();
  };
}

export const byIp = (ctx: Koa.Context): string => ctx.ip || 'unknown';

/** The asset a repair is filed on, normalised like the schema does; unparsable bodies are left to validation. */
export function byAssetCode(ctx: Koa.Context): string | null {
  const body: unknown = ctx.request.body;
  const code = typeof body === 'object' && body !== null ? (body as { assetCode?: unknown }).assetCode : undefined;
  return typeof code === 'string' ? code.replace(/[-\s]/g, '').toUpperCase().slice(0, 32) : null;
}
