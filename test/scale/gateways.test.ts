/**
 * Gateway replicas. Two gateway processes on one Redis behave as one gateway:
 * a mutation through one invalidates the cached anonymous reads of the other
 * at once, and rate limits count the requests of both. Redis is REDIS_URL, or
 * redis://127.0.0.1:6379/6 here; every run keeps its keys under a prefix of its
 * own (REDIS_KEY_PREFIX), so runs never see each other's counters or answers.
 */
import { Role } from '../../lib/auth';
import { RUN } from '../support/names';
import { redisAnswers, stackServiceEnv, startStackProcess, type StackProcess } from '../support/processes';
import { centerProgramInput, graphql, tokenFor } from '../support/stack';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/6';
const ANONYMOUS_LIMIT = 6;
const redisUp = redisAnswers(REDIS_URL);
if (!redisUp) console.warn(`test/scale/gateways: skipped: no Redis answers at ${REDIS_URL} (set REDIS_URL).`);

/** A client address of its own (X-Forwarded-For, trusted from loopback). */
const address = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join('.')}`;

async function ask(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address(), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    cache: response.headers.get('x-response-cache'),
    body: (await response.json()) as any,
  };
}

(redisUp ? describe : describe.skip)('two gateway processes sharing one Redis', () => {
  const gateways: StackProcess[] = [];

  beforeAll(async () => {
    const shared = {
      REDIS_URL,
      REDIS_KEY_PREFIX: `baeumteo-test-${RUN}:`,
      RESPONSE_CACHE_TTL_SECONDS: '300',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS_LIMIT),
      TRUST_PROXY: 'loopback',
      LOG_LEVEL: 'warn',
    };
    gateways.push(
      ...(await Promise.all(
        [1, 2].map(async () => startStackProcess('gateway', await stackServiceEnv('gateway', shared))),
      )),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
  });

  it('shows a program published through gateway A in the next anonymous read on gateway B, which had it cached', async () => {
    const [a, b] = gateways.map((gateway) => gateway.url);
    const { data: samples } = await graphql(
      a,
      '{ district(code: "11110") { learningCenters { id } } programs(first: 1) { edges { node { field { code } } } } }',
    );
    const center = samples!.district.learningCenters[0].id as string;
    const fieldCode = samples!.programs.edges[0].node.field.code as string;
    const title = `Shared cache ${RUN}`;
    const read = `{ programs(filter: { centerId: "${center}", titleContains: "${title}" }, first: 5) { totalCount } }`;
    await ask(b, read);
    const cached = await ask(b, read);
    expect(cached.cache).toBe('HIT');
    expect(cached.body.data.programs.totalCount).toBe(0);

    const authorization = `Bearer ${await tokenFor({ sub: `gateways-${RUN}`, role: Role.INSTITUTION, institution: `LearningCenter:${center}` })}`;
    const created = await ask(
      a,
      'mutation ($input: CreateProgramInput!) { createProgram(input: $input) { program { id } userErrors { message } } }',
      {
        input: centerProgramInput(center, fieldCode, title),
      },
      { authorization },
    );
    expect(created.body.data.createProgram.userErrors).toEqual([]);
    const published = await ask(
      a,
      'mutation ($input: ProgramIdInput!) { publishProgram(input: $input) { userErrors { message } } }',
      {
        input: { id: created.body.data.createProgram.program.id },
      },
      { authorization },
    );
    expect(published.body.data.publishProgram.userErrors).toEqual([]);

    const after = await ask(b, read);
    expect(after.cache).not.toBe('HIT');
    expect(after.body.data.programs.totalCount).toBe(1);
  });

  it('counts the requests of one client on both gateways against one rate limit', async () => {
    const client = address();
    const statuses: number[] = [];
    // Alternating: each gateway sees only half of them, so only a shared count reaches the limit.
    for (let i = 0; i <= ANONYMOUS_LIMIT; i += 1) {
      statuses.push((await ask(gateways[i % 2].url, '{ __typename }', {}, { 'x-forwarded-for': client })).status);
    }
    expect(statuses).toEqual([...Array(ANONYMOUS_LIMIT).fill(200), 429]);
    expect((await ask(gateways[1].url, '{ __typename }', {}, { 'x-forwarded-for': client })).status).toBe(429);
    expect((await ask(gateways[1].url, '{ __typename }')).status).toBe(200); // another client is served
  });
});
