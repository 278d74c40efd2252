/**
 * The one validated configuration module. Every service (gateway, subgraphs,
 * scripts) reads its settings here, from environment variables with defaults,
 * so a bad value stops the process with a message naming the variable.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

export const SUBGRAPH_NAMES = ['centers', 'schools', 'libraries', 'cultural-centers', 'civil-providers'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
/** A process of the hub: the gateway or one subgraph. */
export type ServiceName = SubgraphName | 'gateway';

/** Asymmetric algorithms a public key may verify (JWT_ALGORITHMS); HS256 is the development secret's. */
export const PUBLIC_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'] as const;

/** `3600`, `30m`, `24h`, `7d` -> seconds. */
function durationSeconds(value: string): number {
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[value.at(-1) as 's' | 'm' | 'h' | 'd'] ?? 1;
  return Number.parseInt(value, 10) * unit;
}

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

/** One URL, or the replicas of one subgraph: comma-separated URLs with the same path (the gateway balances over them). */
const urlList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((url) => url.trim()).filter(Boolean))
  .pipe(z.array(z.url('expected a URL or comma-separated URLs')))
  .refine((urls) => new Set(urls.map((url) => URL.parse(url)?.pathname)).size <= 1, 'the URLs of one subgraph must share one path (e.g. /graphql)');

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

// Development defaults, used only when NODE_ENV=development|test is set explicitly (see loadConfig).
const DEVELOPMENT_JWT_SECRET = 'baeumteo-development-jwt-secret-not-for-production';
const DEVELOPMENT_GATEWAY_SECRET = 'baeumteo-development-gateway-secret-not-for-production';

const baseSchema = z.object({
  // No development default: a service started without an explicit development mode is a production service.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().min(1).default('data'),
  SEED: z.coerce.number().int().nonnegative().default(20261128),
  SEED_PROGRAMS: z.coerce.number().int().nonnegative().default(20000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The end-to-end budget of one gateway request; each subgraph fetch attempt is bounded by the shorter of
  // SUBGRAPH_TIMEOUT_MS and what is left of it, and retries happen only while some is left (gateway/subgraph-fetch.ts).
  REQUEST_DEADLINE_MS: z.coerce.number().int().positive().max(300_000).default(5000),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  // One circuit breaker per subgraph (opossum): opens when at least BREAKER_VOLUME_THRESHOLD fetches in the
  // window of BREAKER_WINDOW_MS failed at BREAKER_ERROR_THRESHOLD_PERCENT or more; half-open after BREAKER_RESET_TIMEOUT_MS.
  BREAKER_ERROR_THRESHOLD_PERCENT: z.coerce.number().int().min(1).max(100).default(50),
  BREAKER_VOLUME_THRESHOLD: z.coerce.number().int().min(1).default(5),
  BREAKER_RESET_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  BREAKER_WINDOW_MS: z.coerce.number().int().min(1000).default(10000),
  // Concurrent fetches of one request to one subgraph go as one merged request (gateway/batching.ts).
  SUBGRAPH_BATCHING: z.enum(['true', 'false']).default('true'),
  // Gateway processes sharing the port (gateway/workers.ts); 1 runs the gateway in the main process.
  GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ISSUER: z.string().min(1).default('baeumteo'),
  JWT_AUDIENCE: z.string().min(1).default('baeumteo'),
  JWKS_URL: optionalUrl,
  // A public key (PEM) or a key set (JWKS JSON) verifying tokens without being able to sign them.
  JWT_PUBLIC_KEY: z.string().trim().optional(),
  JWT_PUBLIC_KEY_FILE: z.string().trim().optional(),
  JWT_ALGORITHMS: z
    .string()
    .default('RS256,ES256,EdDSA')
    .transform((value) => value.split(',').map((alg) => alg.trim()).filter(Boolean))
    .pipe(z.array(z.enum(PUBLIC_KEY_ALGORITHMS)).min(1, 'name at least one algorithm')),
  JWT_MAX_LIFETIME: z
    .string()
    .regex(/^\d+[smhd]?$/, 'expected a duration like 3600, 30m, 24h or 7d')
    .default('24h')
    .transform(durationSeconds),
  GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Where a subgraph asks the gateway about another subgraph's entities (lib/entity-lookup.ts); default: HOST:PORT.
  GATEWAY_URL: optionalUrl,
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
  // How long a mutation's idempotency key answers retries (lib/subgraph/mutation.ts); expired records are pruned.
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
  // Every Redis key the gateway writes starts with this: several hubs (or test runs) can share one Redis.
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{0,64}$/, 'expected up to 64 letters, digits, ":", ".", "_" or "-"').default('baeumteo:'),
  // Traces (lib/tracing.ts): the standard OpenTelemetry variables the SDK reads itself, checked here first.
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_TRACES_EXPORTER: z
    .string()
    .regex(/^\s*(otlp|console|none)\s*(,\s*(otlp|console|none)\s*)*$/, 'expected otlp, console or none (comma-separated)')
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/json', 'http/protobuf', 'grpc']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(['http/json', 'http/protobuf', 'grpc']).optional(),
  OTEL_TRACES_SAMPLER: z
    .enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])
    .optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().nonnegative().optional(),
});

