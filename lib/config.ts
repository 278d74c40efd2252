/**
 * The one validated configuration module. Every service (gateway, subgraphs,
 * scripts) reads its settings here, from environment variables with defaults,
 * so a bad value stops the process with a message naming the variable.
 */
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

export const SUBGRAPH_NAMES = ['centers', 'schools', 'libraries', 'cultural-centers', 'civil-providers'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

/** `cultural-centers` -> `CULTURAL_CENTERS`, the prefix of that subgraph's variables. */
export function envPrefix(name: SubgraphName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = {
  centers: 4001,
  schools: 4002,
  libraries: 4003,
  'cultural-centers': 4004,
  'civil-providers': 4005,
};

// Development defaults: production refuses to start with them (see loadConfig).
const DEVELOPMENT_JWT_SECRET = 'baeumteo-development-jwt-secret-not-for-production';
const DEVELOPMENT_GATEWAY_SECRET = 'baeumteo-development-gateway-secret-not-for-production';

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().min(1).default('data'),
  SEED: z.coerce.number().int().nonnegative().default(20261128),
  SEED_PROGRAMS: z.coerce.number().int().nonnegative().default(20000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
  SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  // Concurrent fetches of one request to one subgraph go as one merged request (gateway/batching.ts).
  SUBGRAPH_BATCHING: z.enum(['true', 'false']).default('true'),
  // Gateway processes sharing the port (gateway/workers.ts); 1 runs the gateway in the main process.
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEVELOPMENT_JWT_SECRET),
  JWT_ISSUER: z.string().min(1).default('baeumteo'),
  JWT_AUDIENCE: z.string().min(1).default('baeumteo'),
  JWKS_URL: optionalUrl,
  GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEVELOPMENT_GATEWAY_SECRET),
  // Gateway limits and exposure (gateway/hardening.ts); rate limits and introspection default by NODE_ENV.
  MAX_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_ALIASES: z.coerce.number().int().nonnegative().default(15),
  MAX_DIRECTIVES: z.coerce.number().int().nonnegative().default(5),
  MAX_COST: z.coerce.number().int().positive().default(50000),
  // What the cost estimate assumes for a list field without first/last (gateway/hardening/cost.ts).
  COST_LIST_SIZE: z.coerce.number().int().positive().default(10),
  MAX_TOKENS: z.coerce.number().int().positive().default(1000),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'expected a size like 100kb or 1mb').default('100kb'),
  ENABLE_INTROSPECTION: z.enum(['true', 'false']).optional(),
  CORS_ORIGINS: z.string().optional(),
  TRUST_PROXY: z.string().default(''),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().optional(),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().nonnegative().optional(),
  // Buckets of their own: the feed (a page is a four-subgraph plan), the pages, assets and probes.
  RATE_LIMIT_FEED_PER_MINUTE: z.coerce.number().int().nonnegative().optional(),
  RATE_LIMIT_PAGES_PER_MINUTE: z.coerce.number().int().nonnegative().optional(),
  // Prefix of every Redis key of the gateway (rate limits, response cache): several hubs or test runs on one Redis.
  REDIS_KEY_PREFIX: z.string().min(1).default('baeumteo:'),
  // The explorer (GET /graphql from a browser): on by default, off in production.
  ENABLE_EXPLORER: z.enum(['true', 'false']).optional(),
  // /metrics on its own listener; unset: on the main port in development, nowhere in production.
  METRICS_PORT: port.optional(),
  // The gateway's public address, for absolute URLs (the feed's next); required in production.
  PUBLIC_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  PERSISTED_OPERATIONS_FILE: z.string().trim().optional(),
  // Gateway response cache of anonymous reads (gateway/response-cache.ts); 0 turns it off.
  RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().default(300),
  RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(10000),
});

export interface SubgraphConfig {
  name: SubgraphName;
  port: number;
  /** Where the gateway reaches this subgraph. */
  url: string;
  /** What the gateway proves itself with to this subgraph (x-gateway-secret). */
  gatewaySecret: string;
}

