/**
 * Subgraph replicas. On PostgreSQL a subgraph runs as several processes on one
 * database: the gateway balances over the URLs of CENTERS_URL, the enrollment
 * race stays exact across the replicas, a replica that dies is skipped, and
 * replicas starting together on a fresh database create, migrate and seed it
 * once. On SQLite a second process on the same database is refused.
 */
import type { RunningGateway } from '../../gateway/gateway';
import { GATEWAY_SECRET_HEADER, Role, type TokenClaims } from '../../lib/auth';
import { gatewaySecretFor, loadConfig } from '../../lib/config';
import { dropDatabase, openDatabase, type Orm } from '../../lib/subgraph/orm';
import { entitiesOf } from '../../lib/subgraph/subgraph-server';
import { loadSubgraph } from '../../subgraphs/registry';
import { RUN } from '../support/names';
import { startTestGateway } from '../support/gateway';
import { stackServiceEnv, startStackProcess, type StackProcess } from '../support/processes';
import { graphql, openSubgraphDatabase, readSeedCsv, testStack, tokenFor } from '../support/stack';

const onPostgres = Boolean(testStack().env.DATABASE_URL);
/** Jongno-gu: a district the write suites leave alone. */
const DISTRICT = '11110';
const FIELD = readSeedCsv('lifelong_education_program_classification.csv').find((f) => f.level === 'sub')!.code;
const CITY_ADMIN: TokenClaims = { sub: `replicas-admin-${RUN}`, role: Role.CITY_ADMIN };

if (!onPostgres)
  console.warn('test/scale/replicas: the PostgreSQL replica tests are skipped: set DATABASE_URL to run them.');

/** GraphQL requests this subgraph process has served, from its /metrics. */
async function requestsServed(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('baeumteo_graphql_requests_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function call(url: string, query: string, variables: Record<string, unknown>, claims: TokenClaims | null) {
  const response = await graphql(url, query, variables, {}, { token: claims ? await tokenFor(claims) : undefined });
  expect(response.errors).toBeUndefined();
  return Object.values(response.data!)[0] as { userErrors?: unknown[] } & Record<string, any>;
}

(onPostgres ? describe : describe.skip)('two replicas of centers on PostgreSQL behind one gateway', () => {
  let second: StackProcess;
  let gateway: RunningGateway;
  let orm: Orm;

  beforeAll(async () => {
    second = await startStackProcess('centers', await stackServiceEnv('centers'));
    gateway = await startTestGateway({
      CENTERS_URL: `${testStack().subgraphUrls.centers},${second.url}`,
      RESPONSE_CACHE_TTL_SECONDS: '0',
    });
    orm = await openSubgraphDatabase('centers');
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await second?.stop();
    await orm?.close(true);
  });

  it('confirms exactly 10 and waitlists 90 when 100 residents enroll at once into 10 seats, served by both replicas', async () => {
    const { data } = await graphql(
      gateway.url,
      'query($code: ID!) { district(code: $code) { learningCenters { id } } }',
      { code: DISTRICT },
    );
    const centerId = data!.district.learningCenters[0].id as string;
    const created = await call(
      gateway.url,
      'mutation($input: CreateProgramInput!) { createProgram(input: $input) { program { id } userErrors { message } } }',
      {
        input: {
          centerId,
          host: { type: 'LEARNING_CENTER', id: centerId },
          title: `Replica race ${RUN}`,
          track: 'LIFE_CULTURE',
          fieldCode: FIELD,
          startsOn: '2027-05-03',
          endsOn: '2027-06-28',
          capacity: 10,
          feeKrw: 0,
        },
      },
      CITY_ADMIN,
    );
    expect(created.userErrors).toEqual([]);
    const programId = created.program.id as string;
    const published = await call(
      gateway.url,
      'mutation($input: ProgramIdInput!) { publishProgram(input: $input) { userErrors { message } } }',
      { input: { id: programId } },
      CITY_ADMIN,
    );
    expect(published.userErrors).toEqual([]);

    const replicas = [testStack().subgraphUrls.centers, second.url];
    const before = await Promise.all(replicas.map(requestsServed));
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(
          gateway.url,
          'mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { status waitlistPosition } userErrors { message } } }',
          {
            input: { programId },
          },
          { sub: `R-replicas-${RUN}-${i}`, role: Role.RESIDENT },
        ),
      ),
    );
    const after = await Promise.all(replicas.map(requestsServed));

    expect(answers.flatMap((answer) => answer.userErrors)).toEqual([]);
    const statuses = answers.map((answer) => answer.enrollment.status as string);
    expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'WAITLISTED')).toHaveLength(90);
    const positions = answers
      .map((answer) => answer.enrollment.waitlistPosition as number | null)
      .filter((p) => p !== null);
    expect(positions.sort((a, b) => a! - b!)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    const rows = await orm.em
      .getConnection()
      .execute('select status, count(*) as n from enrollment where program_id = ? group by status order by status', [
        programId,
      ]);
    expect(rows.map((row) => [row.status, Number(row.n)])).toEqual([
      ['CONFIRMED', 10],
      ['WAITLISTED', 90],
    ]);
    // Each replica took a share of the 100 writes.
    const served = after.map((count, i) => count - before[i]);
    expect(served.every((count) => count >= 10)).toBe(true);
    expect(served[0] + served[1]).toBeGreaterThanOrEqual(100);
  });

  it('skips a replica that died: every query is answered in full by the other', async () => {
    await second.kill();
    const answers = [];
    for (let i = 0; i < 12; i += 1)
      answers.push(await graphql(gateway.url, `{ district(code: "${DISTRICT}") { nameEn learningCenters { id } } }`));
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    expect(answers.map((answer) => answer.data!.district.nameEn)).toEqual(Array(12).fill('Jongno-gu'));
  });
});

