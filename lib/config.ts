/**
 * The one validated configuration module. Every service (gateway, subgraphs,
 * scripts) reads its settings here, from environment variables with defaults,
 * so a bad value stops the process with a message naming the variable.
 *
 * Each variable is declared once, in the schema of who reads it: every service (sharedSchema), the gateway
 * (gatewaySchema), every subgraph alike (subgraphSchema), or one subgraph (`<PREFIX>_<SUFFIX>`,
 * SUBGRAPH_VARIABLE_SUFFIXES). A service loads only its own part (loadConfig(env, { service })), so a subgraph's code
 * cannot read a gateway setting; the launcher and the scripts load the whole hub (loadConfig(env)).
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
const secret = z.string().min(32, 'must be at least 32 characters');

/** One URL, or the replicas of one subgraph: comma-separated URLs with the same path (the gateway balances over them). */
const urlList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url('expected a URL or comma-separated URLs')))
  .refine(
    (urls) => new Set(urls.map((url) => URL.parse(url)?.pathname)).size <= 1,
    'the URLs of one subgraph must share one path (e.g. /graphql)',
  );

/** `cultural-centers` -> `CULTURAL_CENTERS`, the prefix of that subgraph's variables. */
export function envPrefix(name: SubgraphName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/**
 * Each subgraph's own variables, `<PREFIX>_<SUFFIX>`: PORT (where it listens), URL (where the gateway reaches it:
 * one URL or its replicas, comma-separated; default http://HOST:<PORT>/graphql) and GATEWAY_SECRET (what the gateway
 * proves itself with to it). The gateway reads every subgraph's; a subgraph reads its own PORT and GATEWAY_SECRET.
 */
export const SUBGRAPH_VARIABLE_SUFFIXES = ['PORT', 'URL', 'GATEWAY_SECRET'] as const;
export type SubgraphVariableSuffix = (typeof SUBGRAPH_VARIABLE_SUFFIXES)[number];

/** `('cultural-centers', 'PORT')` -> `CULTURAL_CENTERS_PORT`. */
export function subgraphVariable(name: SubgraphName, suffix: SubgraphVariableSuffix): string {
  return `${envPrefix(name)}_${suffix}`;
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

/** Read by every service. */
const sharedSchema = z.object({
  // No development default: a service started without an explicit development mode is a production service.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  // The gateway's port; a subgraph's default GATEWAY_URL is HOST:PORT.
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Bound of one fetch attempt: the gateway's to a subgraph, a subgraph's entity lookup through the gateway.
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
  JWT_SECRET: secret.optional(),
  JWT_ISSUER: z.string().min(1).default('baeumteo'),
  JWT_AUDIENCE: z.string().min(1).default('baeumteo'),
  JWKS_URL: optionalUrl,
  // A public key (PEM) or a key set (JWKS JSON) verifying tokens without being able to sign them.
  JWT_PUBLIC_KEY: z.string().trim().optional(),
  JWT_PUBLIC_KEY_FILE: z.string().trim().optional(),
  JWT_ALGORITHMS: z
    .string()
    .default('RS256,ES256,EdDSA')
    .transform((value) =>
      value
        .split(',')
        .map((alg) => alg.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(PUBLIC_KEY_ALGORITHMS)).min(1, 'name at least one algorithm')),
  JWT_MAX_LIFETIME: z
    .string()
    .regex(/^\d+[smhd]?$/, 'expected a duration like 3600, 30m, 24h or 7d')
    .default('24h')
    .transform(durationSeconds),
  // The gateway's root of every subgraph's secret; a development subgraph derives its own from it, a production
  // subgraph refuses to hold it.
  GATEWAY_SECRET: secret.optional(),
  // Traces (lib/tracing.ts): the standard OpenTelemetry variables the SDK reads itself, checked here first.
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_TRACES_EXPORTER: z
    .string()
    .regex(
      /^\s*(otlp|console|none)\s*(,\s*(otlp|console|none)\s*)*$/,
      'expected otlp, console or none (comma-separated)',
    )
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/json', 'http/protobuf', 'grpc']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(['http/json', 'http/protobuf', 'grpc']).optional(),
  OTEL_TRACES_SAMPLER: z
    .enum([
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ])
    .optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().nonnegative().optional(),
});

/** Read by the gateway only (besides every subgraph's `<PREFIX>_PORT`, `_URL` and `_GATEWAY_SECRET`). */
const gatewaySchema = z.object({
  // The end-to-end budget of one gateway request; each subgraph fetch attempt is bounded by the shorter of
  // SUBGRAPH_TIMEOUT_MS and what is left of it, and retries happen only while some is left (gateway/subgraph-fetch.ts).
  REQUEST_DEADLINE_MS: z.coerce.number().int().positive().max(300_000).default(5000),
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
  // Gateway limits and exposure (gateway/hardening.ts); rate limits and introspection default by NODE_ENV.
  MAX_DEPTH: z.coerce.number().int().positive().default(12),
  MAX_ALIASES: z.coerce.number().int().nonnegative().default(15),
  MAX_DIRECTIVES: z.coerce.number().int().nonnegative().default(5),
  MAX_COST: z.coerce.number().int().positive().default(50000),
  // What the cost estimate assumes for a list field without first/last (gateway/hardening/cost.ts).
  COST_LIST_SIZE: z.coerce.number().int().positive().default(10),
  MAX_TOKENS: z.coerce.number().int().positive().default(1000),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected a size like 100kb or 1mb')
    .default('100kb'),
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
  // The open-data feeds list generated demonstration records too: a demo's setting, refused in production.
  FEED_INCLUDE_GENERATED: z.enum(['true', 'false']).default('false'),
  // The gateway's public address, for absolute URLs (the feed's next); required in production.
  PUBLIC_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  PERSISTED_OPERATIONS_FILE: z.string().trim().optional(),
  // Gateway response cache of anonymous reads (gateway/response-cache.ts); 0 turns it off.
  RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().nonnegative().default(300),
  RESPONSE_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(10000),
  // Every Redis key the gateway writes starts with this: several hubs (or test runs) can share one Redis.
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[\w:.-]{0,64}$/, 'expected up to 64 letters, digits, ":", ".", "_" or "-"')
    .default('baeumteo:'),
});

/** Read by every subgraph alike (besides its own `<PREFIX>_PORT` and `<PREFIX>_GATEWAY_SECRET`). */
const subgraphSchema = z.object({
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().min(1).default('data'),
  SEED: z.coerce.number().int().nonnegative().default(20261128),
  SEED_PROGRAMS: z.coerce.number().int().nonnegative().default(20000),
  // demo: real registries and the generated demonstration network; real-only: the real registries alone (seed/network.ts).
  SEED_MODE: z.enum(['demo', 'real-only']).default('demo'),
  // How long a mutation's idempotency key answers retries (lib/subgraph/mutation.ts); expired records are pruned.
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  // Where a subgraph asks the gateway about another subgraph's entities (lib/entity-lookup.ts); default: HOST:PORT.
  GATEWAY_URL: optionalUrl,
});

const gatewayServiceSchema = sharedSchema.extend(gatewaySchema.shape);
const subgraphServiceSchema = sharedSchema.extend(subgraphSchema.shape);
const hubSchema = gatewayServiceSchema.extend(subgraphSchema.shape);

type SharedValues = z.output<typeof sharedSchema>;
type GatewayValues = z.output<typeof gatewayServiceSchema>;
type SubgraphValues = z.output<typeof subgraphServiceSchema>;

/** Every variable lib/config.ts reads, by who reads it (.env.example has a section for each group). */
export const CONFIG_VARIABLES = {
  shared: Object.keys(sharedSchema.shape),
  gateway: Object.keys(gatewaySchema.shape),
  everySubgraph: Object.keys(subgraphSchema.shape),
  /** `<PREFIX>_<SUFFIX>` of each subgraph: the gateway reads them all, a subgraph its own PORT and GATEWAY_SECRET. */
  eachSubgraph: SUBGRAPH_NAMES.flatMap((name) =>
    SUBGRAPH_VARIABLE_SUFFIXES.map((suffix) => subgraphVariable(name, suffix)),
  ),
};

/** The variables one service reads, or every one lib/config.ts reads when no service is named. */
export function configVariables(service?: ServiceName): string[] {
  const { shared, gateway, everySubgraph, eachSubgraph } = CONFIG_VARIABLES;
  if (service === undefined) return [...shared, ...gateway, ...everySubgraph, ...eachSubgraph];
  if (service === 'gateway') return [...shared, ...gateway, ...eachSubgraph];
  return [...shared, ...everySubgraph, subgraphVariable(service, 'PORT'), subgraphVariable(service, 'GATEWAY_SECRET')];
}

const EVERY_CONFIG_VARIABLE = new Set(configVariables());

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function invalid(problems: string[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}

function parseVariables<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv): z.output<Schema> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw invalid(
    parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`,
    ),
  );
}

/** Each subgraph gets its own secret, derived from the root GATEWAY_SECRET unless <NAME>_GATEWAY_SECRET sets it. */
function derivedSecret(rootSecret: string | undefined, name: SubgraphName): string | undefined {
  return rootSecret ? createHmac('sha256', rootSecret).update(`subgraph:${name}`).digest('base64url') : undefined;
}

/** The root of the subgraphs' secrets; the public development one only where development or test mode was asked for. */
function rootSecretOf(values: SharedValues): string | undefined {
  return values.GATEWAY_SECRET ?? (values.NODE_ENV !== 'production' ? DEVELOPMENT_GATEWAY_SECRET : undefined);
}

/** <NAME>_GATEWAY_SECRET, or else derived from the root (the gateway holds all five, a subgraph only its own). */
function gatewaySecretOf(env: NodeJS.ProcessEnv, name: SubgraphName, values: SharedValues): string | undefined {
  return env[subgraphVariable(name, 'GATEWAY_SECRET')] || derivedSecret(rootSecretOf(values), name);
}

/** <NAME>_PORT, or a problem naming it. */
function subgraphPort(env: NodeJS.ProcessEnv, name: SubgraphName, problems: string[]): number {
  const variable = subgraphVariable(name, 'PORT');
  const parsed = port.default(DEFAULT_SUBGRAPH_PORTS[name]).safeParse(env[variable]);
  if (parsed.success) return parsed.data;
  problems.push(`${variable}: expected a port number, got ${JSON.stringify(env[variable])}`);
  return 0;
}

/** HOST as an address to connect to: a service listening on every interface is reached on the loopback. */
function reachableHost(host: string): string {
  return host === '0.0.0.0' ? '127.0.0.1' : host;
}

/** Where the gateway reaches each subgraph and what it proves itself with there. */
function subgraphEndpoints(env: NodeJS.ProcessEnv, values: SharedValues) {
  const problems: string[] = [];
  const entries = SUBGRAPH_NAMES.map((name) => {
    const subgraphPortNumber = subgraphPort(env, name, problems);
    const urlVariable = subgraphVariable(name, 'URL');
    const parsedUrls = urlList.safeParse(env[urlVariable]);
    if (!parsedUrls.success) {
      problems.push(`${urlVariable}: ${parsedUrls.error.issues[0].message}, got ${JSON.stringify(env[urlVariable])}`);
    }
    const defaultUrl = `http://${reachableHost(values.HOST)}:${subgraphPortNumber}/graphql`;
    const urls = parsedUrls.success && parsedUrls.data.length > 0 ? parsedUrls.data : [defaultUrl];
    const endpoint = {
      name,
      port: subgraphPortNumber,
      /** Where the gateway reaches this subgraph (the first of `urls`). */
      url: urls[0],
      /** Every replica the gateway balances over (`<NAME>_URL` may list several, comma-separated). */
      urls,
      /** What the gateway proves itself with to this subgraph (x-gateway-secret); undefined where it is not held. */
      gatewaySecret: gatewaySecretOf(env, name, values),
    };
    return [name, endpoint] as const;
  });
  if (problems.length > 0) throw invalid(problems);
  return Object.fromEntries(entries) as Record<SubgraphName, (typeof entries)[number][1]>;
}

