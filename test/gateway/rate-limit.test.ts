import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningGateway } from '../../gateway/gateway';
import { Role } from '../../lib/auth';
import { loadConfig } from '../../lib/config';
import { postRaw, productionOverrides, startTestGateway } from '../support/gateway';
import { testStack, tokenFor } from '../support/stack';

const PER_IDENTITY = 4;
const PER_ANONYMOUS_IP = 2;
const QUERY = JSON.stringify({ query: '{ __typename }' });
// Counters of this run only: parallel runs on one Redis (CI) never share a key.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/2';
const prefix = () => `baeumteo-test-${randomUUID().slice(0, 8)}:`;

/** A client address of its own per test (X-Forwarded-For, trusted from loopback), so Redis counters of earlier runs never count. */
const address = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

const stores: [string, string | undefined][] = [
  ['in memory', undefined],
  ['in Redis', REDIS_URL],
];

describe.each(stores)('rate limiting %s', (_name, redisUrl) => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      RATE_LIMIT_PER_MINUTE: String(PER_IDENTITY),
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(PER_ANONYMOUS_IP),
      TRUST_PROXY: 'loopback',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix(),
      RESPONSE_CACHE_TTL_SECONDS: '0',
    });
  });
  afterAll(() => gateway?.stop());

  const send = (ip: string, token?: string) =>
    postRaw(gateway.url, QUERY, { 'x-forwarded-for': ip, ...(token ? { authorization: `Bearer ${token}` } : {}) });

  it('refuses an identity past its limit with 429, Retry-After, RateLimit headers and a GraphQL error', async () => {
    const token = await tokenFor({ sub: `resident-${randomUUID()}`, role: Role.RESIDENT });
    const ip = address();
    const statuses: number[] = [];
    for (let i = 0; i < PER_IDENTITY; i += 1) statuses.push((await send(ip, token)).status);
    expect(statuses).toEqual(Array(PER_IDENTITY).fill(200));
    const refused = await send(ip, token);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-limit')).toBe(String(PER_IDENTITY));
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
  });

  it('counts each identity on its own, whatever address it comes from', async () => {
    const ip = address();
    const spent = await tokenFor({ sub: `resident-${randomUUID()}`, role: Role.RESIDENT });
    for (let i = 0; i < PER_IDENTITY; i += 1) await send(ip, spent);
    expect((await send(address(), spent)).status).toBe(429); // another address does not help
    const other = await tokenFor({ sub: `resident-${randomUUID()}`, role: Role.RESIDENT });
    expect((await send(ip, other)).status).toBe(200); // another caller from the same address is served
  });

  it('counts requests without a token per address', async () => {
    const ip = address();
    for (let i = 0; i < PER_ANONYMOUS_IP; i += 1) expect((await send(ip)).status).toBe(200);
    const refused = await send(ip);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await send(address())).status).toBe(200);
    const token = await tokenFor({ sub: `resident-${randomUUID()}`, role: Role.RESIDENT });
    expect((await send(ip, token)).status).toBe(200); // a caller with a token is counted by identity
  });
});

/** Production gateways with small limits, counting in Redis under a prefix of their own. */
const LIMITS = {
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '3',
  RATE_LIMIT_FEED_PER_MINUTE: '2',
  RATE_LIMIT_PAGES_PER_MINUTE: '4',
  RESPONSE_CACHE_TTL_SECONDS: '0',
};
const productionGateway = (overrides: Record<string, string> = {}) =>
  startTestGateway({ ...productionOverrides(), ...LIMITS, REDIS_URL, REDIS_KEY_PREFIX: prefix(), ...overrides });
const origin = (gateway: RunningGateway) => new URL(gateway.url).origin;
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });
const graphqlFrom = (gateway: RunningGateway, forwardedFor?: string) =>
  postRaw(gateway.url, QUERY, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}).then(
    (response) => response.status,
  );

async function expectRateLimited(response: Response): Promise<void> {
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
  expect(body.errors[0].extensions).toMatchObject({
    code: 'RATE_LIMITED',
    retryAfterSeconds: Number(response.headers.get('retry-after')),
  });
}

