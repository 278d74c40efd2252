/**
 * A response cache for anonymous reads at the gateway. Invalidation is a
 * global data version: every mutation through the gateway bumps it before its
 * response is sent, and the version is part of every cache key, so a read
 * after a publish never sees the answer from before it. A read is stored under
 * the version it started with: one that raced a mutation lands under a version
 * no later request asks for. In process memory by default; in Redis when
 * REDIS_URL is set, so all gateway instances share entries and the version.
 * Signed-in requests, responses with errors and mutations are never cached;
 * `cache-control: no-cache` skips the lookup. The TTL bounds what writes made
 * outside the gateway (directly in a database) could leave stale.
 * The `x-response-cache` header says HIT, MISS or BYPASS.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import Redis from 'ioredis';

export interface ResponseCacheStore {
  version(): Promise<string>;
  bumpVersion(): Promise<void>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

/** One process: entries in insertion order, the oldest dropped beyond `maxEntries`. */
export class MemoryResponseCacheStore implements ResponseCacheStore {
  private dataVersion = 0;
  private readonly entries = new Map<string, { value: string; expires: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  async version(): Promise<string> {
    return String(this.dataVersion);
  }

  async bumpVersion(): Promise<void> {
    this.dataVersion += 1;
    this.entries.clear(); // nothing keyed by an older version can be asked for again
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: Date.now() + ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

/** Shared by every gateway instance on the same Redis. */
export class RedisResponseCacheStore implements ResponseCacheStore {
  private readonly redis: Redis;
  private readonly versionKey: string;

  /** `prefix` is REDIS_KEY_PREFIX: every key lives under `<prefix>response-cache:`. */
  constructor(url: string, private readonly prefix = 'baeumteo:') {
    this.versionKey = `${prefix}response-cache:version`;
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    this.redis.on('error', () => undefined); // a lookup that fails is a miss (see plugin); do not crash the gateway
  }

  async version(): Promise<string> {
    return (await this.redis.get(this.versionKey)) ?? '0';
  }

  async bumpVersion(): Promise<void> {
    await this.redis.incr(this.versionKey);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}response-cache:${key}`)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}response-cache:${key}`, value, 'PX', ttlMs);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

export interface ResponseCacheOptions {
  store: ResponseCacheStore;
  ttlMs: number;
  /** Whether the request is anonymous (no caller identity, no authorization). */
  isAnonymous(context: unknown): boolean;
}

export const RESPONSE_CACHE_HEADER = 'x-response-cache';

function cacheKey(version: string, context: GraphQLRequestContext<any>): string {
  const { queryHash, operationName, request } = context;
  const hash = createHash('sha256')
    .update(queryHash ?? '')
    .update('\n')
    .update(operationName ?? '')
    .update('\n')
    .update(JSON.stringify(request.variables ?? {}))
    .digest('base64url');
  return `${version}:${hash}`;
}

export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<any> {
  const { store, ttlMs } = options;
  return {
    async requestDidStart(start) {
      const anonymous = options.isAnonymous(start.contextValue);
      const noCache = /no-cache|no-store/i.test(start.request.http?.headers.get('cache-control') ?? '');
      // The version is read when the request starts, before any subgraph is asked.
      const version = anonymous ? store.version().catch(() => undefined) : undefined;
      let key: string | undefined;
      let status = 'BYPASS';
      return {
        async responseForOperation(context) {
          if (context.operation?.operation !== 'query' || !anonymous) return null;
          const v = await version;
          if (v === undefined) return null;
          key = cacheKey(v, context);
          status = 'MISS';
          if (noCache) return null;
          const cached = await store.get(key).catch(() => undefined);
          if (cached === undefined) return null;
          status = 'HIT';
          return { http: context.response.http, body: { kind: 'single', singleResult: JSON.parse(cached) } };
        },
        async willSendResponse(context) {
          context.response.http.headers.set(RESPONSE_CACHE_HEADER, status);
          if (context.operation?.operation === 'mutation') {
            // Sound over precise: any mutation may have changed what a cached read shows.
            await store.bumpVersion().catch(() => undefined);
            return;
          }
          const { body } = context.response;
          if (status !== 'MISS' || !key || body.kind !== 'single' || body.singleResult.errors) return;
          await store.set(key, JSON.stringify(body.singleResult), ttlMs).catch(() => undefined);
        },
      };
    },
  };
}

export function createResponseCacheStore(redisUrl: string | undefined, maxEntries?: number, keyPrefix?: string): ResponseCacheStore {
  return redisUrl ? new RedisResponseCacheStore(redisUrl, keyPrefix) : new MemoryResponseCacheStore(maxEntries);
}
