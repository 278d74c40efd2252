/**
 * Rate limits of every public endpoint (express-rate-limit), fixed one-minute windows counted per caller:
 * the verified token's subject and role when there is one, the client address otherwise (`req.ip`, which
 * honours X-Forwarded-For only from the proxies TRUST_PROXY names). Each endpoint group has its own
 * bucket: /graphql, the feed (a page is a plan over four subgraphs, so its limit is lower), and the pages,
 * assets and probes. Counters are shared through Redis (rate-limit-redis) when REDIS_URL is set, so
 * every worker and replica counts against one limit; in process memory otherwise. A store that fails lets
 * the request through (logged) rather than refusing everyone.
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import type { TokenVerifier } from '../../lib/auth';
import type { GatewayConfig } from '../../lib/config';
import { sendGraphQLError } from './http-error';

/**
 * rate-limit-redis keeps the promise of its script load: one that failed (Redis away or slow at start)
 * would fail every later request (measured: the limiter stayed open after Redis came back). After an
 * error the script is loaded again and the increment tried once more; a second error lets the request
 * through (passOnStoreError).
 */
class RecoveringRedisStore extends RedisStore {
  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch {
      this.incrementScriptSha = this.loadIncrementScript();
      return super.increment(key);
    }
  }
}

export interface RateLimits {
  graphql: RequestHandler;
  feed: RequestHandler;
  pages: RequestHandler;
  close(): Promise<void>;
}

type Bucket = 'graphql' | 'feed' | 'pages';

interface Caller {
  key: string;
  signedIn: boolean;
}

export function createRateLimits(
  config: GatewayConfig,
  verifier: TokenVerifier,
  onStoreError: (error: Error) => void = () => undefined,
): RateLimits {
  const { rateLimit: limits, redisUrl } = config;
  // Fail fast when Redis is away: the limiter then lets requests through rather than holding them.
  const redis = redisUrl
    ? new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 2000, enableOfflineQueue: true })
    : undefined;
  redis?.on('error', () => undefined); // reported per request through onStoreError

  /** The verified caller of a request, worked out once for all limiters it passes. */
  const callers = new WeakMap<Request, Promise<Caller>>();
  const callerOf = (req: Request): Promise<Caller> => {
    let caller = callers.get(req);
    if (!caller) {
      // A bad token is refused later (401); until then it counts against its address.
      caller = verifier
        .identify(req.header('authorization'))
        .catch(() => null)
        .then((identity) =>
          identity
            ? { key: `subject:${identity.role}:${identity.subject}`, signedIn: true }
            : { key: `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`, signedIn: false },
        );
      callers.set(req, caller);
    }
    return caller;
  };

  const storeFor = (bucket: Bucket): Store | undefined =>
    redis
      ? new RecoveringRedisStore({
          prefix: `${config.redisKeyPrefix}rate:${bucket}:`,
          sendCommand: (command: string, ...args: string[]) =>
            redis.call(command, ...args) as Promise<number | string | (number | string)[]>,
        })
      : undefined;

  const limiter = (bucket: Bucket, limitOf: (caller: Caller) => number, what: string): RequestHandler =>
    rateLimit({
      windowMs: limits.windowMs,
      limit: async (req) => limitOf(await callerOf(req)),
      skip: async (req) => limitOf(await callerOf(req)) === 0, // 0 turns a limit off
      keyGenerator: async (req) => (await callerOf(req)).key,
      standardHeaders: 'draft-6', // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset
      legacyHeaders: false,
      store: storeFor(bucket),
      passOnStoreError: true,
      logger: { error: (error) => onStoreError(error as Error), warn: () => undefined },
      // The key generator reads req.ip, which express already resolved by TRUST_PROXY (validated in lib/config.ts).
      validate: { trustProxy: false, xForwardedForHeader: false, keyGeneratorIpFallback: false },
      // callerOf never rejects (a bad token counts against its address); `next` would pass an error on.
      handler: (req, res, next, options) => {
        callerOf(req).then((caller) => {
          const limit = limitOf(caller);
          const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
          const retryAfter = Math.max(
            1,
            Math.ceil(((resetTime?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000),
          );
          res.setHeader('Retry-After', String(retryAfter));
          const per = caller.signedIn ? 'caller' : 'address without a token';
          const window = Math.round(options.windowMs / 1000);
          sendGraphQLError(
            res,
            429,
            'RATE_LIMITED',
            `Too many requests to ${what}: ${limit} per ${window} s for each ${per}. Retry after ${retryAfter} s.`,
            {
              retryAfterSeconds: retryAfter,
            },
          );
        }, next);
      },
    });

  return {
    graphql: limiter(
      'graphql',
      (caller) => (caller.signedIn ? limits.perIdentity : limits.perAnonymousIp),
      'the GraphQL API',
    ),
    feed: limiter('feed', () => limits.feed, 'the open-data feed'),
    pages: limiter('pages', () => limits.pages, 'the pages'),
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