export interface SubgraphConfig {
  name: SubgraphName;
  port: number;
  /** Where the gateway reaches this subgraph (the first of `urls`). */
  url: string;
  /** Every replica the gateway balances over (`<NAME>_URL` may list several, comma-separated). */
  urls: string[];
  /**
   * What the gateway proves itself with to this subgraph (x-gateway-secret). The gateway knows all five; a
   * subgraph process knows only its own (undefined for the others).
   */
  gatewaySecret: string | undefined;
}

export interface AuthConfig {
  /** HS256 key of development tokens (never set in a production service). */
  jwtSecret: string | undefined;
  issuer: string;
  audience: string;
  /** When set, tokens are verified against this key set (production keys) instead of jwtSecret. */
  jwksUrl: string | undefined;
  /** A PEM public key or a JWKS document (JWT_PUBLIC_KEY or the file JWT_PUBLIC_KEY_FILE). */
  publicKey: string | undefined;
  /** Accepted algorithms of tokens verified by jwksUrl or publicKey. */
  algorithms: string[];
  /** Longest accepted token lifetime (exp - iat), in seconds. */
  maxLifetimeSeconds: number;
}

/** What the demonstration network is generated from: the same settings give the same network in every subgraph. */
export interface SeedSettings {
  seed: number;
  programs: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  gatewayPort: number;
  /** Where a subgraph asks the gateway about entities of the other subgraphs. */
  gatewayUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  seed: SeedSettings;
  logLevel: z.infer<typeof baseSchema>['LOG_LEVEL'];
  /** End-to-end budget of one gateway request, passed on to the subgraphs. */
  requestDeadlineMs: number;
  /** Bound of one subgraph fetch attempt (within the request's deadline). */
  subgraphTimeoutMs: number;
  /** Extra attempts of a failed subgraph query fetch (never of a mutation). */
  subgraphRetries: number;
  /** Merge the concurrent query fetches of one request to one subgraph into one HTTP request. */
  subgraphBatching: boolean;
  /** The gateway's circuit breaker of each subgraph. */
  breaker: BreakerConfig;
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
  /** How long an idempotency key answers retries with the first result. */
  idempotencyKeyTtlMs: number;
  /** OpenTelemetry traces: on only when an exporter is configured (the SDK then reads the OTEL_* variables). */
  tracing: { enabled: boolean };
}

