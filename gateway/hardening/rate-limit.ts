/**
 * Fixed-window rate limiting: per identity (the verified token's subject)
 * and per client IP for requests without a token. Counters live in process
 * memory, or in Redis when REDIS_URL is set so that several gateways share them.
 */
import type { RequestHandler } from 'express';
import { Redis } from 'ioredis';
import type { TokenVerifier } from '../../lib/auth';
import type { RateLimitConfig } from '../../lib/config';
import { sendGraphQLError } from './http-error';

export interface WindowCount {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends. */
  resetMs: number;
}

export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<WindowCount>;
  close(): Promise<void>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size >= 10_000) this.sweep(now);
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetMs: window.resetAt - now };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }
}

// INCR and the window's expiry in one step, so concurrent gateways never leave a counter without expiry.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'baeumteo:rate:') {
    // Fail fast when Redis is away: the limiter then lets requests through rather than holding them.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000, lazyConnect: true });
    this.redis.on('error', () => undefined); // reported per request by the middleware
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs)) as [number, number];
    return { count, resetMs: ttl > 0 ? ttl : windowMs };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export function rateLimitStore(redisUrl: string | undefined, keyPrefix = 'baeumteo:'): RateLimitStore {
  return redisUrl ? new RedisRateLimitStore(redisUrl, `${keyPrefix}rate:`) : new MemoryRateLimitStore();
}

/** Counts each request against its caller; past the limit: 429, Retry-After and a GraphQL error body. */
export function rateLimiting(
  config: RateLimitConfig,
  store: RateLimitStore,
  verifier: TokenVerifier,
  onStoreError: (error: Error) => void = () => undefined,
): RequestHandler {
  return async (req, res, next) => {
    // A bad token is refused later (401); until then it counts against its address.
    const identity = await verifier.identify(req.header('authorization')).catch(() => null);
    const [key, limit, per] = identity
      ? [`subject:${identity.subject}`, config.perIdentity, 'caller']
      : [`ip:${req.ip ?? 'unknown'}`, config.perAnonymousIp, 'address without a token'];
    if (limit === 0) return next();
    let window: WindowCount;
    try {
      window = await store.hit(key, config.windowMs);
    } catch (error) {
      onStoreError(error as Error); // an unreachable store must not take the API down with it
      return next();
    }
    const resetSeconds = Math.max(1, Math.ceil(window.resetMs / 1000));
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - window.count)));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (window.count <= limit) return next();
    res.setHeader('Retry-After', String(resetSeconds));
    const windowSeconds = Math.round(config.windowMs / 1000);
    sendGraphQLError(res, 429, 'RATE_LIMITED', `Too many requests: ${limit} per ${windowSeconds} s for each ${per}. Retry after ${resetSeconds} s.`, {
      retryAfterSeconds: resetSeconds,
    });
  };
}
