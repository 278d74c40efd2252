/**
 * Batching of one request's concurrent fetches to one subgraph
 * (gateway/batching.ts): merged into one operation, the answer split back.
 * Through the running hub (the stack's gateway batches by default) against a
 * gateway started with SUBGRAPH_BATCHING=false, and with a stand-in subgraph
 * for how answers and errors are routed.
 */
import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, parse, print } from 'graphql';
import { BatchingDataSource, mergeOperations, mergeVariables, splitResponse } from '../../gateway/batching';
import type { RunningGateway } from '../../gateway/gateway';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../lib/config';
import { DONG_PAGE } from '../../scripts/bench/operations';
import { startTestGateway } from '../support/gateway';
import { graphql, testStack } from '../support/stack';

const ENTITIES =
  'query Q__libraries__2($representations: [_Any!]!) { _entities(representations: $representations) { ... on Library { name } } }';
const SPACES = `query Q__libraries__6($representations: [_Any!]!, $first: Int) {
  _entities(representations: $representations) { ...SpaceName } other: _service { sdl } }
fragment SpaceName on LibrarySpace { name library { name } }`;

type Process = GraphQLDataSource['process'];
type ProcessOptions = Parameters<Process>[0];

/** A stand-in subgraph that records what it is sent and answers with `answer(options)`. */
function standIn(answer: (options: ProcessOptions) => Promise<Awaited<ReturnType<Process>>>) {
  const sent: ProcessOptions[] = [];
  const source: GraphQLDataSource = {
    process: (options) => {
      sent.push(options);
      return answer(options);
    },
  };
  return { sent, source };
}

/** What the query planner hands a data source for one fetch of one client request. */
function planFetch(query: string, variables: Record<string, unknown>, context: object): ProcessOptions {
  return {
    kind: 'incoming operation',
    request: { query, variables, operationName: query.match(/query (\w+)/)?.[1] },
    context,
    incomingRequestContext: {},
  } as never;
}

async function graphqlRequestsPerSubgraph(): Promise<Record<SubgraphName, number>> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const text = await (await fetch(new URL('/metrics', testStack().subgraphUrls[name]))).text();
      const line = text
        .split('\n')
        .find((l) => l.startsWith('baeumteo_http_requests_total{route="/graphql",status="200"'));
      return [name, line ? Number(line.split(' ').pop()) : 0] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, number>;
}

async function dongPageCost(url: string, code: string) {
  const before = await graphqlRequestsPerSubgraph();
  const answer = await graphql(url, DONG_PAGE.query, { code, first: 10 }, { 'cache-control': 'no-cache' });
  const after = await graphqlRequestsPerSubgraph();
  const requests = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, after[name] - before[name]])) as Record<
    SubgraphName,
    number
  >;
  return { answer, requests };
}

describe('merging subgraph operations', () => {
  it('aliases root fields and renames variables and fragments with a prefix per part', () => {
    const merged = mergeOperations([
      { document: parse(ENTITIES), operationName: 'Q__libraries__2' },
      { document: parse(SPACES) },
    ]);
    expect(merged.operationName).toBe('Q__libraries__2__batch2');
    expect(print(parse(merged.query))).toBe(
      print(
        parse(`query Q__libraries__2__batch2($_0_representations: [_Any!]!, $_1_representations: [_Any!]!, $_1_first: Int) {
          _0__entities: _entities(representations: $_0_representations) { ... on Library { name } }
          _1__entities: _entities(representations: $_1_representations) { ..._1_SpaceName }
          _1_other: _service { sdl }
        }
        fragment _1_SpaceName on LibrarySpace { name library { name } }`),
      ),
    );
    expect(mergeVariables([{ representations: [1] }, { representations: [2], first: 3 }])).toEqual({
      _0_representations: [1],
      _1_representations: [2],
      _1_first: 3,
    });
  });

  it('gives each part its own data and the errors its path names, with the path as the part asked; an error without a path once', () => {
    const pathError = { message: 'no such library', path: ['_1__entities', 0, 'name'] };
    const wholeError = { message: 'subgraph overloaded' };
    const [first, second] = splitResponse(
      {
        data: { _0__entities: [{ name: 'A' }], _1__entities: [null], _1_other: { sdl: '' } },
        errors: [pathError, wholeError],
      },
      2,
    );
    expect(first).toEqual({ data: { _entities: [{ name: 'A' }] }, errors: [wholeError] });
    expect(second).toEqual({
      data: { _entities: [null], other: { sdl: '' } },
      errors: [{ ...pathError, path: ['_entities', 0, 'name'] }],
    });
  });

  it('gives no part an answer when the subgraph nulled or refused the whole operation', () => {
    const error = { message: 'Could not find type "Nope"', path: ['_1__entities'] };
    expect(splitResponse({ data: null, errors: [error] }, 2)).toEqual([undefined, undefined]);
    expect(splitResponse({ errors: [{ message: 'overloaded' }] }, 2)).toEqual([undefined, undefined]);
  });
});

