/**
 * The gateway's response cache of anonymous reads (gateway/response-cache.ts):
 * a repeated read is served from the cache, a signed-in read never is, and a
 * publish through the gateway shows up in the very next read.
 */
import { randomUUID } from 'node:crypto';
import { Role } from '../../lib/auth';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { MemoryResponseCacheStore, RedisResponseCacheStore } from '../../gateway/response-cache';
import { centerProgramInput, testStack, tokenFor } from '../support/stack';

const RUN = randomUUID().slice(0, 8);

async function ask(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ cache: string | null; body: any }> {
  const response = await fetch(testStack().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { cache: response.headers.get('x-response-cache'), body: await response.json() };
}

const PROGRAMS_OF_CENTER = `query ($filter: ProgramFilter) { programs(filter: $filter, first: 100) { totalCount edges { node { id title } } } }`;

describe('response cache', () => {
  it('serves a repeated anonymous read from the cache, with the same answer', async () => {
    // Variables no earlier request used, so the first ask is a miss.
    const variables = { filter: { titleContains: `no such title ${RUN}` } };
    const first = await ask(PROGRAMS_OF_CENTER, variables);
    const second = await ask(PROGRAMS_OF_CENTER, variables);
    expect(first.cache).toBe('MISS');
    expect(second.cache).toBe('HIT');
    expect(second.body).toEqual(first.body);
  });

  it('never caches a signed-in read', async () => {
    const token = await tokenFor({ sub: `cache-analyst-${RUN}`, role: Role.ANALYST });
    const query = '{ districts { code } }';
    await ask(query, {}, token);
    const again = await ask(query, {}, token);
    expect(again.cache).toBe('BYPASS');
    expect(again.body.data.districts).toHaveLength(25);
  });

  it('shows a published program in the next read at once', async () => {
    const { data: samples } = (await ask('{ districts { code learningCenters { id } } }')).body;
    const center = samples.districts[0].learningCenters[0].id as string;
    const filter = { centerId: center, titleContains: `Cache check ${RUN}` };
    const before = await ask(PROGRAMS_OF_CENTER, { filter });
    const cached = await ask(PROGRAMS_OF_CENTER, { filter });
    expect(cached.cache).toBe('HIT');
    expect(cached.body.data.programs.totalCount).toBe(0);

    const partner = await tokenFor({ sub: `cache-partner-${RUN}`, role: Role.INSTITUTION, institution: `LearningCenter:${center}` });
    const { data: field } = (await ask('{ programs(first: 1) { edges { node { field { code } } } } }')).body;
    const created = await ask(
      'mutation ($input: CreateProgramInput!) { createProgram(input: $input) { program { id } userErrors { message } } }',
      { input: centerProgramInput(center, field.programs.edges[0].node.field.code, `Cache check ${RUN}`) },
      partner,
    );
    expect(created.body.data.createProgram.userErrors).toEqual([]);
    const id = created.body.data.createProgram.program.id as string;
    const published = await ask('mutation ($input: ProgramIdInput!) { publishProgram(input: $input) { program { status } userErrors { message } } }', { input: { id } }, partner);
    expect(published.body.data.publishProgram.program.status).toBe('PUBLISHED');

    const after = await ask(PROGRAMS_OF_CENTER, { filter });
    expect(after.cache).toBe('MISS');
    expect(after.body.data.programs.edges.map((e: any) => e.node.id)).toEqual([id]);
    expect(before.body.data.programs.totalCount).toBe(0);
  });

  it('keeps at most its entry limit in memory, dropping the oldest', async () => {
    const store = new MemoryResponseCacheStore(2);
    await store.set('a', '1', 60_000);
    await store.set('b', '2', 60_000);
    await store.set('c', '3', 60_000);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([undefined, '2', '3']);
    await store.bumpVersion();
    expect(await store.version()).toBe('1');
    expect(await store.get('c')).toBeUndefined();
  });

  // Several gateway instances share entries and the data version through Redis (REDIS_URL).
  const redisServer = '/usr/bin/redis-server';
  (existsSync(redisServer) ? it : it.skip)('shares entries and the data version between instances through Redis', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const redis = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const [one, two] = [new RedisResponseCacheStore(`redis://127.0.0.1:${port}`), new RedisResponseCacheStore(`redis://127.0.0.1:${port}`)];
    try {
      const start = await one.version();
      await one.set(`${start}:key`, '{"data":1}', 60_000);
      expect(await two.get(`${start}:key`)).toBe('{"data":1}');
      await two.bumpVersion();
      expect(await one.version()).not.toBe(start);
      expect(await one.version()).toBe(await two.version());
    } finally {
      await one.close();
      await two.close();
      redis.kill();
    }
  });
});