export interface BreakerConfig {
  errorThresholdPercentage: number;
  volumeThreshold: number;
  resetTimeoutMs: number;
  windowMs: number;
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

/**
 * Least privilege: the gateway holds every subgraph's secret (<NAME>_GATEWAY_SECRET, or derived from the root
 * GATEWAY_SECRET); a subgraph process reads only its own, so a compromised subgraph cannot call the others as the gateway.
 */
function gatewaySecretOf(env: NodeJS.ProcessEnv, name: SubgraphName, rootSecret: string | undefined, service: ServiceName | undefined): string | undefined {
  if (service && service !== 'gateway' && service !== name) return undefined;
  return env[`${envPrefix(name)}_GATEWAY_SECRET`] || (rootSecret ? derivedSecret(rootSecret, name) : undefined);
}

function subgraphSettings(
  env: NodeJS.ProcessEnv,
  host: string,
  rootSecret: string | undefined,
  service: ServiceName | undefined,
): Record<SubgraphName, SubgraphConfig> {
  const problems: string[] = [];
  const entries = SUBGRAPH_NAMES.map((name) => {
    const prefix = envPrefix(name);
    const parsedPort = port.default(DEFAULT_SUBGRAPH_PORTS[name]).safeParse(env[`${prefix}_PORT`]);
    const parsedUrls = urlList.safeParse(env[`${prefix}_URL`]);
    if (!parsedPort.success) problems.push(`${prefix}_PORT: expected a port number, got ${JSON.stringify(env[`${prefix}_PORT`])}`);
    if (!parsedUrls.success) problems.push(`${prefix}_URL: ${parsedUrls.error.issues[0].message}, got ${JSON.stringify(env[`${prefix}_URL`])}`);
    const subgraphPort = parsedPort.success ? parsedPort.data : 0;
    const urlHost = host === '0.0.0.0' ? '127.0.0.1' : host;
    const urls = parsedUrls.success && parsedUrls.data.length > 0 ? parsedUrls.data : [`http://${urlHost}:${subgraphPort}/graphql`];
    const gatewaySecret = gatewaySecretOf(env, name, rootSecret, service);
    return [name, { name, port: subgraphPort, url: urls[0], urls, gatewaySecret }] as const;
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

function readPublicKey(values: z.infer<typeof baseSchema>): string | undefined {
  if (values.JWT_PUBLIC_KEY) return values.JWT_PUBLIC_KEY;
  if (!values.JWT_PUBLIC_KEY_FILE) return undefined;
  try {
    return readFileSync(values.JWT_PUBLIC_KEY_FILE, 'utf8');
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  JWT_PUBLIC_KEY_FILE: cannot read ${values.JWT_PUBLIC_KEY_FILE} (${(error as Error).message})`);
  }
}

/**
 * What a production service must (not) hold; [] when it is fine. Services verify tokens with public keys and
 * never hold a signing key; a subgraph holds only its own gateway secret; the gateway holds all of them.
 */
function productionProblems(env: NodeJS.ProcessEnv, values: z.infer<typeof baseSchema>, service: ServiceName, subgraphs: Record<SubgraphName, SubgraphConfig>): string[] {
  const problems: string[] = [];
  if (!values.JWKS_URL && !values.JWT_PUBLIC_KEY && !values.JWT_PUBLIC_KEY_FILE) {
    problems.push('production verifies tokens with public keys: set JWKS_URL, JWT_PUBLIC_KEY_FILE or JWT_PUBLIC_KEY (`npm run keys` makes a key pair)');
  }
  if (values.JWT_SECRET) {
    problems.push('JWT_SECRET: a production service holds no signing key; remove it and sign tokens with a private key (`npm run token -- --private-key FILE`)');
  }
  if (values.GATEWAY_SECRET === DEVELOPMENT_GATEWAY_SECRET || values.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    problems.push('the built-in development secrets are public: production needs its own');
  }
  if (service === 'gateway') {
    if (!values.PUBLIC_URL) {
      problems.push('PUBLIC_URL: production needs PUBLIC_URL (the address the public reaches the gateway at, e.g. https://api.example.org): absolute URLs never come from the Host header');
    }
    const missing = SUBGRAPH_NAMES.filter((name) => !subgraphs[name].gatewaySecret).map((name) => `${envPrefix(name)}_GATEWAY_SECRET`);
    if (missing.length > 0) problems.push(`the gateway needs each subgraph's secret: set ${missing.join(', ')} (or the root GATEWAY_SECRET)`);
  } else {
    const own = `${envPrefix(service)}_GATEWAY_SECRET`;
    if (values.GATEWAY_SECRET) problems.push(`GATEWAY_SECRET is the gateway's root of every subgraph's secret: give the ${service} subgraph only ${own}`);
    if (!env[own]) problems.push(`${own}: the ${service} subgraph needs its own gateway secret (the gateway sends it)`);
  }
  for (const name of SUBGRAPH_NAMES) {
    const secret = env[`${envPrefix(name)}_GATEWAY_SECRET`];
    if (secret && secret.length < 32 && (service === 'gateway' || service === name)) problems.push(`${envPrefix(name)}_GATEWAY_SECRET: must be at least 32 characters`);
  }
  return problems;
}

export interface LoadConfigOptions {
  /** The process this configuration is for: production checks what a service must and must not hold. */
  service?: ServiceName;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): Config {
  const parsed = baseSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const values = parsed.data;
  // The public development secrets exist only where development or test mode was asked for explicitly.
  const development = values.NODE_ENV !== 'production';
  const rootSecret = values.GATEWAY_SECRET ?? (development ? DEVELOPMENT_GATEWAY_SECRET : undefined);
  const subgraphs = subgraphSettings(env, values.HOST, rootSecret, options.service);
  if (values.NODE_ENV === 'production' && options.service) {
    const problems = productionProblems(env, values, options.service, subgraphs);
    if (problems.length > 0) {
      throw new ConfigError(
        `Invalid configuration for a production ${options.service} (NODE_ENV is ${env.NODE_ENV ? 'production' : 'unset, so production'}; ` +
          `set NODE_ENV=development to run with the built-in development secrets):\n  ${problems.join('\n  ')}`,
      );
    }
  }
  const urlHost = values.HOST === '0.0.0.0' ? '127.0.0.1' : values.HOST;
  return {
    env: values.NODE_ENV,
    host: values.HOST,
    gatewayPort: values.PORT,
    gatewayUrl: values.GATEWAY_URL ?? `http://${urlHost}:${values.PORT}/graphql`,
    databaseUrl: values.DATABASE_URL,
    dataDir: resolve(values.DATA_DIR),
    seed: { seed: values.SEED, programs: values.SEED_PROGRAMS },
    logLevel: values.LOG_LEVEL,
    requestDeadlineMs: values.REQUEST_DEADLINE_MS,
    subgraphTimeoutMs: values.SUBGRAPH_TIMEOUT_MS,
    subgraphRetries: values.SUBGRAPH_RETRIES,
    subgraphBatching: values.SUBGRAPH_BATCHING === 'true',
    breaker: {
      errorThresholdPercentage: values.BREAKER_ERROR_THRESHOLD_PERCENT,
      volumeThreshold: values.BREAKER_VOLUME_THRESHOLD,
      resetTimeoutMs: values.BREAKER_RESET_TIMEOUT_MS,
      windowMs: values.BREAKER_WINDOW_MS,
    },
    gatewayWorkers: values.GATEWAY_WORKERS,
    auth: {
      jwtSecret: values.JWT_SECRET ?? (development ? DEVELOPMENT_JWT_SECRET : undefined),
      issuer: values.JWT_ISSUER,
      audience: values.JWT_AUDIENCE,
      jwksUrl: values.JWKS_URL,
      publicKey: readPublicKey(values),
      algorithms: values.JWT_ALGORITHMS,
      maxLifetimeSeconds: values.JWT_MAX_LIFETIME,
    },
    subgraphs,
    ...hardeningSettings(values),
    responseCache: { ttlMs: values.RESPONSE_CACHE_TTL_SECONDS * 1000, maxEntries: values.RESPONSE_CACHE_MAX_ENTRIES },
    idempotencyKeyTtlMs: Math.round(values.IDEMPOTENCY_KEY_TTL_HOURS * 3600_000),
    tracing: { enabled: tracingEnabled(values) },
  };
}

/**
 * The environment one service process gets from a launcher holding the whole hub's (scripts/stack.ts): a subgraph
 * gets its own gateway secret (derived from GATEWAY_SECRET when only the root is set) and neither the root nor
 * another subgraph's secret.
 */
export function serviceEnv(env: NodeJS.ProcessEnv, service: ServiceName): NodeJS.ProcessEnv {
  if (service === 'gateway') return env;
  const own = `${envPrefix(service)}_GATEWAY_SECRET`;
  const result: NodeJS.ProcessEnv = { ...env, [own]: env[own] || (env.GATEWAY_SECRET ? derivedSecret(env.GATEWAY_SECRET, service) : undefined) };
  delete result.GATEWAY_SECRET;
  for (const name of SUBGRAPH_NAMES) if (name !== service) delete result[`${envPrefix(name)}_GATEWAY_SECRET`];
  if (!result[own]) delete result[own];
  return result;
}

/** The secret of one subgraph, for the process that holds it (the gateway, that subgraph); an error elsewhere. */
export function gatewaySecretFor(config: Pick<Config, 'subgraphs'>, name: SubgraphName): string {
  const secret = config.subgraphs[name].gatewaySecret;
  if (!secret) throw new ConfigError(`This process does not hold the ${name} subgraph's gateway secret (${envPrefix(name)}_GATEWAY_SECRET).`);
  return secret;
}

/**
 * Traces are off unless an exporter is asked for: OTEL_TRACES_EXPORTER=otlp (or console), or an OTLP endpoint
 * with OTEL_TRACES_EXPORTER unset (the SDK's default exporter is then otlp). OTEL_SDK_DISABLED=true wins.
 */
function tracingEnabled(values: z.infer<typeof baseSchema>): boolean {
  if (values.OTEL_SDK_DISABLED === 'true') return false;
  const exporters = values.OTEL_TRACES_EXPORTER?.split(',').map((name) => name.trim());
  if (exporters) return !exporters.includes('none');
  return Boolean(values.OTEL_EXPORTER_OTLP_ENDPOINT || values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}
