/**
 * Every refusal of loadConfig, with the message a user sees: one case each, from an environment object alone (no
 * running hub). A variable is refused by every service that reads it, and ignored by the others.
 */
import {
  ConfigError,
  SUBGRAPH_NAMES,
  configVariables,
  gatewaySecretFor,
  loadConfig,
  serviceEnv,
  subgraphVariable,
  type ServiceName,
} from '../../lib/config';

const SERVICES: ServiceName[] = ['gateway', ...SUBGRAPH_NAMES];

function load(env: NodeJS.ProcessEnv, service: ServiceName | undefined): unknown {
  return service ? loadConfig(env, { service }) : loadConfig(env);
}

/** The message loadConfig refuses `env` with, for `service` (or the whole hub). */
function refusal(env: NodeJS.ProcessEnv, service?: ServiceName): string {
  try {
    load(env, service);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)} for ${service ?? 'the hub'}`);
}

const invalid = (...lines: string[]) => `Invalid configuration:\n  ${lines.join('\n  ')}`;

/** `variable=value` is refused with `problem` by the hub and every service that reads it, and ignored by the others. */
function expectRefusedByReaders(variable: string, value: string, problem: string): void {
  const env = { NODE_ENV: 'test', [variable]: value };
  const readers = SERVICES.filter((service) => configVariables(service).includes(variable));
  expect(readers.length).toBeGreaterThan(0);
  for (const service of [undefined, ...readers]) {
    expect({ service, message: refusal(env, service) }).toEqual({ service, message: invalid(problem) });
  }
  for (const service of SERVICES.filter((other) => !readers.includes(other))) {
    expect(() => load(env, service)).not.toThrow();
  }
}

const ALGORITHMS = '"RS256"|"RS384"|"RS512"|"PS256"|"ES256"|"ES384"|"EdDSA"';
const SAMPLERS =
  '"always_on"|"always_off"|"traceidratio"|"parentbased_always_on"|"parentbased_always_off"|"parentbased_traceidratio"';

// [what is refused, the variable, its value, what the message says of it]
const BAD_VALUES: [string, string, string, string][] = [
  // every service
  [
    'a NODE_ENV other than development, production or test',
    'NODE_ENV',
    'staging',
    'NODE_ENV: Invalid option: expected one of "development"|"production"|"test"',
  ],
  ['an empty HOST', 'HOST', '', 'HOST: Too small: expected string to have >=1 characters'],
  ['a port that is not a number', 'PORT', 'abc', 'PORT: Invalid input: expected number, received NaN'],
  ['a port above 65535', 'PORT', '70000', 'PORT: Too big: expected number to be <=65535'],
  ['a port that is not a whole number', 'PORT', '4000.5', 'PORT: Invalid input: expected int, received number'],
  [
    'an unknown log level',
    'LOG_LEVEL',
    'verbose',
    'LOG_LEVEL: Invalid option: expected one of "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent"',
  ],
  ['a subgraph timeout of 0', 'SUBGRAPH_TIMEOUT_MS', '0', 'SUBGRAPH_TIMEOUT_MS: Too small: expected number to be >0'],
  ['a JWT_SECRET shorter than 32 characters', 'JWT_SECRET', 'short', 'JWT_SECRET: must be at least 32 characters'],
  ['an empty token issuer', 'JWT_ISSUER', '', 'JWT_ISSUER: Too small: expected string to have >=1 characters'],
  ['an empty token audience', 'JWT_AUDIENCE', '', 'JWT_AUDIENCE: Too small: expected string to have >=1 characters'],
  ['a JWKS_URL that is not a URL', 'JWKS_URL', 'keys.json', 'JWKS_URL: Invalid URL'],
  [
    'HS256 among the public-key algorithms',
    'JWT_ALGORITHMS',
    'HS256',
    `JWT_ALGORITHMS.0: Invalid option: expected one of ${ALGORITHMS}`,
  ],
  ['an empty list of algorithms', 'JWT_ALGORITHMS', ',', 'JWT_ALGORITHMS: name at least one algorithm'],
  [
    'a token lifetime in weeks',
    'JWT_MAX_LIFETIME',
    '1w',
    'JWT_MAX_LIFETIME: expected a duration like 3600, 30m, 24h or 7d',
  ],
  [
    'a GATEWAY_SECRET shorter than 32 characters',
    'GATEWAY_SECRET',
    'short',
    'GATEWAY_SECRET: must be at least 32 characters',
  ],
  [
    'an OTEL_SDK_DISABLED other than true or false',
    'OTEL_SDK_DISABLED',
    'yes',
    'OTEL_SDK_DISABLED: Invalid option: expected one of "true"|"false"',
  ],
  [
    'an unknown traces exporter',
    'OTEL_TRACES_EXPORTER',
    'jaeger',
    'OTEL_TRACES_EXPORTER: expected otlp, console or none (comma-separated)',
  ],
  [
    'an OTLP endpoint that is not a URL',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'collector',
    'OTEL_EXPORTER_OTLP_ENDPOINT: Invalid URL',
  ],
  [
    'an OTLP traces endpoint that is not a URL',
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    'collector',
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Invalid URL',
  ],
  [
    'an unknown OTLP protocol',
    'OTEL_EXPORTER_OTLP_PROTOCOL',
    'http',
    'OTEL_EXPORTER_OTLP_PROTOCOL: Invalid option: expected one of "http/json"|"http/protobuf"|"grpc"',
  ],
  [
    'an unknown OTLP traces protocol',
    'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
    'http',
    'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: Invalid option: expected one of "http/json"|"http/protobuf"|"grpc"',
  ],
  [
    'an unknown sampler',
    'OTEL_TRACES_SAMPLER',
    'sometimes',
    `OTEL_TRACES_SAMPLER: Invalid option: expected one of ${SAMPLERS}`,
  ],
  [
    'a sampler ratio above 1',
    'OTEL_TRACES_SAMPLER_ARG',
    '2',
    'OTEL_TRACES_SAMPLER_ARG: Too big: expected number to be <=1',
  ],
  [
    'a negative export delay',
    'OTEL_BSP_SCHEDULE_DELAY',
    '-1',
    'OTEL_BSP_SCHEDULE_DELAY: Too small: expected number to be >=0',
  ],
  // the gateway
  [
    'a request deadline above 5 minutes',
    'REQUEST_DEADLINE_MS',
    '300001',
    'REQUEST_DEADLINE_MS: Too big: expected number to be <=300000',
  ],
  ['more than 5 retries', 'SUBGRAPH_RETRIES', '6', 'SUBGRAPH_RETRIES: Too big: expected number to be <=5'],
  [
    'a breaker threshold of 0 percent',
    'BREAKER_ERROR_THRESHOLD_PERCENT',
    '0',
    'BREAKER_ERROR_THRESHOLD_PERCENT: Too small: expected number to be >=1',
  ],
  [
    'a breaker threshold above 100 percent',
    'BREAKER_ERROR_THRESHOLD_PERCENT',
    '101',
    'BREAKER_ERROR_THRESHOLD_PERCENT: Too big: expected number to be <=100',
  ],
  [
    'a breaker volume of 0',
    'BREAKER_VOLUME_THRESHOLD',
    '0',
    'BREAKER_VOLUME_THRESHOLD: Too small: expected number to be >=1',
  ],
  [
    'a breaker reset timeout of 0',
    'BREAKER_RESET_TIMEOUT_MS',
    '0',
    'BREAKER_RESET_TIMEOUT_MS: Too small: expected number to be >0',
  ],
  [
    'a breaker window under a second',
    'BREAKER_WINDOW_MS',
    '999',
    'BREAKER_WINDOW_MS: Too small: expected number to be >=1000',
  ],
  [
    'a SUBGRAPH_BATCHING other than true or false',
    'SUBGRAPH_BATCHING',
    'yes',
    'SUBGRAPH_BATCHING: Invalid option: expected one of "true"|"false"',
  ],
  ['more than 64 gateway workers', 'GATEWAY_WORKERS', '65', 'GATEWAY_WORKERS: Too big: expected number to be <=64'],
  ['a maximum depth of 0', 'MAX_DEPTH', '0', 'MAX_DEPTH: Too small: expected number to be >0'],
  ['a negative number of aliases', 'MAX_ALIASES', '-1', 'MAX_ALIASES: Too small: expected number to be >=0'],
  ['a negative number of directives', 'MAX_DIRECTIVES', '-1', 'MAX_DIRECTIVES: Too small: expected number to be >=0'],
  [
    'a maximum cost that is not a whole number',
    'MAX_COST',
    '1.5',
    'MAX_COST: Invalid input: expected int, received number',
  ],
  [
    'a list size of 0 for the cost estimate',
    'COST_LIST_SIZE',
    '0',
    'COST_LIST_SIZE: Too small: expected number to be >0',
  ],
  ['a token limit of 0', 'MAX_TOKENS', '0', 'MAX_TOKENS: Too small: expected number to be >0'],
  ['a body limit in gigabytes', 'BODY_LIMIT', '1gb', 'BODY_LIMIT: expected a size like 100kb or 1mb'],
  [
    'an ENABLE_INTROSPECTION other than true or false',
    'ENABLE_INTROSPECTION',
    'yes',
    'ENABLE_INTROSPECTION: Invalid option: expected one of "true"|"false"',
  ],
  [
    'a negative rate limit',
    'RATE_LIMIT_PER_MINUTE',
    '-1',
    'RATE_LIMIT_PER_MINUTE: Too small: expected number to be >=0',
  ],
  [
    'a negative anonymous rate limit',
    'RATE_LIMIT_ANONYMOUS_PER_MINUTE',
    '-1',
    'RATE_LIMIT_ANONYMOUS_PER_MINUTE: Too small: expected number to be >=0',
  ],
  [
    'a negative feed rate limit',
    'RATE_LIMIT_FEED_PER_MINUTE',
    '-1',
    'RATE_LIMIT_FEED_PER_MINUTE: Too small: expected number to be >=0',
  ],
  [
    'a negative pages rate limit',
    'RATE_LIMIT_PAGES_PER_MINUTE',
    '-1',
    'RATE_LIMIT_PAGES_PER_MINUTE: Too small: expected number to be >=0',
  ],
  [
    'an ENABLE_EXPLORER other than true or false',
    'ENABLE_EXPLORER',
    'on',
    'ENABLE_EXPLORER: Invalid option: expected one of "true"|"false"',
  ],
  [
    'a metrics port that is not a number',
    'METRICS_PORT',
    'x',
    'METRICS_PORT: Invalid input: expected number, received NaN',
  ],
  ['a PUBLIC_URL without a scheme', 'PUBLIC_URL', 'baeumteo.example.org', 'PUBLIC_URL: Invalid URL'],
  [
    'a FEED_INCLUDE_GENERATED other than true or false',
    'FEED_INCLUDE_GENERATED',
    'yes',
    'FEED_INCLUDE_GENERATED: Invalid option: expected one of "true"|"false"',
  ],
  [
    'a SEED_MODE other than demo or real-only',
    'SEED_MODE',
    'real',
    'SEED_MODE: Invalid option: expected one of "demo"|"real-only"',
  ],
  ['a REDIS_URL that is not a URL', 'REDIS_URL', 'redis', 'REDIS_URL: Invalid URL'],
  [
    'a negative response cache lifetime',
    'RESPONSE_CACHE_TTL_SECONDS',
    '-1',
    'RESPONSE_CACHE_TTL_SECONDS: Too small: expected number to be >=0',
  ],
  [
    'a response cache of no entries',
    'RESPONSE_CACHE_MAX_ENTRIES',
    '0',
    'RESPONSE_CACHE_MAX_ENTRIES: Too small: expected number to be >0',
  ],
  [
    'a Redis key prefix with a space',
    'REDIS_KEY_PREFIX',
    'has space',
    'REDIS_KEY_PREFIX: expected up to 64 letters, digits, ":", ".", "_" or "-"',
  ],
  // every subgraph
  ['a DATABASE_URL that is not a URL', 'DATABASE_URL', 'postgres', 'DATABASE_URL: Invalid URL'],
  ['an empty DATA_DIR', 'DATA_DIR', '', 'DATA_DIR: Too small: expected string to have >=1 characters'],
  ['a negative seed', 'SEED', '-1', 'SEED: Too small: expected number to be >=0'],
  [
    'a program count that is not a number',
    'SEED_PROGRAMS',
    'many',
    'SEED_PROGRAMS: Invalid input: expected number, received NaN',
  ],
  [
    'an idempotency key lifetime of 0',
    'IDEMPOTENCY_KEY_TTL_HOURS',
    '0',
    'IDEMPOTENCY_KEY_TTL_HOURS: Too small: expected number to be >0',
  ],
  [
    'an idempotency key lifetime above 30 days',
    'IDEMPOTENCY_KEY_TTL_HOURS',
    '721',
    'IDEMPOTENCY_KEY_TTL_HOURS: Too big: expected number to be <=720',
  ],
  ['a GATEWAY_URL that is not a URL', 'GATEWAY_URL', 'gateway', 'GATEWAY_URL: Invalid URL'],
];

describe('loadConfig, given a value a variable does not accept', () => {
  it.each(BAD_VALUES)('refuses %s, in every service that reads it and in the hub', (_what, name, value, problem) => {
    expectRefusedByReaders(name, value, `${problem} (got ${JSON.stringify(value)})`);
  });

  it('names every bad variable in one message', () => {
    expect(refusal({ NODE_ENV: 'test', PORT: 'abc', MAX_DEPTH: '0' })).toBe(
      invalid(
        'PORT: Invalid input: expected number, received NaN (got "abc")',
        'MAX_DEPTH: Too small: expected number to be >0 (got "0")',
      ),
    );
  });
});

describe("loadConfig, given a bad value of one subgraph's variables", () => {
  it.each([
    ['a subgraph port that is not a number', 'CENTERS_PORT', 'x', 'CENTERS_PORT: expected a port number, got "x"'],
    [
      'a subgraph URL that is not a URL',
      'CENTERS_URL',
      'centers',
      'CENTERS_URL: expected a URL or comma-separated URLs, got "centers"',
    ],
    [
      'replicas of one subgraph on different paths',
      'CENTERS_URL',
      'http://a:4001/graphql,http://b:4001/other',
      'CENTERS_URL: the URLs of one subgraph must share one path (e.g. /graphql), got "http://a:4001/graphql,http://b:4001/other"',
    ],
  ])('refuses %s, in every service that reads it and in the hub', (_what, variable, value, problem) => {
    expectRefusedByReaders(variable, value, problem);
  });

  it('names every bad subgraph variable in one message', () => {
    expect(refusal({ NODE_ENV: 'test', SCHOOLS_PORT: 'x', LIBRARIES_URL: 'libraries' }, 'gateway')).toBe(
      invalid(
        'SCHOOLS_PORT: expected a port number, got "x"',
        'LIBRARIES_URL: expected a URL or comma-separated URLs, got "libraries"',
      ),
    );
  });
});

describe('loadConfig, given settings that parse but cannot be used', () => {
  it.each([
    [
      'TRUST_PROXY=true in production, where clients could choose their rate-limit bucket',
      { NODE_ENV: 'production', TRUST_PROXY: 'true' },
      'TRUST_PROXY: true trusts any X-Forwarded-For, so clients could choose their rate-limit bucket; give the number of proxy hops or their addresses/CIDRs',
    ],
    [
      'a TRUST_PROXY entry that is neither an address nor a CIDR',
      { NODE_ENV: 'test', TRUST_PROXY: '10.0.0.0/33,loopback' },
      'TRUST_PROXY: expected a hop count or addresses/CIDRs, got "10.0.0.0/33"',
    ],
    [
      'a public key file it cannot read',
      { NODE_ENV: 'test', JWT_PUBLIC_KEY_FILE: '/nonexistent/jwt-public.pem' },
      "JWT_PUBLIC_KEY_FILE: cannot read /nonexistent/jwt-public.pem (ENOENT: no such file or directory, open '/nonexistent/jwt-public.pem')",
    ],
  ])('refuses %s', (_what, env, problem) => {
    expect(refusal(env)).toBe(invalid(problem));
  });
});

const secret = (letter: string) => letter.repeat(40);
const SUBGRAPH_SECRETS = Object.fromEntries(
  SUBGRAPH_NAMES.map((name, index) => [subgraphVariable(name, 'GATEWAY_SECRET'), secret('abcde'[index])]),
);
/** What a production hub is given: a public key, the gateway's address and every subgraph's secret. */
const PRODUCTION: Record<string, string> = {
  NODE_ENV: 'production',
  JWT_PUBLIC_KEY: '{"keys":[]}',
  PUBLIC_URL: 'https://baeumteo.example.org',
  ...SUBGRAPH_SECRETS,
};
const DEVELOPMENT_GATEWAY_SECRET = 'baeumteo-development-gateway-secret-not-for-production';
const DEVELOPMENT_JWT_SECRET = 'baeumteo-development-jwt-secret-not-for-production';

const NO_PUBLIC_KEY =
  'production verifies tokens with public keys: set JWKS_URL, JWT_PUBLIC_KEY_FILE or JWT_PUBLIC_KEY (`npm run keys` makes a key pair)';
const SIGNING_KEY =
  'JWT_SECRET: a production service holds no signing key; remove it and sign tokens with a private key (`npm run token -- --private-key FILE`)';
const PUBLIC_SECRETS = 'the built-in development secrets are public: production needs its own';
const HOLDS_ROOT =
  "GATEWAY_SECRET is the gateway's root of every subgraph's secret: give the centers subgraph only CENTERS_GATEWAY_SECRET";

const productionRefusal = (service: ServiceName, ...problems: string[]) =>
  `Invalid configuration for a production ${service} (NODE_ENV is production; set NODE_ENV=development to run with the built-in ` +
  `development secrets):\n  ${problems.join('\n  ')}`;

describe('a production gateway', () => {
  const gatewayWith = (changes: Record<string, string | undefined>) =>
    refusal({ ...serviceEnv(PRODUCTION, 'gateway'), ...changes }, 'gateway');

  it('starts with a public key, its public address and every subgraph secret', () => {
    expect(() => loadConfig(serviceEnv(PRODUCTION, 'gateway'), { service: 'gateway' })).not.toThrow();
  });

  it.each([
    ['to start without a public key', { JWT_PUBLIC_KEY: undefined }, [NO_PUBLIC_KEY]],
    ['a signing secret (JWT_SECRET) beside the public key', { JWT_SECRET: secret('j') }, [SIGNING_KEY]],
    ['the built-in development gateway secret', { GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET }, [PUBLIC_SECRETS]],
    ['the built-in development token secret', { JWT_SECRET: DEVELOPMENT_JWT_SECRET }, [SIGNING_KEY, PUBLIC_SECRETS]],
    [
      'to start without PUBLIC_URL',
      { PUBLIC_URL: undefined },
      [
        'PUBLIC_URL: production needs PUBLIC_URL (the address the public reaches the gateway at, e.g. https://api.example.org): ' +
          'absolute URLs never come from the Host header',
      ],
    ],
    [
      "to start without some subgraph's secret",
      { SCHOOLS_GATEWAY_SECRET: undefined, LIBRARIES_GATEWAY_SECRET: '' },
      [
        "the gateway needs each subgraph's secret: set SCHOOLS_GATEWAY_SECRET, LIBRARIES_GATEWAY_SECRET (or the root GATEWAY_SECRET)",
      ],
    ],
    [
      'feeds that publish generated demonstration records (FEED_INCLUDE_GENERATED)',
      { FEED_INCLUDE_GENERATED: 'true' },
      [
        'FEED_INCLUDE_GENERATED: the open-data feeds of a production hub never publish generated demonstration records as real',
      ],
    ],
    [
      'a subgraph secret shorter than 32 characters',
      { CIVIL_PROVIDERS_GATEWAY_SECRET: 'short' },
      ['CIVIL_PROVIDERS_GATEWAY_SECRET: must be at least 32 characters'],
    ],
  ])('refuses %s', (_what, changes, problems) => {
    expect(gatewayWith(changes)).toBe(productionRefusal('gateway', ...problems));
  });

  it('says that production is the default when NODE_ENV is unset', () => {
    expect(gatewayWith({ NODE_ENV: undefined, PUBLIC_URL: undefined })).toContain(
      '(NODE_ENV is unset, so production; set NODE_ENV=development',
    );
  });
});

describe('a production subgraph', () => {
  const centersWith = (changes: Record<string, string | undefined>) =>
    refusal({ ...serviceEnv(PRODUCTION, 'centers'), ...changes }, 'centers');

  it('starts with a public key and its own secret, and nothing of the gateway', () => {
    expect(() => loadConfig(serviceEnv(PRODUCTION, 'centers'), { service: 'centers' })).not.toThrow();
  });

  it.each([
    ['to start without a public key', { JWT_PUBLIC_KEY: undefined }, [NO_PUBLIC_KEY]],
    ['a signing secret (JWT_SECRET) beside the public key', { JWT_SECRET: secret('j') }, [SIGNING_KEY]],
    ['to hold the root GATEWAY_SECRET, which would open every subgraph', { GATEWAY_SECRET: secret('r') }, [HOLDS_ROOT]],
    [
      'the built-in development gateway secret as its root',
      { GATEWAY_SECRET: DEVELOPMENT_GATEWAY_SECRET },
      [PUBLIC_SECRETS, HOLDS_ROOT],
    ],
    [
      'to start without its own secret',
      { CENTERS_GATEWAY_SECRET: undefined },
      ['CENTERS_GATEWAY_SECRET: the centers subgraph needs its own gateway secret (the gateway sends it)'],
    ],
    [
      'its own secret shorter than 32 characters',
      { CENTERS_GATEWAY_SECRET: 'short' },
      ['CENTERS_GATEWAY_SECRET: must be at least 32 characters'],
    ],
  ])('refuses %s', (_what, changes, problems) => {
    expect(centersWith(changes)).toBe(productionRefusal('centers', ...problems));
  });

  it("does not judge settings it does not read: the gateway's, another subgraph's secret", () => {
    const env = { ...serviceEnv(PRODUCTION, 'centers'), TRUST_PROXY: 'true', SCHOOLS_GATEWAY_SECRET: 'short' };
    expect(() => loadConfig(env, { service: 'centers' })).not.toThrow();
  });
});

describe("a subgraph's gateway secret", () => {
  it('is refused to a process that does not hold it', () => {
    expect(() => gatewaySecretFor(loadConfig({ NODE_ENV: 'production' }), 'centers')).toThrow(
      new ConfigError("This process does not hold the centers subgraph's gateway secret (CENTERS_GATEWAY_SECRET)."),
    );
  });
});

describe('what each service sees', () => {
  it('reads only the variables configVariables names for it', () => {
    for (const service of [undefined, ...SERVICES]) {
      const read = new Set<string>();
      const env = new Proxy({ NODE_ENV: 'test' } as NodeJS.ProcessEnv, {
        get: (target, name) => {
          if (typeof name === 'string') read.add(name);
          return target[name as string];
        },
      });
      load(env, service);
      const unknown = [...read].filter((name) => !configVariables(service).includes(name));
      expect({ service, unknown, readsNodeEnv: read.has('NODE_ENV') }).toEqual({
        service,
        unknown: [],
        readsNodeEnv: true,
      });
    }
  });

  it('gets from the launcher only its own variables, a subgraph only its own secret', () => {
    const hub = {
      ...PRODUCTION,
      GATEWAY_SECRET: secret('r'),
      DATABASE_URL: 'postgres://db/x',
      MAX_DEPTH: '9',
      PATH: '/b', // not configuration: every service gets it
    };
    for (const service of SERVICES) {
      const env = serviceEnv(hub, service);
      const own = configVariables(service);
      const foreign = Object.keys(env).filter((name) => configVariables().includes(name) && !own.includes(name));
      expect({ service, foreign, path: env.PATH }).toEqual({ service, foreign: [], path: '/b' });
    }
    expect(serviceEnv(hub, 'centers').CENTERS_GATEWAY_SECRET).toBe(SUBGRAPH_SECRETS.CENTERS_GATEWAY_SECRET);
    expect(serviceEnv(hub, 'centers').GATEWAY_SECRET).toBeUndefined();
    expect(serviceEnv({ NODE_ENV: 'test', GATEWAY_SECRET: secret('r') }, 'schools').SCHOOLS_GATEWAY_SECRET).toBe(
      loadConfig({ NODE_ENV: 'test', GATEWAY_SECRET: secret('r') }).subgraphs.schools.gatewaySecret,
    );
  });

  it('gives a subgraph no gateway setting and the gateway no subgraph setting, to its types too', () => {
    const subgraph = loadConfig({ NODE_ENV: 'test' }, { service: 'centers' });
    const gateway = loadConfig({ NODE_ENV: 'test' }, { service: 'gateway' });
    // @ts-expect-error a subgraph cannot read the gateway's limits
    expect(subgraph.limits).toBeUndefined();
    // @ts-expect-error nor where the other subgraphs are
    expect(subgraph.subgraphs).toBeUndefined();
    // @ts-expect-error the gateway cannot read a subgraph's database
    expect(gateway.databaseUrl).toBeUndefined();
    expect({ name: subgraph.name, port: subgraph.port, secret: subgraph.gatewaySecret }).toEqual({
      name: 'centers',
      port: 4001,
      secret: gateway.subgraphs.centers.gatewaySecret,
    });
  });
});