describe('rate limits of every public endpoint in production mode', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await productionGateway({ ENABLE_EXPLORER: 'true' });
  });
  afterAll(() => gateway?.stop());

  it('limits the open-data feed on its own, lower limit', async () => {
    const feed = `${origin(gateway)}/feeds/programs?limit=1`;
    expect((await get(feed)).status).toBe(200);
    expect((await get(feed)).status).toBe(200);
    await expectRateLimited(await get(feed));
  });

  it('limits the pages, their assets, the explorer and the probes together', async () => {
    const base = origin(gateway);
    const pages = [`${base}/network`, `${base}/assets/favicon.svg`, `${base}/ready`, `${base}/health`];
    for (const page of pages) expect((await get(page)).status).toBe(200);
    for (const page of pages) await expectRateLimited(await get(page));
    await expectRateLimited(await get(gateway.url, { accept: 'text/html' })); // the explorer
  });

  it('does not give a fresh bucket to a spoofed X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    for (let i = 0; i < 3; i += 1) expect(await graphqlFrom(gateway, address())).toBe(200);
    expect(await graphqlFrom(gateway, address())).toBe(429);
    expect(await graphqlFrom(gateway)).toBe(429);
  });
});

describe('a production gateway behind one proxy (TRUST_PROXY=1)', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await productionGateway({ TRUST_PROXY: '1' });
  });
  afterAll(() => gateway?.stop());

  it('counts the address the proxy saw, and ignores what the client wrote before it', async () => {
    const client = address();
    for (let i = 0; i < 3; i += 1) expect(await graphqlFrom(gateway, client)).toBe(200);
    expect(await graphqlFrom(gateway, client)).toBe(429);
    expect(await graphqlFrom(gateway, `${address()}, ${client}`)).toBe(429); // a forged first hop changes nothing
    expect(await graphqlFrom(gateway, address())).toBe(200); // another client behind the proxy
  });
});

describe('two production gateways on one Redis', () => {
  let one: RunningGateway;
  let two: RunningGateway;
  beforeAll(async () => {
    const shared = prefix();
    one = await productionGateway({ REDIS_KEY_PREFIX: shared });
    two = await productionGateway({ REDIS_KEY_PREFIX: shared });
  });
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
  });

  it('share one count per caller', async () => {
    expect([await graphqlFrom(one), await graphqlFrom(two), await graphqlFrom(one)]).toEqual([200, 200, 200]);
    expect(await graphqlFrom(two)).toBe(429);
    expect(await graphqlFrom(one)).toBe(429);
  });
});

describe('a gateway whose Redis is unreachable', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await productionGateway({ REDIS_URL: 'redis://127.0.0.1:1/0' });
  });
  afterAll(() => gateway?.stop());

  it('lets requests through rather than refusing everyone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push(await graphqlFrom(gateway));
    expect(statuses).toEqual(Array(5).fill(200));
  });
});

describe('TRUST_PROXY', () => {
  it('refuses true in production, which would trust any X-Forwarded-For', () => {
    expect(() => loadConfig({ ...testStack().env, ...productionOverrides(), TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: true trusts any X-Forwarded-For/,
    );
  });

  it('takes a hop count or addresses and CIDRs, and refuses anything else', () => {
    const trust = (value: string) => loadConfig({ ...testStack().env, TRUST_PROXY: value }).exposure.trustProxy;
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, 192.168.1.7, loopback')).toEqual(['10.0.0.0/8', '192.168.1.7', 'loopback']);
    expect(trust('')).toBe(false);
    expect(() => trust('proxy.example.org')).toThrow(/TRUST_PROXY/);
    expect(() => trust('10.0.0.0/33')).toThrow(/TRUST_PROXY/);
  });
});

describe('/ready', () => {
  let counting: Server;
  let asked = 0;
  let gateway: RunningGateway;
  beforeAll(async () => {
    // Stands in for the centers subgraph's /ready and counts how often it is asked.
    counting = createServer((_req, res) => {
      asked += 1;
      res.end('{"status":"ready"}');
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => counting.once('listening', resolve));
    gateway = await startTestGateway({
      CENTERS_URL: `http://127.0.0.1:${(counting.address() as AddressInfo).port}/graphql`,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    counting?.close();
  });

  it('asks the subgraphs at most once a second, however many callers ask at once', async () => {
    const ready = () => get(`${origin(gateway)}/ready`).then((response) => response.status);
    expect(await Promise.all(Array.from({ length: 20 }, ready))).toEqual(Array(20).fill(200));
    expect(asked).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await Promise.all(Array.from({ length: 5 }, ready));
    expect(asked).toBe(2);
  });
});

describe('the test stack gateway', () => {
  it('has limits high enough for a burst of parallel requests', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => postRaw(testStack().gatewayUrl, QUERY).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