(onPostgres ? describe : describe.skip)('replicas starting together on a fresh PostgreSQL database', () => {
  let env: NodeJS.ProcessEnv;
  const replicas: StackProcess[] = [];

  beforeAll(async () => {
    const url = new URL(testStack().env.DATABASE_URL);
    url.pathname = `${url.pathname}_replicas`;
    env = { DATABASE_URL: url.toString(), SEED_PROGRAMS: '200' };
    await dropDatabase('centers', loadConfig({ ...testStack().env, ...env }));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await dropDatabase('centers', loadConfig({ ...testStack().env, ...env }));
  });

  it('create, migrate and seed it once: both serve, one seed run is recorded', async () => {
    const started = await Promise.all(
      [1, 2].map(async () => startStackProcess('centers', await stackServiceEnv('centers', env))),
    );
    replicas.push(...started);
    const orm = await openDatabase(entitiesOf(loadSubgraph('centers')), loadConfig({ ...testStack().env, ...env }));
    try {
      const [{ runs }] = await orm.em.getConnection().execute('select count(*) as runs from seed_run');
      expect(Number(runs)).toBe(1);
    } finally {
      await orm.close(true);
    }
    expect(
      started
        .flatMap((replica) => replica.output)
        .filter((line) => line.includes('another replica is preparing the database')),
    ).toHaveLength(1);
    for (const replica of started) {
      const { data, errors } = await graphql(replica.url, '{ districts { code } }', undefined, {
        [GATEWAY_SECRET_HEADER]: gatewaySecretFor(loadConfig(testStack().env), 'centers'),
      });
      expect(errors).toBeUndefined();
      expect(data!.districts).toHaveLength(25);
    }
  }, 120_000);
});

(onPostgres ? describe.skip : describe)('a second replica on SQLite', () => {
  it('is refused at start with a message that says to use PostgreSQL, and the first keeps serving', async () => {
    await expect(startStackProcess('centers', await stackServiceEnv('centers'))).rejects.toThrow(
      /SQLite allows one process per database: use DATABASE_URL \(PostgreSQL\) to run replicas/,
    );
    const { data, errors } = await graphql(testStack().gatewayUrl, `{ district(code: "${DISTRICT}") { nameEn } }`);
    expect(errors).toBeUndefined();
    expect(data!.district.nameEn).toBe('Jongno-gu');
  });
});
