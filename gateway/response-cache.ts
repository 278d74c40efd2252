/**
 * A response cache for anonymous reads at the gateway, invalidated by tags
 * (gateway/cache-tags.ts): each stored read carries the types and ids of the
 * objects it shows and the lists it holds; a mutation that changed something
 * invalidates, before its response is sent, the reads that show the objects
 * its payload returns and the lists of their types. A mutation that changed
 * nothing (refused, userErrors, null payload) invalidates nothing, so strangers
 * cannot flush the cache, and an enrollment leaves district reads alone.
 * A read is stored only if none of its tags was invalidated after it started
 * (a read that raced a mutation is not kept). In process memory by default; in
 * Redis when REDIS_URL is set, so all gateway instances share entries and
 * invalidations. Signed-in requests, responses with errors and mutations are
 * never cached; `cache-control: no-cache` skips the lookup. The TTL bounds what
 * writes made outside the gateway (directly in a database) could leave stale.
 * The `x-response-cache` header says HIT, MISS or BYPASS.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { OperationTypeNode, type FormattedExecutionResult } from 'graphql';
import Redis from 'ioredis';
import { changedTags, readTags } from './cache-tags';

export interface ResponseCacheStore {
  /** A mark taken when a read starts: `set` refuses it if any of its tags was invalidated since. */
  mark(): Promise<number>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number, tags: string[], mark: number): Promise<void>;
  /** Drops every entry carrying one of `tags`. */
  invalidate(tags: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the answers kept in one process may add up to. The entry count alone did not bound it: a 100-item page of
 * Korean text is over 100 KB as a JS string, and 10,000 of them would outgrow the gateway's bounded heap
 * (lib/service.ts HEAP_LIMIT_MB) before its container's memory limit.
 */
export const MEMORY_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** One process: entries in insertion order, the oldest dropped beyond `maxEntries` or `maxBytes`. */
export class MemoryResponseCacheStore implements ResponseCacheStore {
  private sequence = 0;
  /** UTF-16 bytes of the kept answers (a JS string's own size). */
  private bytes = 0;
  private readonly entries = new Map<string, { value: string; expires: number; tags: string[] }>();
  private readonly keysByTag = new Map<string, Set<string>>();
  /** When each tag was last invalidated (sequence), kept as long as a read may run: the TTL. */
  private readonly invalidated = new Map<string, { at: number; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxBytes = MEMORY_CACHE_MAX_BYTES,
  ) {}

  async mark(): Promise<number> {
    return this.sequence;
  }

  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires > Date.now()) return entry.value;
    this.drop(key);
    return undefined;
  }

  async set(key: string, value: string, ttlMs: number, tags: string[], mark: number): Promise<void> {
    const now = Date.now();
    if (tags.some((tag) => (this.invalidated.get(tag)?.at ?? -1) > mark)) return; // raced a mutation
    this.drop(key);
    if (value.length * 2 > this.maxBytes) return; // never worth every other entry
    this.entries.set(key, { value, expires: now + ttlMs, tags });
    this.bytes += value.length * 2;
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes)
      this.drop(this.entries.keys().next().value!);
    if (this.invalidated.size > this.maxEntries)
      for (const [tag, { until }] of this.invalidated) if (until < now) this.invalidated.delete(tag);
  }

  async invalidate(tags: string[], ttlMs = 60 * 60 * 1000): Promise<void> {
    this.sequence += 1;
    for (const tag of tags) {
      this.invalidated.set(tag, { at: this.sequence, until: Date.now() + ttlMs });
      for (const key of this.keysByTag.get(tag) ?? []) this.drop(key);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.value.length * 2;
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }

  async close(): Promise<void> {
    this.bytes = 0;
    this.entries.clear();
    this.keysByTag.clear();
  }
}

// KEYS: the entry, the sequence; ARGV: value, ttl, mark, prefix, tags... Stored only if no tag was invalidated after the mark.
const SET_SCRIPT = `
local mark = tonumber(ARGV[3])
for i = 5, #ARGV do
  local at = redis.call('GET', ARGV[4] .. 'invalidated:' .. ARGV[i])
  if at and tonumber(at) > mark then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 5, #ARGV do
  local set = ARGV[4] .. 'tag:' .. ARGV[i]
  redis.call('SADD', set, KEYS[1])
  if redis.call('PTTL', set) < tonumber(ARGV[2]) then redis.call('PEXPIRE', set, ARGV[2]) end
end
return 1`;