describe('a batching data source', () => {
  it('sends the concurrent fetches of one request as one and answers each from its part', async () => {
    const subgraph = standIn(async ({ request }) => ({
      data: Object.fromEntries(
        Object.entries(request.variables ?? {}).map(([name, value]) => [`${name.slice(0, 3)}_entities`, value]),
      ),
    }));
    const batching = new BatchingDataSource(subgraph.source);
    const request = {};
    const answers = await Promise.all([
      batching.process(planFetch(ENTITIES, { representations: ['a'] }, request)),
      batching.process(planFetch(ENTITIES, { representations: ['b'] }, request)),
    ]);
    expect(subgraph.sent).toHaveLength(1);
    expect(subgraph.sent[0].request.operationName).toBe('Q__libraries__2__batch2');
    expect(answers).toEqual([{ data: { _entities: ['a'] } }, { data: { _entities: ['b'] } }]);
  });

  it('keeps the fetches of different requests apart, and sends a lone fetch unchanged', async () => {
    const subgraph = standIn(async () => ({ data: { _entities: [] } }));
    const batching = new BatchingDataSource(subgraph.source);
    await Promise.all([
      batching.process(planFetch(ENTITIES, { representations: [] }, { request: 1 })),
      batching.process(planFetch(ENTITIES, { representations: [] }, { request: 2 })),
    ]);
    expect(subgraph.sent.map((options) => options.request.query)).toEqual([ENTITIES, ENTITIES]);
  });

  it('never merges mutations', async () => {
    const subgraph = standIn(async () => ({ data: { enroll: null } }));
    const batching = new BatchingDataSource(subgraph.source);
    const mutation = 'mutation M($input: EnrollInput!) { enroll(input: $input) { enrollment { id } } }';
    const request = {};
    await Promise.all([1, 2].map((n) => batching.process(planFetch(mutation, { input: { n } }, request))));
    expect(subgraph.sent).toHaveLength(2);
    expect(subgraph.sent.map((options) => options.request.query)).toEqual([mutation, mutation]);
  });

  it("fails every part of a batch whose request failed, with the subgraph's error", async () => {
    const unavailable = new Error('Subgraph "libraries" is unavailable');
    const batching = new BatchingDataSource(standIn(() => Promise.reject(unavailable)).source);
    const request = {};
    const outcomes = await Promise.allSettled(
      [1, 2].map(() => batching.process(planFetch(ENTITIES, { representations: [] }, request))),
    );
    expect(outcomes).toEqual([
      { status: 'rejected', reason: unavailable },
      { status: 'rejected', reason: unavailable },
    ]);
  });
});

describe('a batching data source under faults', () => {
  it('asks the parts again one by one when the subgraph nulled the whole merged answer, so a sibling keeps its data', async () => {
    const subgraph = standIn(async ({ request }) => {
      if (request.operationName?.endsWith('__batch2'))
        return { data: null, errors: [{ message: 'bad representation', path: ['_1__entities'] }] };
      const [representation] = request.variables!.representations as string[];
      if (representation === 'bad')
        return { data: null, errors: [{ message: 'bad representation', path: ['_entities'] }] };
      return { data: { _entities: [representation] } };
    });
    const batching = new BatchingDataSource(subgraph.source);
    const request = {};
    const answers = await Promise.all([
      batching.process(planFetch(ENTITIES, { representations: ['good'] }, request)),
      batching.process(planFetch(ENTITIES, { representations: ['bad'] }, request)),
    ]);
    expect(answers).toEqual([
      { data: { _entities: ['good'] } },
      { data: null, errors: [{ message: 'bad representation', path: ['_entities'] }] },
    ]);
    expect(subgraph.sent.map((options) => options.request.operationName)).toEqual([
      'Q__libraries__2__batch2',
      'Q__libraries__2',
      'Q__libraries__2',
    ]);
  });

  it("gives each part the subgraph's named error at the first field it was to fill when the merged request fails", async () => {
    const unavailable = new GraphQLError('Subgraph "libraries" is unavailable: it could not be reached.', {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'libraries', reason: 'network' },
    });
    const batching = new BatchingDataSource(standIn(() => Promise.reject(unavailable)).source);
    const request = {};
    const answers = await Promise.all(
      [ENTITIES, SPACES].map((query) => batching.process(planFetch(query, { representations: [] }, request))),
    );
    const error = { message: unavailable.message, extensions: unavailable.extensions };
    expect(answers).toEqual([
      { errors: [{ ...error, path: ['_entities', 0, 'name'] }] },
      { errors: [{ ...error, path: ['_entities', 0, 'name'] }] },
    ]);
  });
});

describe('batching through the gateway', () => {
  let unbatched: RunningGateway;

  beforeAll(async () => {
    unbatched = await startTestGateway({ SUBGRAPH_BATCHING: 'false' });
  });

  afterAll(() => unbatched.stop());

  it('answers the dong page exactly as without batching, with fewer requests to the subgraphs', async () => {
    const code = '1168064000'; // 역삼1동: centers with programs hosted by schools, libraries and others
    const without = await dongPageCost(unbatched.url, code);
    const batched = await dongPageCost(testStack().gatewayUrl, code);
    expect(batched.answer.errors).toBeUndefined();
    expect(batched.answer.data).toEqual(without.answer.data);
    expect(batched.answer.data!.dong.learningCenters.length).toBeGreaterThan(0);
    // The dong page's plan is one fetch to centers, then one parallel step: batched, one request per subgraph.
    const total = (requests: Record<SubgraphName, number>) => Object.values(requests).reduce((a, b) => a + b, 0);
    expect(total(without.requests)).toBeGreaterThan(total(batched.requests));
    for (const name of SUBGRAPH_NAMES) expect(batched.requests[name]).toBeLessThanOrEqual(1);
  });
});
