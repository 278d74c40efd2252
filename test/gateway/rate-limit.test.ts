import { randomUUID } from 'node:crypto';
import type { RunningGateway } from '../../gateway/gateway';
import { Role } from '../../lib/auth';
import { postRaw, startTestGateway } from '../support/gateway';
import { testStack, tokenFor } from '../support/stack';

const PER_IDENTITY = 4;
const PER_ANONYMOUS_IP = 2;
const QUERY = JSON.stringify({ query: '{ __typename }' });

/** A client address of its own per test run (X-Forwarded-For, trusted from loopback), so Redis counters of earlier runs never count. */
const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

// The in-memory store always; Redis too when REDIS_URL is given (e.g. REDIS_URL=redis://127.0.0.1:6379).
const stores: [string, string | undefined][] = [['in memory', undefined]];
if (process.env.REDIS_URL) stores.push(['in Redis', process.env.REDIS_URL]);

describe.each(stores)('rate limiting %s', (_name, redisUrl) => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      RATE_LIMIT_PER_MINUTE: String(PER_IDENTITY),
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(PER_ANONYMOUS_IP),
      TRUST_PROXY: 'loopback',
      REDIS_URL: redisUrl,
      RESPONSE_CACHE_TTL_SECONDS: '0',
    });
  });
  afterAll(() => gateway?.stop());

  const send = (ip: string, token?: string) =>
    postRaw(gateway.url, QUERY, { 'x-forwarded-for': ip, ...(token ? { authorization: `Bearer ${token}` } : {}) });

  it('refuses an identity past its limit with 429, Retry-After and a GraphQL error', async () => {
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

describe('the test stack gateway', () => {
  it('has limits high enough for a burst of parallel requests', async () => {
    const statuses = await Promise.all(Array.from({ length: 50 }, () => postRaw(testStack().gatewayUrl, QUERY).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
