/**
 * De-duplication of identical in-flight subgraph queries (gateway/dedup.ts),
 * against a subgraph stand-in that counts its fetches and answers when told.
 */
import { deduplicatingFetcher, deduplicationKey, type DeduplicationStats } from '../../gateway/dedup';
import { graphql, testStack } from '../support/stack';

const URL = 'http://subgraph.test/graphql';

/** A fetcher that records each call and answers only when `release()` is called. */
function slowSubgraph() {
  const calls: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetcher = async (_url: string, init?: { body?: unknown }) => {
    calls.push(String(init?.body));
    await released;
    return new Response(JSON.stringify({ data: { n: calls.length } }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { calls, release, fetcher: fetcher as never };
}

const post = (body: object, authorization?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  body: JSON.stringify(body),
});

describe('de-duplication of in-flight subgraph queries', () => {
  it('sends identical concurrent queries once and gives every caller the answer', async () => {
    const subgraph = slowSubgraph();
    const stats: DeduplicationStats = { sent: 0, shared: 0 };
    const fetch = deduplicatingFetcher(subgraph.fetcher, stats);
    const pending = [1, 2, 3].map(() => fetch(URL, post({ query: '{ districts { code } }' }) as never));
    subgraph.release();
    const bodies = await Promise.all(pending.map(async (response) => (await response).json()));
    expect(subgraph.calls).toHaveLength(1);
    expect(bodies).toEqual([{ data: { n: 1 } }, { data: { n: 1 } }, { data: { n: 1 } }]);
    expect(stats).toEqual({ sent: 1, shared: 2 });
  });

  it('asks again once the first fetch has ended (it is no cache)', async () => {
    const subgraph = slowSubgraph();
    const fetch = deduplicatingFetcher(subgraph.fetcher);
    subgraph.release();
    await (await fetch(URL, post({ query: '{ districts { code } }' }) as never)).text();
    await (await fetch(URL, post({ query: '{ districts { code } }' }) as never)).text();
    expect(subgraph.calls).toHaveLength(2);
  });

  it('never shares mutations', async () => {
    const subgraph = slowSubgraph();
    const fetch = deduplicatingFetcher(subgraph.fetcher);
    const body = { query: 'mutation($input: EnrollInput!) { enroll(input: $input) { enrollment { id } } }', variables: { input: { programId: 'P1' } } };
    const pending = [fetch(URL, post(body) as never), fetch(URL, post(body) as never)];
    subgraph.release();
    await Promise.all(pending);
    expect(subgraph.calls).toHaveLength(2);
  });

  it('does not share between different callers or different variables', () => {
    const query = 'query($code: ID!) { district(code: $code) { nameEn } }';
    const keys = [
      deduplicationKey(URL, post({ query, variables: { code: '11680' } }, 'Bearer a')),
      deduplicationKey(URL, post({ query, variables: { code: '11680' } }, 'Bearer b')),
      deduplicationKey(URL, post({ query, variables: { code: '11440' } }, 'Bearer a')),
      deduplicationKey('http://other.test/graphql', post({ query, variables: { code: '11680' } }, 'Bearer a')),
    ];
    expect(new Set(keys).size).toBe(4);
    expect(keys[0]).toBe(deduplicationKey(URL, post({ query, variables: { code: '11680' } }, 'Bearer a')));
  });

  it('answers identical concurrent requests through the gateway, each in full', async () => {
    const query = '{ district(code: "11680") { nameEn educationOffice { nameEn } libraries(first: 3) { totalCount } } }';
    const answers = await Promise.all(Array.from({ length: 8 }, () => graphql(testStack().gatewayUrl, query)));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(answers[0].data);
    }
    expect(answers[0].data!.district.educationOffice.nameEn).toBeTruthy();
  });
});