export interface AuthConfig {
  /** HS256 key of the development and default tokens. */
  jwtSecret: string;
  issuer: string;
  audience: string;
  /** When set, tokens are verified against this key set (production keys) instead of jwtSecret. */
  jwksUrl: string | undefined;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  gatewayPort: number;
  databaseUrl: string | undefined;
  dataDir: string;
  seed: { seed: number; programs: number };
  logLevel: z.infer<typeof baseSchema>['LOG_LEVEL'];
  subgraphTimeoutMs: number;
  /** Extra attempts of a failed subgraph query fetch (never of a mutation). */
  subgraphRetries: number;
  /** Merge the concurrent query fetches of one request to one subgraph into one HTTP request. */
  subgraphBatching: boolean;
  /** Gateway worker processes sharing the port (node:cluster). */
  gatewayWorkers: number;
  auth: AuthConfig;
  subgraphs: Record<SubgraphName, SubgraphConfig>;
  /** Operation and request limits of the gateway. */
  limits: LimitsConfig;
  /** What the gateway shows and to whom. */
  exposure: ExposureConfig;
  rateLimit: RateLimitConfig;
  /** Shared state (rate limit counters) lives here when set; in process memory otherwise. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key the gateway writes. */
  redisKeyPrefix: string;
  /** Safelist mode: only the operations of this manifest run. */
  persistedOperationsFile: string | undefined;
  /** Response cache of anonymous reads at the gateway; ttlMs 0 turns it off. */
  responseCache: { ttlMs: number; maxEntries: number };
}

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
  /** Items the cost estimate counts for a list field without first/last. */
  costListSize: number;
  /** Parser token limit (Apollo's parseOptions.maxTokens). */
  maxTokens: number;
  /** Largest request body, in express.json's notation ('100kb'). */
  bodyLimit: string;
}

export interface ExposureConfig {
  introspection: boolean;
  /** Masked errors: no stack traces, suggestions or schema-revealing validation messages. */
  maskErrors: boolean;
  /** Allowed browser origins; 'localhost' allows any http(s)://localhost or 127.0.0.1 origin (development default). */
  corsOrigins: string[] | 'localhost';
  /** express's 'trust proxy' setting: a hop count or the trusted proxies' addresses/CIDRs; false trusts none. */
  trustProxy: false | number | string[];
  /** Serve the GraphiQL explorer on GET /graphql to browsers. */
  explorer: boolean;
  /** /metrics on this port only; undefined: on the main port outside production, not at all in production. */
  metricsPort: number | undefined;
  /** Where the public reaches the gateway (no trailing slash): the base of absolute URLs. */
  publicUrl: string;
}

export interface RateLimitConfig {
  /** Requests per window of one identity (token subject); 0 turns the limit off. */
  perIdentity: number;
  /** Requests per window of one client IP without a token; 0 turns the limit off. */
  perAnonymousIp: number;
  /** Requests per window to /feeds/programs of one caller (identity or address). */
  feed: number;
  /** Requests per window to the pages, /assets, /health and /ready of one caller. */
  pages: number;
  windowMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Each subgraph gets its own secret, derived from GATEWAY_SECRET unless <NAME>_GATEWAY_SECRET sets it. */
function derivedSecret(rootSecret: string, name: SubgraphName): string {
  return createHmac('sha256', rootSecret).update(`subgraph:${name}`).digest('base64url');
}

function subgraphSettings(env: NodeJS.ProcessEnv, host: string, rootSecret: string): Record<SubgraphName, SubgraphConfig> {
  const problems: string[] = [];
  const entries = SUBGRAPH_NAMES.map((name) => {
    const prefix = envPrefix(name);
    const parsedPort = port.default(DEFAULT_SUBGRAPH_PORTS[name]).safeParse(env[`${prefix}_PORT`]);
    const parsedUrl = optionalUrl.safeParse(env[`${prefix}_URL`]);
    if (!parsedPort.success) problems.push(`${prefix}_PORT: expected a port number, got ${JSON.stringify(env[`${prefix}_PORT`])}`);
    if (!parsedUrl.success) problems.push(`${prefix}_URL: expected a URL, got ${JSON.stringify(env[`${prefix}_URL`])}`);
    const subgraphPort = parsedPort.success ? parsedPort.data : 0;
    const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host;
    const url = (parsedUrl.success && parsedUrl.data) || `http://${urlHost}:${subgraphPort}/graphql`;
    const gatewaySecret = env[`${prefix}_GATEWAY_SECRET`] || derivedSecret(rootSecret, name);
    return [name, { name, port: subgraphPort, url, gatewaySecret }] as const;
  });
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return Object.fromEntries(entries) as Record<SubgraphName, SubgraphConfig>;
}

/** An entry of TRUST_PROXY's list: one of express's names, an address, or a CIDR. */
function isTrustedProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  return family !== 0 && rest.length === 0 && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
}

/**
 * TRUST_PROXY: a hop count, or the proxies' addresses/CIDRs (and express's names loopback, linklocal,
 * uniquelocal). `true` would take X-Forwarded-For from anyone, so a client could pick its own bucket.
 */
