/**
 * The gateway's response cache of anonymous reads (gateway/response-cache.ts):
 * a repeated read is served from the cache, a signed-in read never is, a
 * publish through the gateway shows up in the very next read, and a mutation
 * evicts only the reads that show what it changed.
 */
import { Role } from '../../lib/auth';
import { MemoryResponseCacheStore, RedisResponseCacheStore } from '../../gateway/response-cache';
import { RUN } from '../support/names';
import { startTestGateway } from '../support/gateway';
import { centerProgramInput, testStack, tokenFor } from '../support/stack';

async function ask(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ cache: string | null; body: any }> {
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

    const partner = await tokenFor({
      sub: `cache-partner-${RUN}`,
      role: Role.INSTITUTION,
      institution: `LearningCenter:${center}`,
    });
    const { data: field } = (await ask('{ programs(first: 1) { edges { node { field { code } } } } }')).body;
    const created = await ask(
      'mutation ($input: CreateProgramInput!) { createProgram(input: $input) { program { id } userErrors { message } } }',
      { input: centerProgramInput(center, field.programs.edges[0].node.field.code, `Cache check ${RUN}`) },
      partner,
    );
    expect(created.body.data.createProgram.userErrors).toEqual([]);
    const id = created.body.data.createProgram.program.id as string;
    const published = await ask(
      'mutation ($input: ProgramIdInput!) { publishProgram(input: $input) { program { status } userErrors { message } } }',
      { input: { id } },
      partner,
    );
    expect(published.body.data.publishProgram.program.status).toBe('PUBLISHED');

    const after = await ask(PROGRAMS_OF_CENTER, { filter });
    expect(after.cache).toBe('MISS');
    expect(after.body.data.programs.edges.map((e: any) => e.node.id)).toEqual([id]);
    expect(before.body.data.programs.totalCount).toBe(0);
  });

  it('keeps at most its entry limit in memory, dropping the oldest, and drops the entries of an invalidated tag', async () => {
    const store = new MemoryResponseCacheStore(2);
    const mark = await store.mark();
    await store.set('a', '1', 60_000, ['Program:1'], mark);
    await store.set('b', '2', 60_000, ['Program:2'], mark);
    await store.set('c', '3', 60_000, ['District:11680'], mark);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual([undefined, '2', '3']);
    await store.invalidate(['Program:2']);
    expect([await store.get('b'), await store.get('c')]).toEqual([undefined, '3']);
  });

  it('keeps at most its byte limit of answers in memory, dropping the oldest, and never an answer larger than the limit', async () => {
    const store = new MemoryResponseCacheStore(100, 20); // 20 bytes: 10 UTF-16 characters
    const mark = await store.mark();
    await store.set('a', '1234', 60_000, ['Program:1'], mark); // 8 bytes
    await store.set('b', '5678', 60_000, ['Program:2'], mark); // 16 in all
    await store.set('c', '90', 60_000, ['Program:3'], mark); // 20: still within
    await store.set('d', '한국어', 60_000, ['Program:4'], mark); // 26: the oldest goes
    await store.set('huge', 'x'.repeat(11), 60_000, ['Program:5'], mark); // 22 bytes alone: not kept
    expect(await Promise.all(['a', 'b', 'c', 'd', 'huge'].map((key) => store.get(key)))).toEqual([
      undefined,
      '5678',
      '90',
      '한국어',
      undefined,
    ]);
  });

  it('does not keep a read that started before an invalidation of one of its tags', async () => {
    const store = new MemoryResponseCacheStore();
    const startedBefore = await store.mark();
    await store.invalidate(['Program:7']);
    await store.set('raced', '1', 60_000, ['Program:7'], startedBefore);
    await store.set('other', '2', 60_000, ['Program:8'], startedBefore);
    expect([await store.get('raced'), await store.get('other')]).toEqual([undefined, '2']);
  });

  // Several gateway instances share entries and invalidations through Redis (REDIS_URL).
  it('shares entries and invalidations between instances through Redis', async () => {
    const prefix = `baeumteo-test-${RUN}:`;
    const [one, two] = [new RedisResponseCacheStore(REDIS_URL, prefix), new RedisResponseCacheStore(REDIS_URL, prefix)];
    try {
      const mark = await one.mark();
      await one.set('key', '{"data":1}', 60_000, ['Program:1', 'list:Program'], mark);
      await one.set('kept', '{"data":2}', 60_000, ['District:11680'], mark);
      expect(await two.get('key')).toBe('{"data":1}');
      await two.invalidate(['list:Program']);
      expect(await one.get('key')).toBeUndefined();
      expect(await one.get('kept')).toBe('{"data":2}');
      await one.set('key', '{"data":1}', 60_000, ['Program:1'], mark); // started before the invalidation
      expect(await two.get('key')).toBeDefined(); // Program:1 itself was not invalidated
      await two.invalidate(['Program:1']);
      await one.set('key', '{"data":1}', 60_000, ['Program:1'], mark);
      expect(await two.get('key')).toBeUndefined();
    } finally {
      await one.close();
      await two.close();
    }
  });
});

// The same behaviour with the memory store (the test stack's gateway) and with Redis shared by a second gateway.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/2';
const gateways: [string, () => Promise<{ url: string; stop(): Promise<void> }>][] = [
  ['in memory', async () => ({ url: testStack().gatewayUrl, stop: async () => undefined })],
  ['in Redis', () => startTestGateway({ REDIS_URL, REDIS_KEY_PREFIX: `baeumteo-test-${RUN}:` })],
];

