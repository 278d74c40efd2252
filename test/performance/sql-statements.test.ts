/**
 * N+1 guard for the benchmark's read operations: the SQL statements a request
 * costs each subgraph do not grow with the page size. Counted through each
 * subgraph's debug counter around one request through the gateway (the suite
 * runs one file at a time, so nothing else runs SQL meanwhile).
 */
import { SUBGRAPH_NAMES, type SubgraphName } from '../../lib/config';
import { DISTRICT_COVERAGE, DONG_PAGE, PROGRAM_SEARCH, type Operation } from '../../scripts/bench/operations';
import { graphql, testStack } from '../support/stack';

type Counts = Record<SubgraphName, number>;

async function statementCounts(): Promise<Counts> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const response = await fetch(new URL('/debug/sql-statements', testStack().subgraphUrls[name]));
      expect(response.status).toBe(200);
      return [name, ((await response.json()) as { statements: number }).statements] as const;
    }),
  );
  return Object.fromEntries(entries) as Counts;
}

/** The statements one request of `operation` costs each subgraph, and its data. */
async function statementsFor(
  operation: Operation,
  variables: Record<string, unknown>,
): Promise<{ counts: Counts; data: any }> {
  const before = await statementCounts();
  // no-cache: the gateway's response cache must not answer in the subgraphs' place.
  const { data, errors } = await graphql(testStack().gatewayUrl, operation.query, variables, {
    'cache-control': 'no-cache',
  });
  expect(errors).toBeUndefined();
  const after = await statementCounts();
  return { counts: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, after[n] - before[n]])) as Counts, data };
}

/**
 * A larger page may reach entity types the smaller one did not (a School host among 100 programs, none
 * among 10), and each type reached costs its subgraph one batched lookup: so per subgraph at most
 * ENTITY_TYPES_BOUND statements more at page size 100 than at 10, where one per row would be ~90.
 */
const ENTITY_TYPES_BOUND = 2;

/** Runs at page sizes 10 and 100 and expects (nearly) the same statements per subgraph. */
async function expectFlatInPageSize(operation: Operation, variables: Record<string, unknown>): Promise<[any, any]> {
  // Once first, so one-off work (e.g. a cache filled on first use) does not count for either size.
  await statementsFor(operation, { ...variables, first: 10 });
  const small = await statementsFor(operation, { ...variables, first: 10 });
  const large = await statementsFor(operation, { ...variables, first: 100 });
  for (const name of SUBGRAPH_NAMES) {
    if (large.counts[name] > small.counts[name] + ENTITY_TYPES_BOUND) {
      throw new Error(`${name}: ${small.counts[name]} statements at page size 10 but ${large.counts[name]} at 100`);
    }
  }
  return [small.data, large.data];
}

let dongCode: string;
let districtCode: string;

beforeAll(async () => {
  // The district with the most partnerships, and the dong of it whose center runs the most programs,
  // so that page size 100 really returns more rows than page size 10.
  const { data } = await graphql(
    testStack().gatewayUrl,
    `
      {
        districts {
          code
          coverage {
            partnershipCount
          }
          dongs {
            code
            learningCenters {
              programs(first: 1) {
                totalCount
              }
            }
          }
        }
      }
    `,
  );
  const districts = data!.districts as {
    code: string;
    coverage: { partnershipCount: number };
    dongs: { code: string; learningCenters: { programs: { totalCount: number } }[] }[];
  }[];
  const busiest = [...districts].sort((a, b) => b.coverage.partnershipCount - a.coverage.partnershipCount)[0];
  districtCode = busiest.code;
  const programsOf = (dong: (typeof busiest.dongs)[number]) =>
    Math.max(0, ...dong.learningCenters.map((c) => c.programs.totalCount));
  dongCode = districts.flatMap((d) => d.dongs).sort((a, b) => programsOf(b) - programsOf(a))[0].code;
});

describe('SQL statements per request', () => {
  it('do not grow with the page size on the dong page', async () => {
    const [small, large] = await expectFlatInPageSize(DONG_PAGE, { code: dongCode });
    const programs = (page: any) => page.dong.learningCenters.flatMap((c: any) => c.programs.edges).length;
    const providers = (page: any) => page.dong.district.civilProviders.edges.length;
    expect(programs(large) + providers(large)).toBeGreaterThan(programs(small) + providers(small));
  });

  it('do not grow with the page size on a program search page', async () => {
    const filter = { districtCode };
    const first = await graphql(testStack().gatewayUrl, PROGRAM_SEARCH.query, { filter, first: 10 });
    const after = first.data!.programs.pageInfo.endCursor as string;
    const [small, large] = await expectFlatInPageSize(PROGRAM_SEARCH, { filter, after });
    expect(small.programs.edges).toHaveLength(10);
    expect(large.programs.edges.length).toBeGreaterThan(10);
  });

  it('do not grow with the page size on district coverage and its link graph', async () => {
    const [small, large] = await expectFlatInPageSize(DISTRICT_COVERAGE, { code: districtCode });
    expect(small.partnerships.edges).toHaveLength(10);
    expect(large.partnerships.edges.length).toBeGreaterThan(10);
  });

  it('do not grow with the number of districts whose coverage is asked for', async () => {
    const figures =
      'coverage { dongCount dongsWithCenter centerCount expertCount partnershipCount programCount seatsOffered programsByTrack { count } rollout { year dongsCovered } }';
    const one = {
      name: 'one-district',
      title: '',
      query: `query($code: ID!) { district(code: $code) { ${figures} } }`,
    };
    const all = { name: 'all-districts', title: '', query: `{ districts { ${figures} } }` };
    await statementsFor(all, {});
    const [single, every] = [await statementsFor(one, { code: districtCode }), await statementsFor(all, {})];
    expect(every.data.districts).toHaveLength(25);
    expect(every.counts.centers).toBe(single.counts.centers);
  });

  it('do not grow with the years of the rollout nor with the districts, on a past day as today', async () => {
    const rollout = (asOf: string) => ({
      name: `rollout-${asOf}`,
      title: '',
      query: `{ coverage(asOf: "${asOf}") { centerCount rollout { year centerCount dongsCovered } districts { dongsWithCenter rollout { year dongsCovered } } } }`,
    });
    await statementsFor(rollout('2019-06-30'), {});
    const early = await statementsFor(rollout('2019-06-30'), {});
    const late = await statementsFor(rollout('2025-12-31'), {});
    expect(early.data.coverage.rollout).toHaveLength(1);
    expect(late.data.coverage.rollout).toHaveLength(7);
    expect(late.counts.centers).toBe(early.counts.centers);
  });

  it('are counted: a request through the gateway runs SQL in every subgraph the dong page touches', async () => {
    const { counts } = await statementsFor(DONG_PAGE, { code: dongCode, first: 10 });
    for (const name of SUBGRAPH_NAMES) expect(counts[name]).toBeGreaterThan(0);
  });
});