function trustProxySetting(value: string, production: boolean): false | number | string[] {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') {
    if (production) throw new ConfigError('Invalid configuration:\n  TRUST_PROXY: true trusts any X-Forwarded-For, so clients could choose their rate-limit bucket; give the number of proxy hops or their addresses/CIDRs');
    return 1024; // development: every hop (express's `true`), as before
  }
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !isTrustedProxyEntry(entry));
  if (bad.length > 0) throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY: expected a hop count or addresses/CIDRs, got ${JSON.stringify(bad.join(','))}`);
  return entries;
}

/** Production is closed by default; development and test keep introspection and effectively no rate limit. */
function hardeningSettings(values: z.infer<typeof baseSchema>): Pick<Config, 'limits' | 'exposure' | 'rateLimit' | 'redisUrl' | 'redisKeyPrefix' | 'persistedOperationsFile'> {
  const production = values.NODE_ENV === 'production';
  if (production && !values.PUBLIC_URL) {
    throw new ConfigError('Invalid configuration:\n  production needs PUBLIC_URL (the address the public reaches the gateway at, e.g. https://api.example.org): absolute URLs never come from the Host header');
  }
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, '');
  const origins = values.CORS_ORIGINS?.split(',').map((origin) => origin.trim()).filter(Boolean);
  return {
    limits: {
      maxDepth: values.MAX_DEPTH,
      maxAliases: values.MAX_ALIASES,
      maxDirectives: values.MAX_DIRECTIVES,
      maxCost: values.MAX_COST,
      costListSize: values.COST_LIST_SIZE,
      maxTokens: values.MAX_TOKENS,
      bodyLimit: values.BODY_LIMIT,
    },
    exposure: {
      introspection: values.ENABLE_INTROSPECTION ? values.ENABLE_INTROSPECTION === 'true' : !production,
      maskErrors: production,
      corsOrigins: origins ?? (production ? [] : 'localhost'),
      trustProxy: trustProxySetting(values.TRUST_PROXY, production),
      explorer: values.ENABLE_EXPLORER ? values.ENABLE_EXPLORER === 'true' : !production,
      metricsPort: values.METRICS_PORT,
      publicUrl,
    },
    rateLimit: {
      perIdentity: values.RATE_LIMIT_PER_MINUTE ?? (production ? 600 : 100_000),
      perAnonymousIp: values.RATE_LIMIT_ANONYMOUS_PER_MINUTE ?? (production ? 300 : 100_000),
      feed: values.RATE_LIMIT_FEED_PER_MINUTE ?? (production ? 30 : 100_000),
      pages: values.RATE_LIMIT_PAGES_PER_MINUTE ?? (production ? 300 : 100_000),
      windowMs: 60_000,
    },
    redisUrl: values.REDIS_URL,
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    persistedOperationsFile: values.PERSISTED_OPERATIONS_FILE || undefined,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = baseSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const values = parsed.data;
  if (values.NODE_ENV === 'production') {
    const defaults = [
      values.JWT_SECRET === DEVELOPMENT_JWT_SECRET && !values.JWKS_URL && 'JWT_SECRET (or JWKS_URL)',
      values.GATEWAY_SECRET === DEVELOPMENT_GATEWAY_SECRET && 'GATEWAY_SECRET',
    ].filter(Boolean);
    if (defaults.length > 0) throw new ConfigError(`Invalid configuration:\n  production needs its own ${defaults.join(' and ')}`);
  }
  return {
    env: values.NODE_ENV,
    host: values.HOST,
    gatewayPort: values.PORT,
    databaseUrl: values.DATABASE_URL,
    dataDir: resolve(values.DATA_DIR),
    seed: { seed: values.SEED, programs: values.SEED_PROGRAMS },
    logLevel: values.LOG_LEVEL,
    subgraphTimeoutMs: values.SUBGRAPH_TIMEOUT_MS,
    subgraphRetries: values.SUBGRAPH_RETRIES,
    subgraphBatching: values.SUBGRAPH_BATCHING === 'true',
    gatewayWorkers: values.GATEWAY_WORKERS,
    auth: { jwtSecret: values.JWT_SECRET, issuer: values.JWT_ISSUER, audience: values.JWT_AUDIENCE, jwksUrl: values.JWKS_URL },
    subgraphs: subgraphSettings(env, values.HOST, values.GATEWAY_SECRET),
    ...hardeningSettings(values),
    responseCache: { ttlMs: values.RESPONSE_CACHE_TTL_SECONDS * 1000, maxEntries: values.RESPONSE_CACHE_MAX_ENTRIES },
  };
}