// KEYS: the sequence; ARGV: ttl, prefix, tags... Deletes the tagged entries and records when each tag was invalidated.
const INVALIDATE_SCRIPT = `
local at = redis.call('INCR', KEYS[1])
for i = 3, #ARGV do
  local set = ARGV[2] .. 'tag:' .. ARGV[i]
  local keys = redis.call('SMEMBERS', set)
  for j = 1, #keys, 500 do redis.call('DEL', unpack(keys, j, math.min(j + 499, #keys))) end
  redis.call('DEL', set)
  redis.call('SET', ARGV[2] .. 'invalidated:' .. ARGV[i], at, 'PX', ARGV[1])
end
return at`;

/** Shared by every gateway instance on the same Redis. */
export class RedisResponseCacheStore implements ResponseCacheStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(
    url: string,
    keyPrefix = 'baeumteo:',
    private readonly ttlMs = 60 * 60 * 1000,
  ) {
    this.prefix = `${keyPrefix}response-cache:`;
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    this.redis.on('error', () => undefined); // a lookup that fails is a miss (see plugin); do not crash the gateway
  }

  async mark(): Promise<number> {
    return Number((await this.redis.get(`${this.prefix}sequence`)) ?? 0);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}entry:${key}`)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number, tags: string[], mark: number): Promise<void> {
    await this.redis.eval(
      SET_SCRIPT,
      2,
      `${this.prefix}entry:${key}`,
      `${this.prefix}sequence`,
      value,
      ttlMs,
      mark,
      this.prefix,
      ...tags,
    );
  }

  async invalidate(tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.redis.eval(INVALIDATE_SCRIPT, 1, `${this.prefix}sequence`, this.ttlMs, this.prefix, ...tags);
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

function cacheKey(context: GraphQLRequestContext<BaseContext>): string {
  const { queryHash, operationName, request } = context;
  return createHash('sha256')
    .update(queryHash ?? '')
    .update('\n')
    .update(operationName ?? '')
    .update('\n')
    .update(JSON.stringify(request.variables ?? {}))
    .digest('base64url');
}

export function responseCachePlugin(options: ResponseCacheOptions): ApolloServerPlugin<BaseContext> {
  const { store, ttlMs } = options;
  return {
    async requestDidStart(start) {
      const anonymous = options.isAnonymous(start.contextValue);
      const noCache = /no-cache|no-store/i.test(start.request.http?.headers.get('cache-control') ?? '');
      // The mark is taken when the request starts, before any subgraph is asked.
      const mark = anonymous ? store.mark().catch(() => undefined) : undefined;
      let key: string | undefined;
      let status = 'BYPASS';
      return {
        async responseForOperation(context) {
          if (context.operation?.operation !== OperationTypeNode.QUERY || !anonymous || (await mark) === undefined)
            return null;
          key = cacheKey(context);
          status = 'MISS';
          if (noCache) return null;
          const cached = await store.get(key).catch(() => undefined);
          if (cached === undefined) return null;
          status = 'HIT';
          return {
            http: context.response.http,
            body: { kind: 'single', singleResult: JSON.parse(cached) as FormattedExecutionResult },
          };
        },
        async willSendResponse(context) {
          context.response.http.headers.set(RESPONSE_CACHE_HEADER, status);
          const { body } = context.response;
          const data = body.kind === 'single' ? body.singleResult.data : undefined;
          if (!context.operation || !context.document || !data) return;
          const tagged = { schema: context.schema, document: context.document, operation: context.operation, data };
          if (context.operation.operation === OperationTypeNode.MUTATION) {
            // Only what the mutation's payload says it changed; a refused mutation changes nothing.
            const tags = changedTags(tagged);
            if (tags.length > 0) await store.invalidate(tags).catch(() => undefined);
            return;
          }
          const started = await mark;
          if (status !== 'MISS' || !key || started === undefined || body.kind !== 'single' || body.singleResult.errors)
            return;
          await store
            .set(key, JSON.stringify(body.singleResult), ttlMs, readTags(tagged), started)
            .catch(() => undefined);
        },
      };
    },
  };
}

export function createResponseCacheStore(
  redisUrl: string | undefined,
  maxEntries?: number,
  keyPrefix?: string,
  ttlMs?: number,
): ResponseCacheStore {
  return redisUrl ? new RedisResponseCacheStore(redisUrl, keyPrefix, ttlMs) : new MemoryResponseCacheStore(maxEntries);
}