/** An entry of TRUST_PROXY's list: one of express's names, an address, or a CIDR. */
function isTrustedProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  return (
    family !== 0 &&
    rest.length === 0 &&
    (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)))
  );
}

/**
 * TRUST_PROXY: a hop count, or the proxies' addresses/CIDRs (and express's names loopback, linklocal,
 * uniquelocal). `true` would take X-Forwarded-For from anyone, so a client could pick its own bucket.
 */
function trustProxySetting(value: string, production: boolean): false | number | string[] {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') {
    if (production)
      throw invalid([
        'TRUST_PROXY: true trusts any X-Forwarded-For, so clients could choose their rate-limit bucket; give the number of proxy hops or their addresses/CIDRs',
      ]);
    return 1024; // development: every hop (express's `true`), as before
  }
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isTrustedProxyEntry(entry));
  if (bad.length > 0)
    throw invalid([`TRUST_PROXY: expected a hop count or addresses/CIDRs, got ${JSON.stringify(bad.join(','))}`]);
  return entries;
}

function readPublicKey(values: SharedValues): string | undefined {
  if (values.JWT_PUBLIC_KEY) return values.JWT_PUBLIC_KEY;
  if (!values.JWT_PUBLIC_KEY_FILE) return undefined;
  try {
    return readFileSync(values.JWT_PUBLIC_KEY_FILE, 'utf8');
  } catch (error) {
    throw invalid([`JWT_PUBLIC_KEY_FILE: cannot read ${values.JWT_PUBLIC_KEY_FILE} (${(error as Error).message})`]);
  }
}

