/**
 * De-duplication of identical in-flight subgraph queries (gateway/dedup.ts,
 * used by gateway/subgraph-fetch.ts), against a subgraph stand-in that counts
 * its fetches and answers when told, and through the running hub.
 */
import { SubgraphConnectionPool, SubgraphDataSource, type Transport } from '../../gateway/subgraph-fetch';
import { InFlightSharing } from '../../gateway/dedup';
import { graphql, testStack } from '../support/stack';

/** A transport that records each request and answers only when `release()` is called. */
function slowSubgraph() {
  const calls: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const transport: Transport = async (_url, body) => {
    calls.push(body);
    await released;
    return { status: 200, body: JSON.stringify({ data: { n: calls.length } }) };
  };
  return { calls, release, transport };
}

/** The stand-in's requests go through `transport`: the pool only lends its timeout to error messages. */
const pool = new SubgraphConnectionPool({ timeoutMs: 1000 });
afterAll(() => pool.close());

/** A data source for the stand-in; the caller's token comes from the context, as in the gateway. */
function dataSourceOver(transport: Transport, sharing = new InFlightSharing()) {
  return new SubgraphDataSource<{ authorization?: string }>({
    name: 'stand-in',
    url: 'http://subgraph.test/graphql',
    pool,
    retries: 0,
    transport,
    sharing,
    headersFor: ({ authorization }): Record<string, string> => (authorization ? { authorization } : {}),
  });
}

const fetchOf = (query: string, variables: Record<string, unknown> = {}, authorization?: string) =>
  ({
    kind: 'incoming operation',
    request: { query, variables },
    context: { authorization },
    incomingRequestContext: {},
  }) as never;

describe('de-duplication of in-flight subgraph queries', () => {
  it('sends identical concurrent queries once and gives every caller its own copy of the answer', async () => {
    const subgraph = slowSubgraph();
    const sharing = new InFlightSharing();
    const source = dataSourceOver(subgraph.transport, sharing);
    const pending = [1, 2, 3].map(() => source.process(fetchOf('{ districts { code } }')));
    subgraph.release();
    const answers = await Promise.all(pending);
    expect(subgraph.calls).toHaveLength(1);
    expect(answers).toEqual([{ data: { n: 1 } }, { data: { n: 1 } }, { data: { n: 1 } }]);
    expect(answers[0]).not.toBe(answers[1]); // the gateway merges into what it gets: no shared objects
    expect(sharing.stats).toEqual({ sent: 1, shared: 2 });
  });

  it('asks again once the first fetch has ended (it is no cache)', async () => {
    const subgraph = slowSubgraph();
    const source = dataSourceOver(subgraph.transport);
    subgraph.release();
    await source.process(fetchOf('{ districts { code } }'));
    await source.process(fetchOf('{ districts { code } }'));
    expect(subgraph.calls).toHaveLength(2);
  });

  it('never shares mutations', async () => {
    const subgraph = slowSubgraph();
    const source = dataSourceOver(subgraph.transport);
    const mutation = 'mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { id } } }';
    const pending = [1, 2].map(() => source.process(fetchOf(mutation, { input: { programId: 'P1' } })));
    subgraph.release();
    await Promise.all(pending);
    expect(subgraph.calls).toHaveLength(2);
  });

  it('does not share between different callers or different variables', async () => {
    const subgraph = slowSubgraph();
    const source = dataSourceOver(subgraph.transport);
    const query = 'query($code: ID!) { district(code: $code) { nameEn } }';
    const pending = [
      source.process(fetchOf(query, { code: '11680' }, 'Bearer a')),
      source.process(fetchOf(query, { code: '11680' }, 'Bearer b')),
      source.process(fetchOf(query, { code: '11440' }, 'Bearer a')),
      source.process(fetchOf(query, { code: '11680' }, 'Bearer a')),
    ];
    subgraph.release();
    await Promise.all(pending);
    expect(subgraph.calls).toHaveLength(3);
  });

  it('answers identical concurrent requests through the gateway, each in full', async () => {
    const query =
      '{ district(code: "11680") { nameEn educationOffice { nameEn } libraries(first: 3) { totalCount } } }';
    const answers = await Promise.all(Array.from({ length: 8 }, () => graphql(testStack().gatewayUrl, query)));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(answers[0].data);
    }
    expect(answers[0].data!.district.educationOffice.nameEn).toBeTruthy();
  });
});