describe.each(gateways)('response cache invalidation %s', (_name, start) => {
  let gateway: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    gateway = await start();
  });
  afterAll(() => gateway?.stop());

  const read = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { cache: response.headers.get('x-response-cache'), body: (await response.json()) as any };
  };
  /** A read asked twice, so that it is in the cache. */
  const cached = async (query: string, variables: Record<string, unknown> = {}) => {
    await read(query, variables);
    const again = await read(query, variables);
    expect(again.cache).toBe('HIT');
    return again.body;
  };
  const admin = () => tokenFor({ sub: `cache-admin-${RUN}`, role: Role.CITY_ADMIN });
  // $run (a district code that does not exist) gives each test a cache entry of its own.
  const DISTRICTS = `query CachedDistricts($run: ID!) { districts { code nameKo learningCenters { id name } } none: district(code: $run) { code } }`;

  it('keeps serving a cached read while anonymous callers send refused mutations', async () => {
    const variables = { run: `${RUN}-refused-${_name}` };
    await cached(DISTRICTS, variables);
    for (let i = 0; i < 5; i += 1) {
      const refused = await read(
        'mutation ($input: ProgramIdInput!) { publishProgram(input: $input) { program { id } userErrors { message } } }',
        { input: { id: 'P1' } },
      );
      expect(refused.body.data?.publishProgram?.program ?? null).toBeNull();
    }
    const empty = await read(
      'mutation ($input: ProgramIdInput!) { archiveProgram(input: $input) { userErrors { message } } }',
      { input: { id: 'no such program' } },
      await admin(),
    );
    expect(empty.body.data?.archiveProgram?.userErrors?.length ?? 1).toBeGreaterThan(0);
    expect((await read(DISTRICTS, variables)).cache).toBe('HIT');
  });

  it('leaves a cached districts read cached when a resident enrolls, and refreshes the program it enrolled in', async () => {
    const { data } = (
      await read('{ programs(filter: { status: PUBLISHED, hasSeatsLeft: true }, first: 50) { edges { node { id } } } }')
    ).body;
    const programId = data.programs.edges[Math.floor(Math.random() * data.programs.edges.length)].node.id as string;
    const variables = { run: `${RUN}-enroll-${_name}` };
    await cached(DISTRICTS, variables);
    const PROGRAM = 'query ($id: ID!) { program(id: $id) { id seatsLeft } }';
    const before = await cached(PROGRAM, { id: programId });

    const resident = await tokenFor({ sub: `cache-resident-${RUN}-${_name}`, role: Role.RESIDENT });
    const enrolled = await read(
      'mutation ($input: EnrollInput!) { enroll(input: $input) { enrollment { id status } userErrors { message } } }',
      { input: { programId } },
      resident,
    );
    expect(enrolled.body.data.enroll.userErrors).toEqual([]);
    expect(enrolled.body.data.enroll.enrollment.id).toBeDefined();

    expect((await read(DISTRICTS, variables)).cache).toBe('HIT');
    const after = await read(PROGRAM, { id: programId });
    expect(after.cache).toBe('MISS');
    expect(after.body.data.program.seatsLeft).toBe(before.data.program.seatsLeft - 1);
  });

  it("evicts a program's cached reads and the lists that show it when the program is edited, and nothing else", async () => {
    const title = `Cache edit ${RUN} ${_name}`;
    const created = await read(
      'mutation ($input: CreateProgramInput!) { createProgram(input: $input) { program { id } userErrors { message } } }',
      { input: centerProgramInput('LC1168064000', '5-3', title) },
      await admin(),
    );
    const { id } = created.body.data.createProgram.program;
    await read(
      'mutation ($input: ProgramIdInput!) { publishProgram(input: $input) { userErrors { message } } }',
      { input: { id } },
      await admin(),
    );
    const { version } = (await read('query ($id: ID!) { program(id: $id) { version } }', { id }, await admin())).body
      .data.program;
    const PROGRAM = 'query ($id: ID!) { program(id: $id) { id title } }';
    const LIST =
      'query ($filter: ProgramFilter) { programs(filter: $filter, first: 10) { totalCount edges { node { title } } } }';
    const variables = { run: `${RUN}-edit-${_name}` };
    await cached(PROGRAM, { id });
    await cached(LIST, { filter: { centerId: 'LC1168064000', titleContains: title } });
    await cached(DISTRICTS, variables);

    const edited = await read(
      'mutation ($input: UpdateProgramInput!) { updateProgram(input: $input) { program { id title } userErrors { message } } }',
      { input: { id, version, title: `${title} (edited)` } },
      await admin(),
    );
    expect(edited.body.data.updateProgram.userErrors).toEqual([]);

    const program = await read(PROGRAM, { id });
    expect(program.cache).toBe('MISS');
    expect(program.body.data.program.title).toBe(`${title} (edited)`);
    const list = await read(LIST, { filter: { centerId: 'LC1168064000', titleContains: title } });
    expect(list.cache).toBe('MISS');
    expect(list.body.data.programs.edges.map((e: any) => e.node.title)).toEqual([`${title} (edited)`]);
    expect((await read(DISTRICTS, variables)).cache).toBe('HIT');
  });
});