/**
 * Traces are off unless an exporter is asked for: OTEL_TRACES_EXPORTER=otlp (or console), or an OTLP endpoint
 * with OTEL_TRACES_EXPORTER unset (the SDK's default exporter is then otlp). OTEL_SDK_DISABLED=true wins.
 */
function tracingEnabled(values: SharedValues): boolean {
  if (values.OTEL_SDK_DISABLED === 'true') return false;
  const exporters = values.OTEL_TRACES_EXPORTER?.split(',').map((name) => name.trim());
  if (exporters) return !exporters.includes('none');
  return Boolean(values.OTEL_EXPORTER_OTLP_ENDPOINT || values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** What every service knows. */
function sharedSettings(values: SharedValues) {
  return {
    env: values.NODE_ENV,
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    /** Bound of one subgraph fetch attempt (within the request's deadline), and of a subgraph's entity lookup. */
    subgraphTimeoutMs: values.SUBGRAPH_TIMEOUT_MS,
    auth: {
      /** HS256 key of development tokens (never set in a production service). */
      jwtSecret: values.JWT_SECRET ?? (values.NODE_ENV !== 'production' ? DEVELOPMENT_JWT_SECRET : undefined),
      issuer: values.JWT_ISSUER,
      audience: values.JWT_AUDIENCE,
      /** When set, tokens are verified against this key set (production keys) instead of jwtSecret. */
      jwksUrl: values.JWKS_URL,
      /** A PEM public key or a JWKS document (JWT_PUBLIC_KEY or the file JWT_PUBLIC_KEY_FILE). */
      publicKey: readPublicKey(values),
      /** Accepted algorithms of tokens verified by jwksUrl or publicKey. */
      algorithms: values.JWT_ALGORITHMS,
      /** Longest accepted token lifetime (exp - iat), in seconds. */
      maxLifetimeSeconds: values.JWT_MAX_LIFETIME,
    },
    /** OpenTelemetry traces: on only when an exporter is configured (the SDK then reads the OTEL_* variables). */
    tracing: { enabled: tracingEnabled(values) },
  };
}

/**
 * The gateway's own settings; production is closed by default, development and test keep introspection and
 * effectively no rate limit.
 */
function gatewaySettings(values: GatewayValues, subgraphs: ReturnType<typeof subgraphEndpoints>) {
  const production = values.NODE_ENV === 'production';
  const origins = values.CORS_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return {
    gatewayPort: values.PORT,
    /** End-to-end budget of one gateway request, passed on to the subgraphs. */
    requestDeadlineMs: values.REQUEST_DEADLINE_MS,
    /** Extra attempts of a failed subgraph query fetch (never of a mutation). */
    subgraphRetries: values.SUBGRAPH_RETRIES,
    /** Merge the concurrent query fetches of one request to one subgraph into one HTTP request. */
    subgraphBatching: values.SUBGRAPH_BATCHING === 'true',
    /** The gateway's circuit breaker of each subgraph. */
    breaker: {
      errorThresholdPercentage: values.BREAKER_ERROR_THRESHOLD_PERCENT,
      volumeThreshold: values.BREAKER_VOLUME_THRESHOLD,
      resetTimeoutMs: values.BREAKER_RESET_TIMEOUT_MS,
      windowMs: values.BREAKER_WINDOW_MS,
    },
    /** Gateway worker processes sharing the port (node:cluster). */
    gatewayWorkers: values.GATEWAY_WORKERS,
    subgraphs,
    /** Operation and request limits of the gateway. */
    limits: {
      maxDepth: values.MAX_DEPTH,
      maxAliases: values.MAX_ALIASES,
      maxDirectives: values.MAX_DIRECTIVES,
      maxCost: values.MAX_COST,
      /** Items the cost estimate counts for a list field without first/last. */
      costListSize: values.COST_LIST_SIZE,
      /** Parser token limit (Apollo's parseOptions.maxTokens). */
      maxTokens: values.MAX_TOKENS,
      /** Largest request body, in express.json's notation ('100kb'). */
      bodyLimit: values.BODY_LIMIT,
    },
    /** What the gateway shows and to whom. */
    exposure: {
      introspection: values.ENABLE_INTROSPECTION ? values.ENABLE_INTROSPECTION === 'true' : !production,
      /** Masked errors: no stack traces, suggestions or schema-revealing validation messages. */
      maskErrors: production,
      /** Allowed browser origins; 'localhost' allows any http(s)://localhost or 127.0.0.1 origin (development default). */
      corsOrigins: origins ?? (production ? [] : ('localhost' as const)),
      /** express's 'trust proxy' setting: a hop count or the trusted proxies' addresses/CIDRs; false trusts none. */
      trustProxy: trustProxySetting(values.TRUST_PROXY, production),
      /** Serve the GraphiQL explorer on GET /graphql to browsers. */
      explorer: values.ENABLE_EXPLORER ? values.ENABLE_EXPLORER === 'true' : !production,
      /** /metrics on this port only; undefined: on the main port outside production, not at all in production. */
      metricsPort: values.METRICS_PORT,
      /** Where the public reaches the gateway (no trailing slash): the base of absolute URLs. */
      publicUrl: (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
    },
    rateLimit: {
      /** Requests per window of one identity (token subject); 0 turns the limit off. */
      perIdentity: values.RATE_LIMIT_PER_MINUTE ?? (production ? 600 : 100_000),
      /** Requests per window of one client IP without a token; 0 turns the limit off. */
      perAnonymousIp: values.RATE_LIMIT_ANONYMOUS_PER_MINUTE ?? (production ? 300 : 100_000),
      /** Requests per window to /feeds/programs of one caller (identity or address). */
      feed: values.RATE_LIMIT_FEED_PER_MINUTE ?? (production ? 30 : 100_000),
      /** Requests per window to the pages, /assets, /health and /ready of one caller. */
      pages: values.RATE_LIMIT_PAGES_PER_MINUTE ?? (production ? 300 : 100_000),
      windowMs: 60_000,
    },
    /** Shared state (rate limit counters) lives here when set; in process memory otherwise. */
    redisUrl: values.REDIS_URL,
    /** Prefix of every Redis key the gateway writes. */
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    /** Safelist mode: only the operations of this manifest run. */
    persistedOperationsFile: values.PERSISTED_OPERATIONS_FILE || undefined,
    /** The open-data feeds also list records the demonstration seed generated (a demo only; never in production). */
    feedIncludesGenerated: values.FEED_INCLUDE_GENERATED === 'true',
    /** Response cache of anonymous reads at the gateway; ttlMs 0 turns it off. */
    responseCache: { ttlMs: values.RESPONSE_CACHE_TTL_SECONDS * 1000, maxEntries: values.RESPONSE_CACHE_MAX_ENTRIES },
  };
}

/** What every subgraph knows alike. */
function subgraphSettings(values: SubgraphValues) {
  return {
    /** Where a subgraph asks the gateway about entities of the other subgraphs. */
    gatewayUrl: values.GATEWAY_URL ?? `http://${reachableHost(values.HOST)}:${values.PORT}/graphql`,
    databaseUrl: values.DATABASE_URL,
    dataDir: resolve(values.DATA_DIR),
    /** What the demonstration network is generated from: the same settings give the same network in every subgraph. */
    seed: { seed: values.SEED, programs: values.SEED_PROGRAMS, mode: values.SEED_MODE },
    /** How long an idempotency key answers retries with the first result. */
    idempotencyKeyTtlMs: Math.round(values.IDEMPOTENCY_KEY_TTL_HOURS * 3600_000),
  };
}

/**
 * What a production service must not hold, whichever it is: services verify tokens with public keys and never hold a
 * signing key or the public development secrets.
 */
function sharedProductionProblems(values: SharedValues): string[] {
  const problems: string[] = [];
  if (!values.JWKS_URL && !values.JWT_PUBLIC_KEY && !values.JWT_PUBLIC_KEY_FILE) {
    problems.push(
      'production verifies tokens with public keys: set JWKS_URL, JWT_PUBLIC_KEY_FILE or JWT_PUBLIC_KEY (`npm run keys` makes a key pair)',
    );
  }
  if (values.JWT_SECRET) {
    problems.push(
      'JWT_SECRET: a production service holds no signing key; remove it and sign tokens with a private key (`npm run token -- --private-key FILE`)',
    );
  }
  if (values.GATEWAY_SECRET === DEVELOPMENT_GATEWAY_SECRET || values.JWT_SECRET === DEVELOPMENT_JWT_SECRET) {
    problems.push('the built-in development secrets are public: production needs its own');
  }
  return problems;
}

/** <NAME>_GATEWAY_SECRET of the subgraphs a service holds secrets of, when one is set too short. */
function shortSecrets(env: NodeJS.ProcessEnv, names: readonly SubgraphName[]): string[] {
  return names
    .map((name) => subgraphVariable(name, 'GATEWAY_SECRET'))
    .filter((variable) => env[variable] && env[variable].length < 32)
    .map((variable) => `${variable}: must be at least 32 characters`);
}

/** A production gateway needs its public address and every subgraph's secret. */
function gatewayProductionProblems(
  env: NodeJS.ProcessEnv,
  values: GatewayValues,
  subgraphs: ReturnType<typeof subgraphEndpoints>,
): string[] {
  const problems = sharedProductionProblems(values);
  if (!values.PUBLIC_URL) {
    problems.push(
      'PUBLIC_URL: production needs PUBLIC_URL (the address the public reaches the gateway at, e.g. https://api.example.org): absolute URLs never come from the Host header',
    );
  }
  if (values.FEED_INCLUDE_GENERATED === 'true')
    problems.push(
      'FEED_INCLUDE_GENERATED: the open-data feeds of a production hub never publish generated demonstration records as real',
    );
  const missing = SUBGRAPH_NAMES.filter((name) => !subgraphs[name].gatewaySecret).map((name) =>
    subgraphVariable(name, 'GATEWAY_SECRET'),
  );
  if (missing.length > 0)
    problems.push(`the gateway needs each subgraph's secret: set ${missing.join(', ')} (or the root GATEWAY_SECRET)`);
  return [...problems, ...shortSecrets(env, SUBGRAPH_NAMES)];
}

/**
 * Least privilege: a production subgraph holds only its own secret, so a compromised one cannot call the others as
 * the gateway.
 */
function subgraphProductionProblems(env: NodeJS.ProcessEnv, values: SubgraphValues, name: SubgraphName): string[] {
  const problems = sharedProductionProblems(values);
  const own = subgraphVariable(name, 'GATEWAY_SECRET');
  if (values.GATEWAY_SECRET)
    problems.push(
      `GATEWAY_SECRET is the gateway's root of every subgraph's secret: give the ${name} subgraph only ${own}`,
    );
  if (!env[own]) problems.push(`${own}: the ${name} subgraph needs its own gateway secret (the gateway sends it)`);
  return [...problems, ...shortSecrets(env, [name])];
}

function refuseInProduction(env: NodeJS.ProcessEnv, service: ServiceName, problems: string[]): void {
  if (problems.length === 0) return;
  throw new ConfigError(
    `Invalid configuration for a production ${service} (NODE_ENV is ${env.NODE_ENV ? 'production' : 'unset, so production'}; ` +
      `set NODE_ENV=development to run with the built-in development secrets):\n  ${problems.join('\n  ')}`,
  );
}

function loadGatewayConfig(env: NodeJS.ProcessEnv) {
  const values = parseVariables(gatewayServiceSchema, env);
  const subgraphs = subgraphEndpoints(env, values);
  if (values.NODE_ENV === 'production') {
    refuseInProduction(env, 'gateway', gatewayProductionProblems(env, values, subgraphs));
  }
  return { ...sharedSettings(values), ...gatewaySettings(values, subgraphs) };
}

function loadSubgraphConfig(name: SubgraphName, env: NodeJS.ProcessEnv) {
  const values = parseVariables(subgraphServiceSchema, env);
  const problems: string[] = [];
  const ownPort = subgraphPort(env, name, problems);
  if (problems.length > 0) throw invalid(problems);
  if (values.NODE_ENV === 'production') refuseInProduction(env, name, subgraphProductionProblems(env, values, name));
  return {
    ...sharedSettings(values),
    ...subgraphSettings(values),
    /** The subgraph this process serves. */
    name,
    /** Where it listens (`<NAME>_PORT`). */
    port: ownPort,
    /** What the gateway proves itself with to this subgraph (x-gateway-secret), and it to the gateway's relay. */
    gatewaySecret: heldSecret(gatewaySecretOf(env, name, values), name),
  };
}

/** The whole hub's settings, for the launcher and the scripts: no production checks (no one service is meant). */
function loadHubConfig(env: NodeJS.ProcessEnv) {
  const values = parseVariables(hubSchema, env);
  const subgraphs = subgraphEndpoints(env, values);
  return { ...sharedSettings(values), ...gatewaySettings(values, subgraphs), ...subgraphSettings(values) };
}

export type SharedConfig = ReturnType<typeof sharedSettings>;
/** What the gateway process knows: no subgraph's database, seed or own settings. */
export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
/** What one subgraph process knows: no gateway setting, no other subgraph's port, URL or secret. */
export type SubgraphConfig = ReturnType<typeof loadSubgraphConfig>;
/** Everything, for a launcher holding the whole hub (scripts/stack.ts) and the scripts. */
export type HubConfig = ReturnType<typeof loadHubConfig>;
export type ServiceConfig<S extends ServiceName> = S extends 'gateway' ? GatewayConfig : SubgraphConfig;

export type AuthConfig = SharedConfig['auth'];
export type SubgraphEndpoint = GatewayConfig['subgraphs'][SubgraphName];
export type BreakerConfig = GatewayConfig['breaker'];
export type LimitsConfig = GatewayConfig['limits'];
export type ExposureConfig = GatewayConfig['exposure'];
export type RateLimitConfig = GatewayConfig['rateLimit'];
export type SeedSettings = SubgraphConfig['seed'];

/**
 * The settings of one service (production checks what it must and must not hold), or of the whole hub when no
 * service is named.
 */
export function loadConfig(env?: NodeJS.ProcessEnv): HubConfig;
export function loadConfig<S extends ServiceName>(env: NodeJS.ProcessEnv, options: { service: S }): ServiceConfig<S>;
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { service?: ServiceName } = {},
): HubConfig | GatewayConfig | SubgraphConfig {
  if (options.service === undefined) return loadHubConfig(env);
  return options.service === 'gateway' ? loadGatewayConfig(env) : loadSubgraphConfig(options.service, env);
}

/**
 * The environment one service process gets from a launcher holding the whole hub's (scripts/stack.ts): only the
 * variables that service reads (and whatever is not configuration, PATH and the like). A subgraph gets its own
 * gateway secret (derived from GATEWAY_SECRET when only the root is set) and neither the root nor another subgraph's
 * secret; the gateway gets no subgraph's database or seed.
 */
export function serviceEnv(env: NodeJS.ProcessEnv, service: ServiceName): NodeJS.ProcessEnv {
  const own = new Set(configVariables(service));
  const result = Object.fromEntries(
    Object.entries(env).filter(([name]) => own.has(name) || !EVERY_CONFIG_VARIABLE.has(name)),
  );
  if (service === 'gateway') return result;
  const ownSecret = subgraphVariable(service, 'GATEWAY_SECRET');
  result[ownSecret] ||= derivedSecret(env.GATEWAY_SECRET, service);
  delete result.GATEWAY_SECRET;
  if (!result[ownSecret]) delete result[ownSecret];
  return result;
}

/** The secret of one subgraph, where every subgraph's is held (the gateway, the launcher); an error where it is not. */
export function gatewaySecretFor(config: Pick<GatewayConfig, 'subgraphs'>, name: SubgraphName): string {
  return heldSecret(config.subgraphs[name].gatewaySecret, name);
}

function heldSecret(secret: string | undefined, name: SubgraphName): string {
  if (secret) return secret;
  throw new ConfigError(
    `This process does not hold the ${name} subgraph's gateway secret (${subgraphVariable(name, 'GATEWAY_SECRET')}).`,
  );
}
